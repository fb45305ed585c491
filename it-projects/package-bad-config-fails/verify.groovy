def log = new File(basedir, 'build.log').text
assert log.contains("Invalid <handler>: <function> 'processing' has no <handler>")
assert log.contains('How to fix: set it to the module and function Lambda calls')
assert !log.contains('NullPointerException')
assert !new File(basedir, 'target/lambda-zip/processing.zip').exists()
return true
