def log = new File(basedir, 'build.log').text
assert log.contains('[HANDLER_MODULE_MISSING] lambda/notifier/notification_handler.py')
assert log.contains('[FILE_PERMISSIONS] lambda/notifier/notification_handler.py')
assert log.contains('[NATIVE_PLATFORM] pydantic_core/_pydantic_core.cp312-win_amd64.pyd')
assert log.contains('How to fix:')
assert log.contains('BUILD FAILURE')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/lambda-zip-reports/lambda-zip-verify.json'))
assert report.errors >= 3
assert report.packages[0].findings*.rule.containsAll(['HANDLER_MODULE_MISSING', 'FILE_PERMISSIONS', 'NATIVE_PLATFORM'])
return true
