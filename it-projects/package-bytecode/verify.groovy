import java.util.zip.ZipFile

/** The magic number and PEP 552 flags word of a .pyc entry. */
def header(ZipFile zip, String name) {
    byte[] pyc = zip.getInputStream(zip.getEntry(name)).bytes
    return [(pyc[0] & 0xff) | ((pyc[1] & 0xff) << 8),
            (pyc[4] & 0xff) | ((pyc[5] & 0xff) << 8) | ((pyc[6] & 0xff) << 16) | ((pyc[7] & 0xff) << 24)]
}

def function = new ZipFile(new File(basedir, 'target/lambda-zip/greeter.zip'))
def layer = new ZipFile(new File(basedir, 'target/lambda-zip/common.zip'))
try {
    def names = function.entries().collect { it.name }
    for (pyc in ['__pycache__/app.cpython-311.pyc', 'purehelper/__pycache__/__init__.cpython-311.pyc']) {
        assert names.contains(pyc) : names
        assert header(function, pyc) == [3495, 1] : 'Python 3.11 bytecode, unchecked-hash'
    }
    assert names.contains('app.py') && names.contains('purehelper/__init__.py') : 'the sources ship too'
    assert !names.any { it.startsWith('purehelper-1.0.dist-info/') && it.endsWith('.pyc') }
    def layerNames = layer.entries().collect { it.name }
    assert layerNames.contains('python/common/__pycache__/formatting.cpython-311.pyc') : layerNames
    assert header(layer, 'python/common/__pycache__/formatting.cpython-311.pyc') == [3495, 1]
} finally {
    function.close()
    layer.close()
}
def log = new File(basedir, 'build.log').text
assert log.contains('[greeter] Compiling ') && log.contains(' Python sources to bytecode in ')
assert log.contains('[common] Compiling ')
assert !log.contains('BYTECODE_STALE') : 'the verify goal accepts the bytecode the package goal wrote'
assert !log.contains('LAMBDAZIP-')
return true
