package io.github.lambdazip.zip;

import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.zip.deflate.RawDeflate;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * Compresses one entry with raw deflate at a fixed level, or stores it when deflate would not make it smaller.
 * Small files are handled in memory, large ones stream through a spill file so memory stays bounded. Each thread
 * keeps its zlib state and buffers between entries; {@link #close()} releases them.
 */
final class EntryCompressor implements AutoCloseable {

    static final int LEVEL = 6;
    static final long IN_MEMORY_LIMIT = 1024 * 1024;

    /**
     * What one compressing thread reuses from entry to entry: a zlib state (a fresh one costs more than deflating a
     * small module) and its read and deflate buffers, so a small entry allocates only its finished bytes.
     */
    private static final class Workspace {
        final RawDeflate deflater;
        byte[] input = new byte[64 * 1024];
        byte[] output = new byte[64 * 1024];

        Workspace(ZipSettings settings) {
            deflater = settings.newDeflate(LEVEL);
        }
    }

    private final Path spillDirectory;
    private final Queue<Workspace> all = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Workspace> workspaces;

    EntryCompressor(Path spillDirectory, ZipSettings settings) {
        this.spillDirectory = spillDirectory;
        this.workspaces = ThreadLocal.withInitial(() -> {
            Workspace workspace = new Workspace(settings);
            all.add(workspace);
            return workspace;
        });
    }

    /** Call once no thread is compressing any more. */
    @Override
    public void close() {
        Workspace workspace;
        while ((workspace = all.poll()) != null) {
            workspace.deflater.end();
        }
    }

    CompressedEntry compress(StagedEntry entry) throws IOException {
        return entry.size() <= IN_MEMORY_LIMIT ? compressInMemory(entry) : compressToSpillFile(entry);
    }

    private CompressedEntry compressInMemory(StagedEntry entry) throws IOException {
        Workspace workspace = workspaces.get();
        int length = readFully(entry, workspace);
        byte[] raw = workspace.input;
        CRC32 crc = new CRC32();
        crc.update(raw, 0, length);
        if (workspace.output.length < length) {
            workspace.output = new byte[length];
        }
        RawDeflate deflater = workspace.deflater;
        try {
            deflater.setInput(raw, 0, length);
            deflater.finish();
            int deflated = 0;
            // Deflate output that reaches the input's size is not worth keeping: the entry is stored instead.
            while (!deflater.finished() && deflated < length) {
                deflated += deflater.deflate(workspace.output, deflated, length - deflated);
            }
            if (!deflater.finished() || deflated >= length) {
                return CompressedEntry.inMemory(ZipEntry.STORED, crc.getValue(), length, Arrays.copyOf(raw, length));
            }
            return CompressedEntry.inMemory(ZipEntry.DEFLATED, crc.getValue(), length,
                    Arrays.copyOf(workspace.output, deflated));
        } finally {
            deflater.reset();
        }
    }

    /**
     * Reads the file into the workspace's input buffer: the size it had when staged, or less if it shrank since. A
     * file that changed after staging has a new stamp, so the next build packages it again.
     */
    private static int readFully(StagedEntry entry, Workspace workspace) throws IOException {
        int size = (int) entry.size();
        if (workspace.input.length < size) {
            workspace.input = new byte[size];
        }
        try (FileInputStream in = new FileInputStream(entry.source().toFile())) {
            int length = 0;
            while (length < size) {
                int n = in.read(workspace.input, length, size - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
            return length;
        }
    }

    /**
     * Streams a large file through the deflater into a spill file, in the chunks one read gives, as
     * {@link java.util.zip.DeflaterOutputStream} would feed it.
     */
    private CompressedEntry compressToSpillFile(StagedEntry entry) throws IOException {
        Path spill = Files.createTempFile(spillDirectory, ".lambdazip-", ".deflate");
        CRC32 crc = new CRC32();
        CRC32 dataCrc = new CRC32();
        long size = 0;
        Workspace workspace = workspaces.get();
        RawDeflate deflater = workspace.deflater;
        try (InputStream in = new FileInputStream(entry.source().toFile());
                OutputStream out = Files.newOutputStream(spill)) {
            byte[] buffer = workspace.input;
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                deflater.setInput(buffer, 0, n);
                while (!deflater.needsInput()) {
                    drain(deflater, workspace.output, out, dataCrc);
                }
                size += n;
            }
            deflater.finish();
            while (!deflater.finished()) {
                drain(deflater, workspace.output, out, dataCrc);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spill);
            throw e;
        } finally {
            deflater.reset();
        }
        if (Files.size(spill) >= size) {
            Files.delete(spill);
            return CompressedEntry.storedFile(crc.getValue(), size, entry.source());
        }
        return CompressedEntry.deflatedFile(crc.getValue(), size, spill, (int) dataCrc.getValue());
    }

    private static void drain(RawDeflate deflater, byte[] output, OutputStream out, CRC32 dataCrc) throws IOException {
        int n = deflater.deflate(output, 0, output.length);
        if (n > 0) {
            out.write(output, 0, n);
            dataCrc.update(output, 0, n);
        }
    }
}
