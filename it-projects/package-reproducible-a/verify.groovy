assert new File(basedir, 'target/lambda-zip/reporter.zip').exists()
return true
