import java.nio.file.Files
import java.nio.file.attribute.FileTime
import java.nio.file.attribute.PosixFilePermissions

// Copy a's sources in reverse order, with other modes and modification times, as another machine would have them.
def from = new File(basedir, '../package-reproducible-a/lambda').toPath()
def to = new File(basedir, 'lambda').toPath()
def files = []
from.toFile().eachFileRecurse(groovy.io.FileType.FILES) { files << it.toPath() }
files.sort().reverse().each { source ->
    def target = to.resolve(from.relativize(source).toString())
    Files.createDirectories(target.parent)
    Files.copy(source, target)
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString('rw-------'))
    Files.setLastModifiedTime(target, FileTime.fromMillis(System.currentTimeMillis() + files.indexOf(source) * 7919000L))
}
return true
