import java.security.MessageDigest

def jdkOut = new File(basedir, 'target/native')
def javaOut = new File(basedir, 'target/java')
['report.zip', 'report.zip.sha256', 'report.zip.base64sha256', 'manifest.json'].each { name ->
    def a = new File(jdkOut, name)
    def b = new File(javaOut, name)
    assert a.isFile() && b.isFile() : name
    assert Arrays.equals(a.bytes, b.bytes) : "${name} differs between the JDK's zlib and the built-in encoder"
}
def zip = new File(jdkOut, 'report.zip')
assert zip.length() > 100_000 && zip.length() < 1_000_000 : 'deflated, not stored'
def hex = MessageDigest.getInstance('SHA-256').digest(zip.bytes).encodeHex().toString()
assert new File(jdkOut, 'report.zip.sha256').text == "${hex}  report.zip\n"
def log = new File(basedir, 'build.log').text
assert log.contains('Lambda zips: 0 up to date, 1 written')
return true
