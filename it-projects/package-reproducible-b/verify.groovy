def a = new File(basedir, '../package-reproducible-a/target/lambda-zip/reporter.zip')
def b = new File(basedir, 'target/lambda-zip/reporter.zip')
assert a.exists() : 'package-reproducible-a must run first (invoker.ordinal)'
assert a.bytes == b.bytes : 'the same sources in another folder, time zone, umask and order gave other bytes'
assert new File(basedir, '../package-reproducible-a/target/lambda-zip/reporter.zip.sha256').text.split(' ')[0] ==
        new File(basedir, 'target/lambda-zip/reporter.zip.sha256').text.split(' ')[0]
return true
