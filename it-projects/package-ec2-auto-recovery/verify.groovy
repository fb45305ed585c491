import java.security.MessageDigest
import java.util.zip.ZipFile

def out = new File(basedir, 'target/lambda-zip')
def names = { f -> def z = new ZipFile(f); try { z.entries().collect { it.name } } finally { z.close() } }

def notifier = new File(out, 'notifier.zip')
assert names(notifier) == ['notifier/__init__.py', 'notifier/notification_handler.py',
                           'prediction_engine/__init__.py', 'prediction_engine/predictor.py']
assert names(new File(out, 'predictor.zip')) == ['prediction_engine/__init__.py', 'prediction_engine/predictor.py']

def digest = MessageDigest.getInstance('SHA-256').digest(notifier.bytes)
def hex = digest.encodeHex().toString()
assert new File(out, 'notifier.zip.sha256').text == "${hex}  notifier.zip\n"
assert new File(out, 'notifier.zip.base64sha256').text == digest.encodeBase64().toString()

def manifest = new groovy.json.JsonSlurper().parse(new File(out, 'manifest.json'))
assert manifest.artifacts*.name == ['notifier', 'predictor']
def entry = manifest.artifacts[0]
assert entry.kind == 'function'
assert entry.handler == 'notifier.notification_handler.lambda_handler'
assert entry.runtime == 'python3.12' && entry.architecture == 'x86_64'
assert entry.path == 'notifier.zip' && entry.size == notifier.length() && entry.entries == 4
assert entry.sha256 == hex && entry.base64sha256 == digest.encodeBase64().toString()

// attached with classifier = name, so install/deploy publish it
def repo = new File(localRepositoryPath, 'io/github/lambdazip/it/ec2-auto-recovery/1.0.0')
assert new File(repo, 'ec2-auto-recovery-1.0.0-notifier.zip').bytes == notifier.bytes
assert new File(repo, 'ec2-auto-recovery-1.0.0-predictor.zip').exists()

def log = new File(basedir, 'build.log').text
assert log.contains('function notifier: ')
assert log.contains("sha256 ${hex}")
return true
