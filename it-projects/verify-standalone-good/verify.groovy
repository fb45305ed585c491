def log = new File(basedir, 'build.log').text
assert log.contains('function good (')
assert log.contains('no findings')
assert log.contains('Verified 1 package(s): 0 error(s), 0 warning(s)')
assert log.contains('BUILD SUCCESS')
def reports = new File(basedir, 'target/lambda-zip-reports')
assert new groovy.json.JsonSlurper().parse(new File(reports, 'lambda-zip-verify.json')).errors == 0
assert new File(reports, 'TEST-lambda-zip-verify.xml').text.contains('failures="0"')
return true
