import org.apache.commons.compress.archivers.zip.ZipArchiveEntry
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream

// The seeds' hand-made zip: code under lambda/, files only their owner can read, a dependency installed on Windows.
new ZipArchiveOutputStream(new File(basedir, 'broken.zip')).withCloseable { out ->
    def add = { String name, byte[] bytes, int mode ->
        def entry = new ZipArchiveEntry(name)
        entry.unixMode = 0100000 | mode
        out.putArchiveEntry(entry); out.write(bytes); out.closeArchiveEntry()
    }
    add('lambda/notifier/__init__.py', new byte[0], 0600)
    add('lambda/notifier/notification_handler.py', 'import pydantic\n\ndef lambda_handler(event, context):\n    pass\n'.bytes, 0600)
    byte[] pe = new byte[64]; pe[0] = 0x4d; pe[1] = 0x5a
    add('pydantic_core/_pydantic_core.cp312-win_amd64.pyd', pe, 0644)
}
return true
