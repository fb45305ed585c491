package io.github.lambdazip.zip;

import io.github.lambdazip.stage.StagedEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
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
    /** The most bytes of the previous zip read at once for a run of small entries. */
    private static final long RUN_BYTES = 2 * 1024 * 1024;

    private final PreviousZip previous;
    private final FileChannel channel;
    private final AtomicInteger mismatched = new AtomicInteger();

    private EntryReuser(PreviousZip previous, FileChannel channel) {
        this.previous = previous;
        this.channel = channel;
    }

    /** A reuser for the previous zip, or null when there is none or it is not the size recorded. */
    static EntryReuser open(PreviousZip previous) {
        if (previous == null || previous.copyable() == 0) {
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

    /**
     * The bytes of a batch's entries ({@code position} the first one's place in the zip, {@code names} their UTF-8
     * names) from the previous zip: null
     * where an entry has to be compressed. Entries that follow each other in the previous zip, as unchanged ones do,
     * are read in one piece.
     */
    CompressedEntry[] reuseAll(List<StagedEntry> batch, int position, byte[][] names, int dosTime) {
        CompressedEntry[] reused = new CompressedEntry[batch.size()];
        int i = 0;
        while (i < batch.size()) {
            PreviousZip.Entry first = offered(batch.get(i), position + i);
            if (first == null) {
                i++;
                continue;
            }
            if (first.compressedSize() > EntryCompressor.IN_MEMORY_LIMIT) {
                reused[i] = reuseLarge(first, names[i], dosTime);
                i++;
                continue;
            }
            // the run of small entries that sit one after the other in the previous zip
            int end = i + 1;
            long runEnd = first.offset() + ZipRecords.LOCAL_HEADER_SIZE + names[i].length + first.compressedSize();
            while (end < batch.size() && runEnd - first.offset() < RUN_BYTES) {
                PreviousZip.Entry next = offered(batch.get(end), position + end);
                if (next == null || next.offset() != runEnd
                        || next.compressedSize() > EntryCompressor.IN_MEMORY_LIMIT) {
                    break;
                }
                runEnd += ZipRecords.LOCAL_HEADER_SIZE + names[end].length + next.compressedSize();
                end++;
            }
            reuseRun(position, names, dosTime, reused, i, end, first.offset(), runEnd);
            i = end;
        }
        return reused;
    }

    private PreviousZip.Entry offered(StagedEntry entry, int position) {
        PreviousZip.Entry recorded = position < previous.entries().length ? previous.entries()[position] : null;
        return recorded == null || recorded.size() != entry.size() ? null : recorded;
    }

    /** Reads entries {@code from} to {@code to} of the batch, {@code start} to {@code end} of the previous zip. */
    private void reuseRun(int position, byte[][] names, int dosTime, CompressedEntry[] reused, int from, int to,
            long start, long end) {
        byte[] run;
        try {
            if (start < 0 || end > previous.size()) {
                throw new IOException("outside the previous zip");
            }
            run = read(start, (int) (end - start));
        } catch (IOException | RuntimeException unreadable) {
            for (int i = from; i < to; i++) {
                mismatch();
            }
            return;
        }
        int at = 0;
        for (int i = from; i < to; i++) {
            PreviousZip.Entry recorded = previous.entries()[position + i];
            int headerLength = ZipRecords.LOCAL_HEADER_SIZE + names[i].length;
            int length = (int) recorded.compressedSize();
            reused[i] = sameHeader(run, at, names[i], recorded, dosTime)
                    && CompressedEntry.crcOf(run, at + headerLength, length) == recorded.dataCrc()
                    ? CompressedEntry.reusedInMemory(recorded, run, at + headerLength) : mismatch();
            at += headerLength + length;
        }
    }

    private static boolean sameHeader(byte[] bytes, int at, byte[] name, PreviousZip.Entry recorded, int dosTime) {
        try {
            byte[] header = ZipRecords.localHeader(name, recorded.method(), recorded.crc(), recorded.compressedSize(),
                    recorded.size(), dosTime);
            return Arrays.equals(bytes, at, at + header.length, header, 0, header.length);
        } catch (IOException tooLarge) {
            return false;
        }
    }

    /** An entry too large to hold in memory: checked now, copied range by range when written. */
    private CompressedEntry reuseLarge(PreviousZip.Entry recorded, byte[] name, int dosTime) {
        try {
            int headerLength = ZipRecords.LOCAL_HEADER_SIZE + name.length;
            long dataOffset = recorded.offset() + headerLength;
            if (recorded.offset() < 0 || dataOffset + recorded.compressedSize() > previous.size()
                    || !sameHeader(read(recorded.offset(), headerLength), 0, name, recorded, dosTime)) {
                return mismatch();
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
