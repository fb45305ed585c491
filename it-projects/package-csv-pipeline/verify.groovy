import java.util.zip.ZipFile

def out = new File(basedir, 'target/lambda-zip')
def read = { name -> def z = new ZipFile(new File(out, name)); try { z.entries().collectEntries { [(it.name): z.getInputStream(it).text] } } finally { z.close() } }

def ingest = read('ingest.zip')
def transform = read('transform.zip')
assert ingest.keySet() as List == ['app.py', 'csvkit_lite/__init__.py', 'csvkit_lite/parse.py']
assert transform.keySet() as List == ['app.py', 'csvkit_lite/__init__.py', 'csvkit_lite/parse.py']
assert ingest['app.py'].contains('Reads an uploaded CSV')
assert transform['app.py'].contains('Normalizes parsed rows')
assert ingest['csvkit_lite/parse.py'] == new File(basedir, 'shared/csvkit_lite/parse.py').text
def manifest = new groovy.json.JsonSlurper().parse(new File(out, 'manifest.json'))
assert manifest.artifacts*.handler == ['app.handler', 'app.handler']
return true
