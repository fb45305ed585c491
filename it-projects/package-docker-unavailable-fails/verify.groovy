def log = new File(basedir, 'build.log').text
assert log.contains('Cannot reach a Docker engine at unix:///nonexistent/lambdazip/docker.sock')
assert log.contains('How to fix: start Docker')
assert !new File(basedir, 'target/lambda-zip/api.zip').exists()
return true
