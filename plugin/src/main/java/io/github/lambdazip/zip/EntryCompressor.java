package io.github.lambdazip.zip;

import io.github.lambdazip.stage.StagedEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;

/**
 * Compresses one entry with raw deflate at a fixed level, or stores it when deflate would not make it smaller.
 * Small files are handled in memory, large ones stream through a spill file so memory stays bounded. zlib's state
 * is reused between entries (a fresh one costs more than deflating a small module), and released by
 * {@link #close()}.
 */
final class EntryCompressor implements AutoCloseable {

    static final int LEVEL = 6;
    static final long IN_MEMORY_LIMIT = 1024 * 1024;

    private final Path spillDirectory;
    private final java.util.Queue<Deflater> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.Queue<Deflater> all = new java.util.concurrent.ConcurrentLinkedQueue<>();

    EntryCompressor(Path spillDirectory) {
        this.spillDirectory = spillDirectory;
    }

    private Deflater acquire() {
        Deflater deflater = idle.poll();
        if (deflater == null) {
            deflater = new Deflater(LEVEL, true);
            all.add(deflater);
        }
        return deflater;
    }

    private void release(Deflater deflater) {
        deflater.reset();
        idle.add(deflater);
    }

    @Override
    public void close() {
        Deflater deflater;
        while ((deflater = all.poll()) != null) {
            deflater.end();
        }
    }

    CompressedEntry compress(StagedEntry entry) throws IOException {
        return entry.size() <= IN_MEMORY_LIMIT ? compressInMemory(entry) : compressToSpillFile(entry);
    }

    private CompressedEntry compressInMemory(StagedEntry entry) throws IOException {
        byte[] raw = Files.readAllBytes(entry.source());
        CRC32 crc = new CRC32();
        crc.update(raw);
        Deflater deflater = acquire();
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 2));
            byte[] buffer = new byte[16 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
                if (out.size() >= raw.length) {
                    return CompressedEntry.inMemory(ZipEntry.STORED, crc.getValue(), raw.length, raw, raw.length);
                }
            }
            byte[] deflated = out.toByteArray();
            return CompressedEntry.inMemory(ZipEntry.DEFLATED, crc.getValue(), raw.length, deflated, deflated.length);
        } finally {
            release(deflater);
        }
    }

    private CompressedEntry compressToSpillFile(StagedEntry entry) throws IOException {
        Path spill = Files.createTempFile(spillDirectory, ".lambdazip-", ".deflate");
        CRC32 crc = new CRC32();
        long size = 0;
        Deflater deflater = acquire();
        try (InputStream in = Files.newInputStream(entry.source());
                OutputStream out = new DeflaterOutputStream(Files.newOutputStream(spill), deflater, 64 * 1024)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                out.write(buffer, 0, n);
                size += n;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spill);
            throw e;
        } finally {
            release(deflater);
        }
        if (Files.size(spill) >= size) {
            Files.delete(spill);
            return CompressedEntry.storedFile(crc.getValue(), size, entry.source());
        }
        return CompressedEntry.deflatedFile(crc.getValue(), size, spill);
    }
}
