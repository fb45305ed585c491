package io.github.lambdazip.zip;

import io.github.lambdazip.stage.StagedEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * Copies unchanged entries out of the previous zip, on the compressing threads. An entry is copied only when the
 * bytes found at its recorded place are exactly its local header as this writer would write it now (name, method,
 * time, flags, CRC-32, sizes) followed by compressed bytes with the recorded CRC-32; whatever else is there (a
 * truncated, edited or foreign zip) is not copied, and the entry is compressed from its file instead. Nothing in the
 * previous zip but those two ranges is read: its central directory is not trusted, the writer builds its own.
 */
final class EntryReuser implements AutoCloseable {

    private static final int READ_BUFFER = 64 * 1024;

    private final PreviousZip previous;
    private final FileChannel channel;
    private final AtomicInteger mismatched = new AtomicInteger();

    private EntryReuser(PreviousZip previous, FileChannel channel) {
        this.previous = previous;
        this.channel = channel;
    }

    /** A reuser for the previous zip, or null when there is none or it is not the size recorded. */
    static EntryReuser open(PreviousZip previous) {
        if (previous == null || previous.entries().isEmpty()) {
            return null;
        }
        try {
            FileChannel channel = FileChannel.open(previous.file(), StandardOpenOption.READ);
            if (channel.size() != previous.size()) {
                channel.close();
                return null;
            }
            return new EntryReuser(previous, channel);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** The entry's bytes from the previous zip, or null when it has to be compressed. */
    CompressedEntry reuse(StagedEntry entry, byte[] name, int dosTime) {
        PreviousZip.Entry recorded = previous.entries().get(entry.name());
        if (recorded == null || recorded.size() != entry.size()) {
            return null;
        }
        try {
            byte[] header = ZipRecords.localHeader(name, recorded.method(), recorded.crc(), recorded.compressedSize(),
                    entry.size(), dosTime);
            long dataOffset = recorded.offset() + header.length;
            if (recorded.offset() < 0 || dataOffset + recorded.compressedSize() > previous.size()
                    || !Arrays.equals(read(recorded.offset(), header.length), header)) {
                return mismatch();
            }
            if (recorded.compressedSize() <= EntryCompressor.IN_MEMORY_LIMIT) {
                byte[] data = read(dataOffset, (int) recorded.compressedSize());
                return CompressedEntry.crcOf(data) == recorded.dataCrc()
                        ? CompressedEntry.reusedInMemory(recorded, data) : mismatch();
            }
            return crcOfRange(dataOffset, recorded.compressedSize()) == recorded.dataCrc()
                    ? CompressedEntry.reusedRange(recorded, channel, dataOffset) : mismatch();
        } catch (IOException | RuntimeException unreadable) {
            return mismatch();
        }
    }

    /** How many entries the record offered whose bytes were not the recorded ones. */
    int mismatched() {
        return mismatched.get();
    }

    private CompressedEntry mismatch() {
        mismatched.incrementAndGet();
        return null;
    }

    private byte[] read(long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("the previous zip ends early");
            }
        }
        return buffer.array();
    }

    private int crcOfRange(long offset, long length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
        CRC32 crc = new CRC32();
        long at = offset;
        while (at < offset + length) {
            buffer.clear().limit((int) Math.min(READ_BUFFER, offset + length - at));
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("the previous zip ends early");
            }
            crc.update(buffer.array(), 0, n);
            at += n;
        }
        return (int) crc.getValue();
    }

    /** Call once no thread is compressing any more. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
