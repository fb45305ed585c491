import java.util.zip.ZipFile

def zip = new ZipFile(new File(basedir, 'target/lambda-zip/adder.zip'))
try {
    def names = zip.entries().collect { it.name }
    def so = 'fastmath.cpython-311-x86_64-linux-gnu.so'
    assert names.contains(so)
    assert names.contains('app.py') && names.contains('purehelper/__init__.py')
    assert !names.contains('requirements.txt')
    assert names.every { !it.endsWith('.pyc') && !it.endsWith('direct_url.json') }
    byte[] elf = zip.getInputStream(zip.getEntry(so)).bytes
    assert elf[0] == 0x7f && new String(elf, 1, 3, 'US-ASCII') == 'ELF'
    assert ((elf[18] & 0xff) | ((elf[19] & 0xff) << 8)) == 62 : 'an x86-64 ELF'
} finally {
    zip.close()
}
def log = new File(basedir, 'build.log').text
assert log.contains('[adder] Installing dependencies in ')
assert log.contains('[adder] [pip] ')
assert log.contains('Connecting to the Docker engine at ')
assert !log.contains('LAMBDAZIP-PROBE')
assert !log.contains('Error during callback')
assert log.contains('[pip] ')
assert log.contains('Successfully installed fastmath-1.0 purehelper-1.0')
assert log.contains('[adder] Building fastmath from source in ') : 'a source build in an image newer than Lambda is pointed out'
assert log.contains('public.ecr.aws/sam/build-python3.11:latest-x86_64')
return true
