import java.util.zip.ZipFile

// The checks every package-lock-* project shares: the greeter locked in ${lockFile} installs exactly the locked
// versions, for x86_64. The project's verify.groovy sets lockFile and lockKind, and for a layer artifactName and
// entryPrefix ('python/'), then evaluates this file.
def name = binding.hasVariable('artifactName') ? artifactName : 'greeter'
def prefix = binding.hasVariable('entryPrefix') ? entryPrefix : ''
def out = new File(basedir, 'target/lambda-zip')
def zip = new ZipFile(new File(out, "${name}.zip"))
def names
def words
try {
    names = zip.entries().collect { it.name }
    words = zip.getInputStream(zip.getEntry(prefix + 'lzwords.py')).text
} finally {
    zip.close()
}
['lzgreet-1.0', 'lzwords-1.0', 'lzx86-1.0'].each { assert names.contains("${prefix}${it}.dist-info/METADATA".toString()) : names }
assert ['lzgreet.py', 'lzwords.py', 'lzx86.py'].every { names.contains(prefix + it) }
assert !names.any { it.contains('lzgreet-1.1') || it.contains('lzwords-2.0') || it.contains('lzarm') } : 'only the locked versions, only for x86_64'
assert words.contains('VERSION = "1.0"') && words.contains('WORD = "hello"')
assert !names.any { it.endsWith(lockFile) || it.endsWith('pyproject.toml') } : 'the lock is not shipped'

def manifest = new groovy.json.JsonSlurper().parse(new File(out, 'manifest.json'))
def artifact = manifest.artifacts.find { it.name == name }
assert artifact.dependencies == [[name: 'lzgreet', version: '1.0'], [name: 'lzwords', version: '1.0'], [name: 'lzx86', version: '1.0']]

def log = new File(basedir, 'build.log').text
assert log.contains("[INFO] [${name}] Resolved ${lockKind} ${lockFile} for python3.11 on x86_64: 3 packages, hashes required".toString())
['lzgreet==1.0', 'lzwords==1.0', 'lzx86==1.0'].each { assert log.contains("[INFO] [${name}] ${it} (from ${lockFile})".toString()) }
assert !log.contains('lzarm==1.0 (from')
assert log.contains('--no-index --no-deps --require-hashes -r /lambdazip/locked-requirements.txt')
assert log.contains('Successfully installed lzgreet-1.0 lzwords-1.0 lzx86-1.0')
assert !log.contains("[WARNING] [${name}] ${lockFile}".toString()) : 'the lock is current and fully hashed'
return true
