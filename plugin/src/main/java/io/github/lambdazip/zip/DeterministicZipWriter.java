package io.github.lambdazip.zip;

import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a {@link StagedTree} as a zip whose bytes depend only on the entries' names and contents: entries in
 * name order, one time stamp, modes 0644 or 0755, no extra fields, no directory entries, UTF-8 names, raw
 * deflate at one fixed level. Entries are compressed on several threads, in batches, and appended in name order,
 * so the thread count cannot change the bytes. The SHA-256 is computed as the bytes are written.
 */
public final class DeterministicZipWriter {

    private static final int REGULAR_FILE = 0100000;
    private static final long BATCH_BYTES = 512 * 1024;
    private static final int BATCH_ENTRIES = 128;

    private final ZipSettings settings;

    public DeterministicZipWriter(ZipSettings settings) {
        this.settings = settings;
    }

    public ZipWriteResult write(StagedTree tree, Path target) throws IOException {
        MessageDigest sha256 = newSha256();
        long entryTime = DosTime.javaTimeFor(settings.entryTime());
        EntryCompressor compressor = new EntryCompressor(target.toAbsolutePath().getParent());
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), DeterministicZipWriter::daemon);
        Deque<CompletableFuture<List<CompressedEntry>>> window = new ArrayDeque<>();
        long[] crcs = new long[tree.size()];
        int written = 0;
        try (OutputStream file = Files.newOutputStream(target);
                DigestOutputStream digesting = new DigestOutputStream(new BufferedOutputStream(file, 256 * 1024), sha256);
                ZipArchiveOutputStream zip = new ZipArchiveOutputStream(digesting)) {
            zip.setEncoding(StandardCharsets.UTF_8.name());
            zip.setUseLanguageEncodingFlag(true);
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            zip.setUseZip64(Zip64Mode.AsNeeded);
            Iterator<List<StagedEntry>> batches = batches(tree);
            Deque<List<StagedEntry>> inFlight = new ArrayDeque<>();
            // Enough batches in flight to keep every thread busy while one large entry is being written.
            int windowSize = settings.threads() * 4;
            while (batches.hasNext() || !window.isEmpty()) {
                while (batches.hasNext() && window.size() < windowSize) {
                    List<StagedEntry> batch = batches.next();
                    inFlight.add(batch);
                    window.add(CompletableFuture.supplyAsync(() -> compressAll(compressor, batch), pool));
                }
                List<StagedEntry> batch = inFlight.removeFirst();
                List<CompressedEntry> compressed = await(window.removeFirst());
                try {
                    for (int i = 0; i < batch.size(); i++) {
                        append(zip, batch.get(i), compressed.get(i), entryTime);
                        crcs[written++] = compressed.get(i).crc;
                    }
                } finally {
                    compressed.forEach(DeterministicZipWriter::closeQuietly);
                }
            }
            zip.finish();
        } finally {
            for (CompletableFuture<List<CompressedEntry>> future : window) {
                future.thenAccept(entries -> entries.forEach(DeterministicZipWriter::closeQuietly));
            }
            pool.shutdown();
            awaitQuietly(pool);
            compressor.close();
        }
        return new ZipWriteResult(Files.size(target), tree.size(), tree.uncompressedSize(), sha256.digest(), crcs);
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

    private static List<CompressedEntry> compressAll(EntryCompressor compressor, List<StagedEntry> batch) {
        List<CompressedEntry> out = new ArrayList<>(batch.size());
        try {
            for (StagedEntry entry : batch) {
                out.add(compressUnchecked(compressor, entry));
            }
            return out;
        } catch (RuntimeException e) {
            out.forEach(DeterministicZipWriter::closeQuietly);
            throw e;
        }
    }

    private static void append(ZipArchiveOutputStream zip, StagedEntry entry, CompressedEntry compressed,
            long entryTime) throws IOException {
        ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.name());
        zipEntry.setMethod(compressed.method);
        zipEntry.setCrc(compressed.crc);
        zipEntry.setSize(compressed.size);
        zipEntry.setCompressedSize(compressed.compressedSize);
        zipEntry.setUnixMode(REGULAR_FILE | (entry.executable() ? 0755 : 0644));
        zipEntry.setTime(entryTime);
        try (InputStream raw = compressed.open()) {
            zip.addRawArchiveEntry(zipEntry, raw);
        }
    }

    private static CompressedEntry compressUnchecked(EntryCompressor compressor, StagedEntry entry) {
        try {
            return compressor.compress(entry);
        } catch (IOException e) {
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

    /** Deflaters are released only once no task can still be using one. */
    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
