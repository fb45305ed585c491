package io.github.lambdazip.zip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;

/** One entry's bytes as they go into the zip (deflated or stored), in memory or in a spill file. */
final class CompressedEntry implements AutoCloseable {

    final int method;
    final long crc;
    final long size;
    final long compressedSize;
    private final byte[] bytes;
    private final Path file;
    private final boolean deleteFile;

    private CompressedEntry(int method, long crc, long size, long compressedSize, byte[] bytes, Path file,
            boolean deleteFile) {
        this.method = method;
        this.crc = crc;
        this.size = size;
        this.compressedSize = compressedSize;
        this.bytes = bytes;
        this.file = file;
        this.deleteFile = deleteFile;
    }

    static CompressedEntry inMemory(int method, long crc, long size, byte[] bytes, int length) {
        byte[] exact = bytes.length == length ? bytes : java.util.Arrays.copyOf(bytes, length);
        return new CompressedEntry(method, crc, size, length, exact, null, false);
    }

    static CompressedEntry deflatedFile(long crc, long size, Path spill) throws IOException {
        return new CompressedEntry(ZipEntry.DEFLATED, crc, size, Files.size(spill), null, spill, true);
    }

    static CompressedEntry storedFile(long crc, long size, Path source) {
        return new CompressedEntry(ZipEntry.STORED, crc, size, size, null, source, false);
    }

    InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        if (deleteFile) {
            Files.deleteIfExists(file);
        }
    }
}
