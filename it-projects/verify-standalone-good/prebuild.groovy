import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

// A zip as Terraform's archive_file or `zip -r` would make it: code at the root, a layer beside it.
def zip = { String name, Map<String, String> files ->
    new ZipOutputStream(new FileOutputStream(new File(basedir, name))).withCloseable { out ->
        files.each { path, text -> out.putNextEntry(new ZipEntry(path)); out.write(text.bytes); out.closeEntry() }
    }
}
zip('good.zip', ['app.py': 'import json\nimport boto3\nimport shared_utils\n\ndef handler(event, context):\n    return json.dumps(shared_utils.ok())\n'])
zip('layer.zip', ['python/shared_utils/__init__.py': 'def ok():\n    return True\n'])
return true
