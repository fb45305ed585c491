package io.github.lambdazip.verify;

import io.github.lambdazip.verify.binary.ByteSource;
import io.github.lambdazip.verify.binary.FileByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A finished zip seen as package contents. Reads are bounded by each entry's declared size, so a zip that lies
 * about its sizes cannot make a check read (or allocate) without end; large entries are read through a temp file.
 */
public final class ZipContents implements PackageContents, AutoCloseable {

    private static final long IN_MEMORY_LIMIT = 32L * 1024 * 1024;

    private final ZipFile zip;
    private final Map<String, ZipArchiveEntry> entries = new LinkedHashMap<>();
    private final List<Path> temporaries = new ArrayList<>();

    private ZipContents(ZipFile zip) {
        this.zip = zip;
        for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
            if (!entry.isDirectory()) {
                entries.putIfAbsent(entry.getName(), entry);
            }
        }
    }

    /** Opens a zip; a file that is not a readable zip is an IOException. */
    public static ZipContents open(Path file) throws IOException {
        return new ZipContents(ZipFile.builder().setPath(file).get());
    }

    @Override
    public Collection<String> names() {
        return entries.keySet();
    }

    @Override
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    @Override
    public long size(String name) {
        return Math.max(0, entries.get(name).getSize());
    }

    @Override
    public int unixMode(String name) {
        ZipArchiveEntry entry = entries.get(name);
        return entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() : -1;
    }

    @Override
    public byte[] read(String name) throws IOException {
        ZipArchiveEntry entry = entries.get(name);
        if (entry.getSize() > IN_MEMORY_LIMIT) {
            throw new IOException(name + " is too large to read into memory (" + entry.getSize() + " bytes)");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readNBytes((int) Math.max(0, entry.getSize()));
        }
    }

    @Override
    public ByteSource bytes(String name) throws IOException {
        if (entries.get(name).getSize() <= IN_MEMORY_LIMIT) {
            return ByteSource.of(read(name));
        }
        Path temp = Files.createTempFile("lambdazip-entry", ".bin");
        temporaries.add(temp);
        copyTo(name, temp);
        return new FileByteSource(temp);
    }

    /** Writes the entry to a file, streaming, never past its declared size. */
    public void copyTo(String name, Path target) throws IOException {
        ZipArchiveEntry entry = entries.get(name);
        try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            long left = entry.getSize();
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
        for (Path temp : temporaries) {
            Files.deleteIfExists(temp);
        }
    }
}
