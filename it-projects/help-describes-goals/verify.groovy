def log = new File(basedir, 'build.log').text
assert log.contains('lambda-zip:package')
assert log.contains('python:3.12-slim') : 'the image default reads whole, not python:-slim'
assert !log.contains('python:-slim')
assert log.contains('keepDependencyFiles')
assert log.contains('User property: lambdazip.installTimeout')
return true
