package io.github.lambdazip.zip;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * One entry's bytes as they go into the zip (deflated or stored): in memory, in a spill file, or a range of the
 * previous zip. Besides the CRC-32 of the content, it knows the CRC-32 of the bytes themselves, which the build state
 * keeps so the next build can tell whether the bytes it finds in this zip are still these.
 */
final class CompressedEntry implements AutoCloseable {

    private static final int COPY_BUFFER = 64 * 1024;

    final int method;
    final long crc;
    final long size;
    final long compressedSize;
    /** The CRC-32 of the stored bytes: the content's own for a stored entry. */
    final int dataCrc;
    /** Whether the bytes come from the previous zip. */
    private boolean reused;
    private final byte[] bytes;
    /** Where in {@link #bytes} the entry's bytes start: several copied entries share one read of the previous zip. */
    private int bytesOffset;
    private final Path file;
    private final boolean deleteFile;
    private final FileChannel previous;
    private final long previousOffset;

    private CompressedEntry(int method, long crc, long size, long compressedSize, int dataCrc, byte[] bytes, Path file,
            boolean deleteFile, FileChannel previous, long previousOffset) {
        this.method = method;
        this.crc = crc;
        this.size = size;
        this.compressedSize = compressedSize;
        this.dataCrc = dataCrc;
        this.bytes = bytes;
        this.file = file;
        this.deleteFile = deleteFile;
        this.previous = previous;
        this.previousOffset = previousOffset;
    }

    static CompressedEntry inMemory(int method, long crc, long size, byte[] bytes) {
        int dataCrc = method == ZipEntry.STORED ? (int) crc : crcOf(bytes);
        return new CompressedEntry(method, crc, size, bytes.length, dataCrc, bytes, null, false, null, 0);
    }

    static CompressedEntry deflatedFile(long crc, long size, Path spill, int dataCrc) throws IOException {
        return new CompressedEntry(ZipEntry.DEFLATED, crc, size, Files.size(spill), dataCrc, null, spill, true, null,
                0);
    }

    static CompressedEntry storedFile(long crc, long size, Path source) {
        return new CompressedEntry(ZipEntry.STORED, crc, size, size, (int) crc, null, source, false, null, 0);
    }

    /** Bytes read from the previous zip and checked against its record: {@code bytes} from {@code offset}. */
    static CompressedEntry reusedInMemory(PreviousZip.Entry recorded, byte[] bytes, int offset) {
        CompressedEntry entry = new CompressedEntry(recorded.method(), recorded.crc(), recorded.size(),
                recorded.compressedSize(), recorded.dataCrc(), bytes, null, false, null, 0);
        entry.bytesOffset = offset;
        entry.reused = true;
        return entry;
    }

    /** A range of the previous zip, checked against its record, copied when written (and checked again then). */
    static CompressedEntry reusedRange(PreviousZip.Entry recorded, FileChannel previous, long dataOffset) {
        CompressedEntry entry = new CompressedEntry(recorded.method(), recorded.crc(), recorded.size(),
                recorded.compressedSize(), recorded.dataCrc(), null, null, false, previous, dataOffset);
        entry.reused = true;
        return entry;
    }

    boolean reused() {
        return reused;
    }

    /** Appends the entry's bytes; a file that no longer has the bytes it had when compressed is an error. */
    void writeTo(HashingOutput out) throws IOException {
        if (bytes != null) {
            out.write(bytes, bytesOffset, (int) compressedSize);
            return;
        }
        if (previous != null) {
            copyRange(out);
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

    private void copyRange(HashingOutput out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER);
        CRC32 check = new CRC32();
        long at = previousOffset;
        long end = previousOffset + compressedSize;
        while (at < end) {
            buffer.clear().limit((int) Math.min(COPY_BUFFER, end - at));
            int n = previous.read(buffer, at);
            if (n < 0) {
                break;
            }
            check.update(buffer.array(), 0, n);
            out.write(buffer.array(), 0, n);
            at += n;
        }
        if (at != end || (int) check.getValue() != dataCrc) {
            throw new IOException("the previous zip changed while its entries were being copied; run the build again");
        }
    }

    static int crcOf(byte[] bytes) {
        return crcOf(bytes, 0, bytes.length);
    }

    static int crcOf(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        if (deleteFile) {
            Files.deleteIfExists(file);
        }
    }
}
