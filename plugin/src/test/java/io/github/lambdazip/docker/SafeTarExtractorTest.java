package io.github.lambdazip.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTarExtractorTest {

    @TempDir
    Path dir;

    private interface Writer {
        void write(TarArchiveOutputStream tar) throws Exception;
    }

    private static byte[] tar(Writer writer) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            writer.write(tar);
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content, int mode) throws Exception {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(data.length);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream tar, String name, String target, byte type) throws Exception {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    @Test
    void extract_stripsThePrefixAndNormalizesModes() throws Exception {
        byte[] archive = tar(t -> {
            file(t, "out/pkg/__init__.py", "X = 1\n", 0100600);
            file(t, "out/bin/tool", "#!/bin/sh\n", 0100700);
            link(t, "out/pkg/alias.py", "__init__.py", TarConstants.LF_SYMLINK);
        });
        Path dest = dir.resolve("dest");
        assertEquals(2, SafeTarExtractor.extract(new ByteArrayInputStream(archive), dest, "out"));
        assertEquals("X = 1\n", Files.readString(dest.resolve("pkg/__init__.py")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("pkg/__init__.py"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("bin/tool"))));
        assertTrue(Files.isSymbolicLink(dest.resolve("pkg/alias.py")));
    }

    @Test
    void extract_refusesEverythingThatCouldEscape() throws Exception {
        assertRefused(t -> file(t, "out/../evil.py", "x", 0100644), "'..'");
        assertRefused(t -> link(t, "out/up", "../../etc", TarConstants.LF_SYMLINK), "outside");
        assertRefused(t -> link(t, "out/abs", "/etc/passwd", TarConstants.LF_SYMLINK), "outside");
        assertRefused(t -> {
            link(t, "out/door", "pkg", TarConstants.LF_SYMLINK);
            file(t, "out/door/x.py", "x", 0100644);
        }, "through the link");
        assertRefused(t -> {
            TarArchiveEntry device = new TarArchiveEntry("out/dev", TarConstants.LF_CHR);
            t.putArchiveEntry(device);
            t.closeArchiveEntry();
        }, "special file");
        assertFalse(Files.exists(dir.resolve("evil.py")));
    }

    @Test
    void extract_keepsAbsoluteNamesInsideTheDestination() throws Exception {
        byte[] archive = tar(t -> {
            TarArchiveEntry entry = new TarArchiveEntry("/lambdazip-evil-" + System.nanoTime(), true);
            entry.setSize(1);
            t.putArchiveEntry(entry);
            t.write('x');
            t.closeArchiveEntry();
        });
        Path dest = dir.resolve("dest");
        try {
            SafeTarExtractor.extract(new ByteArrayInputStream(archive), dest, "");
        } catch (UnsafeArchiveException refused) {
            return; // refusing is as good as keeping it inside
        }
        try (var files = Files.list(dest)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("lambdazip-evil-")).count());
        }
    }

    private void assertRefused(Writer writer, String reason) throws Exception {
        byte[] archive = tar(writer);
        UnsafeArchiveException error = assertThrows(UnsafeArchiveException.class,
                () -> SafeTarExtractor.extract(new ByteArrayInputStream(archive), dir.resolve("d" + System.nanoTime()), "out"));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }
}
