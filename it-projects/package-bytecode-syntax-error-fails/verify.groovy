def log = new File(basedir, 'build.log').text
assert log.contains("'orders' has code that Python 3.11 cannot compile, so importing it on Lambda would fail: "
        + "src/orders/parse.py:2: '(' was never closed")
assert log.contains('How to fix: fix the syntax error: the code must be valid Python 3.11')
assert log.contains('<compileBytecode> is -Dlambdazip.compileBytecode=')
assert !new File(basedir, 'target/lambda-zip/orders.zip').exists()
assert !new File(basedir, 'target/lambda-zip/manifest.json').exists()
return true
