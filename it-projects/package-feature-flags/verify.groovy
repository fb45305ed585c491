import java.util.zip.ZipFile

def out = new File(basedir, 'target/lambda-zip')
def manifest = new groovy.json.JsonSlurper().parse(new File(out, 'manifest.json'))
assert manifest.artifacts*.name == ['get-flag', 'set-flag', 'list-flags', 'evaluate']
assert manifest.artifacts.every { it.handler == 'index.handler' && it.runtime == 'python3.13' && it.architecture == 'arm64' }
manifest.artifacts.each { a ->
    def zip = new ZipFile(new File(out, a.path))
    try {
        def entries = zip.entries().toList()
        assert entries*.name == ['index.py']
        // the DOS time fields hold outputTimestamp's UTC fields, whatever the build machine's zone
        def fields = java.time.LocalDateTime.ofInstant(entries[0].lastModifiedTime.toInstant(), java.time.ZoneId.systemDefault())
        assert fields.toString() == '2025-01-01T00:00'
    } finally {
        zip.close()
    }
}
assert new File(out, 'evaluate.zip.base64sha256').text ==~ /[A-Za-z0-9+\/]{43}=/
return true
