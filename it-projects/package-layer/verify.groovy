import java.util.zip.ZipFile

def out = new File(basedir, 'target/lambda-zip')
def names = { f -> def z = new ZipFile(f); try { z.entries().collect { it.name } } finally { z.close() } }
assert names(new File(out, 'db_layer.zip')) == ['python/db_helpers/__init__.py', 'python/db_helpers/connection.py']
assert names(new File(out, 'ingestion.zip')) == ['handler.py']
def manifest = new groovy.json.JsonSlurper().parse(new File(out, 'manifest.json'))
def layer = manifest.artifacts.find { it.name == 'db_layer' }
assert layer.kind == 'layer' && layer.handler == null && layer.entries == 2
assert manifest.artifacts.find { it.name == 'ingestion' }.layers == ['db_layer']
return true
