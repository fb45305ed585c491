package io.github.lambdazip.zip;

import java.io.FileInputStream;
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

    static CompressedEntry inMemory(int method, long crc, long size, byte[] bytes) {
        return new CompressedEntry(method, crc, size, bytes.length, bytes, null, false);
    }

    static CompressedEntry deflatedFile(long crc, long size, Path spill) throws IOException {
        return new CompressedEntry(ZipEntry.DEFLATED, crc, size, Files.size(spill), null, spill, true);
    }

    static CompressedEntry storedFile(long crc, long size, Path source) {
        return new CompressedEntry(ZipEntry.STORED, crc, size, size, null, source, false);
    }

    /** Appends the entry's bytes; a file that no longer has the bytes it had when compressed is an error. */
    void writeTo(HashingOutput out) throws IOException {
        if (bytes != null) {
            out.write(bytes);
            return;
        }
        long copied;
        try (InputStream in = new FileInputStream(file.toFile())) {
            copied = out.transferFrom(in);
        }
        if (copied != compressedSize) {
            throw new IOException(file + " changed while it was being packaged; run the build again");
        }
    }

    @Override
    public void close() throws IOException {
        if (deleteFile) {
            Files.deleteIfExists(file);
        }
    }
}
