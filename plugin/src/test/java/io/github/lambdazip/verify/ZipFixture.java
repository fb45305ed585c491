package io.github.lambdazip.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds zips for tests, including ones no careful tool would write (duplicates, odd modes, odd names). */
final class ZipFixture {

    private record Item(String name, byte[] bytes, int mode) {}

    private final List<Item> items = new ArrayList<>();

    ZipFixture text(String name, String content) {
        return bytes(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    ZipFixture bytes(String name, byte[] bytes, int mode) {
        items.add(new Item(name, bytes, mode));
        return this;
    }

    ZipFixture file(String name, Path file) throws IOException {
        return bytes(name, Files.readAllBytes(file), 0755);
    }

    /** Names with '\\' are written as Windows tools write them: the raw name keeps the backslash. */
    byte[] build() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Item item : items) {
                ZipArchiveEntry entry = new ZipArchiveEntry(item.name().replace('\\', '|'));
                entry.setMethod(ZipEntry.DEFLATED);
                if (item.mode() >= 0) {
                    entry.setUnixMode((item.name().endsWith("/") ? 040000 : 0100000) | item.mode());
                }
                zip.putArchiveEntry(entry);
                zip.write(item.bytes());
                zip.closeArchiveEntry();
            }
        }
        byte[] bytes = out.toByteArray();
        for (Item item : items) {
            if (item.name().contains("\\")) {
                replaceAll(bytes, item.name().replace('\\', '|').getBytes(StandardCharsets.UTF_8),
                        item.name().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes;
    }

    private static void replaceAll(byte[] haystack, byte[] from, byte[] to) {
        for (int i = 0; i + from.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, haystack, i, to.length);
            }
        }
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, build());
        return file;
    }
}
