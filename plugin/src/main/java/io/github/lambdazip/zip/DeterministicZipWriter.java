package io.github.lambdazip.zip;

import io.github.lambdazip.common.ThreadPools;
import io.github.lambdazip.hash.Sha256Digest;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes a {@link StagedTree} as a zip whose bytes depend only on the entries' names and contents: entries in
 * name order, one time stamp, modes 0644 or 0755, no extra fields, no directory entries, UTF-8 names, raw
 * deflate at one fixed level. Entries are compressed, and their headers built, on several threads in batches; this
 * thread only appends the finished records in name order, so the thread count cannot change the bytes. The SHA-256
 * is computed as the bytes are written. However many zips are written at once in the JVM, at most one batch per
 * processor compresses at a time (see {@link CompressionSlots}).
 *
 * <p>Given the {@link PreviousZip} of the last build, unchanged entries are copied from it instead of compressed
 * (see {@link EntryReuser}): the bytes are the same as when every entry is compressed, only made faster.
 */
public final class DeterministicZipWriter {

    private static final long BATCH_BYTES = 512 * 1024;
    private static final int BATCH_ENTRIES = 128;

    /** One entry ready to append: its data, its local header, and its central header awaiting the offset. */
    private record Prepared(CompressedEntry data, byte[] localHeader, byte[] centralHeader) implements AutoCloseable {
        @Override
        public void close() {
            closeQuietly(data);
        }
    }

    private final ZipSettings settings;
    private final CompressionSlots slots;

    public DeterministicZipWriter(ZipSettings settings) {
        this(settings, CompressionSlots.SHARED);
    }

    DeterministicZipWriter(ZipSettings settings, CompressionSlots slots) {
        this.settings = settings;
        this.slots = slots;
    }

    public ZipWriteResult write(StagedTree tree, Path target) throws IOException {
        return write(tree, target, null);
    }

    /** Writes the zip, copying the entries of {@code previous} (may be null) that are still what it recorded. */
    public ZipWriteResult write(StagedTree tree, Path target, PreviousZip previous) throws IOException {
        int dosTime = ZipRecords.dosDateTime(settings.entryTime());
        EntryCompressor compressor = new EntryCompressor(target.toAbsolutePath().getParent(), settings);
        EntryReuser reuser = EntryReuser.open(previous);
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), DeterministicZipWriter::daemon);
        Deque<CompletableFuture<List<Prepared>>> window = new ArrayDeque<>();
        long[] crcs = new long[tree.size()];
        ZipLayout layout = new ZipLayout(new long[tree.size()], new int[tree.size()], new long[tree.size()],
                new int[tree.size()]);
        int written = 0;
        int queued = 0;
        int reused = 0;
        byte[] sha256;
        long size;
        try (HashingOutput out = new HashingOutput(target)) {
            ByteArrayOutputStream centralDirectory = new ByteArrayOutputStream(tree.size() * 96 + 64);
            Iterator<List<StagedEntry>> batches = batches(tree);
            // Enough batches in flight to keep every thread busy while one large entry is being written.
            int windowSize = settings.threads() * 4;
            while (batches.hasNext() || !window.isEmpty()) {
                while (batches.hasNext() && window.size() < windowSize) {
                    List<StagedEntry> batch = batches.next();
                    int first = queued;
                    queued += batch.size();
                    window.add(CompletableFuture.supplyAsync(
                            () -> slots.run(() -> prepareAll(compressor, reuser, batch, first, dosTime)), pool));
                }
                List<Prepared> prepared = await(window.removeFirst());
                try {
                    for (Prepared entry : prepared) {
                        CompressedEntry data = entry.data();
                        layout.offsets()[written] = out.position();
                        layout.methods()[written] = data.method;
                        layout.compressedSizes()[written] = data.compressedSize;
                        layout.dataCrcs()[written] = data.dataCrc;
                        reused += data.reused() ? 1 : 0;
                        ZipRecords.setLocalHeaderOffset(entry.centralHeader(), out.position());
                        out.write(entry.localHeader());
                        data.writeTo(out);
                        centralDirectory.write(entry.centralHeader());
                        crcs[written++] = data.crc;
                    }
                } finally {
                    prepared.forEach(Prepared::close);
                }
            }
            long centralDirectoryOffset = out.position();
            out.write(centralDirectory.toByteArray());
            out.write(ZipRecords.endRecords(written, centralDirectoryOffset, centralDirectory.size()));
            sha256 = out.finish();
            size = out.position();
        } finally {
            for (CompletableFuture<List<Prepared>> future : window) {
                future.thenAccept(entries -> entries.forEach(Prepared::close));
            }
            if (Thread.currentThread().isInterrupted()) {
                // abandoned: the batches not started are dropped, the ones in flight end on their next read
                pool.shutdownNow();
            } else {
                pool.shutdown();
            }
            // compressor buffers are released only once no task can still be using one
            ThreadPools.awaitEnd(pool);
            compressor.close();
            if (reuser != null) {
                reuser.close();
            }
        }
        return new ZipWriteResult(size, tree.size(), tree.uncompressedSize(), new Sha256Digest(sha256), crcs, layout,
                new ZipWriteResult.Reuse(previous != null, reused, reuser == null ? 0 : reuser.mismatched()));
    }

    /**
     * Groups entries, in name order, into units of work of about {@link #BATCH_BYTES}: handing each small module to a
     * thread on its own costs more in coordination than deflating it.
     */
    private static Iterator<List<StagedEntry>> batches(StagedTree tree) {
        List<List<StagedEntry>> batches = new ArrayList<>();
        List<StagedEntry> current = new ArrayList<>();
        long bytes = 0;
        for (StagedEntry entry : tree.entries()) {
            current.add(entry);
            bytes += entry.size();
            if (bytes >= BATCH_BYTES || current.size() >= BATCH_ENTRIES) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches.iterator();
    }

    /** Prepares a batch's entries; {@code position}: the first one's place in the zip. */
    private static List<Prepared> prepareAll(EntryCompressor compressor, EntryReuser reuser, List<StagedEntry> batch,
            int position, int dosTime) {
        List<Prepared> out = new ArrayList<>(batch.size());
        byte[][] names = new byte[batch.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = batch.get(i).name().getBytes(StandardCharsets.UTF_8);
        }
        CompressedEntry[] reused = reuser == null ? new CompressedEntry[batch.size()]
                : reuser.reuseAll(batch, position, names, dosTime);
        try {
            for (int i = 0; i < names.length; i++) {
                out.add(prepare(compressor, reused[i], batch.get(i), names[i], dosTime));
            }
            return out;
        } catch (RuntimeException e) {
            out.forEach(Prepared::close);
            throw e;
        }
    }

    /** An entry's records around its bytes: {@code reused} from the previous zip, or null to compress it. */
    private static Prepared prepare(EntryCompressor compressor, CompressedEntry reused, StagedEntry entry, byte[] name,
            int dosTime) {
        CompressedEntry data = reused;
        try {
            if (data == null) {
                data = compressor.compress(entry);
            }
            return new Prepared(data,
                    ZipRecords.localHeader(name, data.method, data.crc, data.compressedSize, data.size, dosTime),
                    ZipRecords.centralHeader(name, data.method, data.crc, data.compressedSize, data.size, dosTime,
                            entry.executable()));
        } catch (IOException e) {
            if (data != null) {
                closeQuietly(data);
            }
            throw new UncheckedIOException("Cannot read " + entry.source(), e);
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException(cause);
        }
    }

    private static void closeQuietly(CompressedEntry entry) {
        try {
            entry.close();
        } catch (IOException ignored) {
            // best effort: a spill file that cannot be deleted now is an orphaned temp file, not a wrong output
        }
    }

    private static Thread daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "lambdazip-deflate");
        thread.setDaemon(true);
        return thread;
    }
}
