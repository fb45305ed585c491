def log = new File(basedir, 'build.log').text
assert log.contains('[HANDLER_MODULE_MISSING] lambda/notifier/notification_handler.py')
assert log.contains("No module named 'notifier'")
assert log.contains("found under the folder 'lambda/'")
assert log.contains('<sources><source>src/lambda</source></sources>')
assert log.contains('<handler>lambda.notifier.notification_handler.lambda_handler</handler>')
assert !new File(basedir, 'target/lambda-zip/notifier.zip').exists()
assert !new File(basedir, 'target/lambda-zip/manifest.json').exists()
return true
