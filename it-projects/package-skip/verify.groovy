def log = new File(basedir, 'build.log').text
assert log.contains('Skipping lambda-zip:package (lambdazip.package.skip=true)')
assert !new File(basedir, 'target/lambda-zip').exists()
return true
