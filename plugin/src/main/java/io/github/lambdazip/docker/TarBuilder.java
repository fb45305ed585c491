package io.github.lambdazip.docker;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Collects files and texts under container paths and writes them as one tar, parents first, in name order. */
public final class TarBuilder {

    private record Item(Path file, byte[] bytes, int mode) {}

    private final Map<String, Item> items = new TreeMap<>();

    /** Adds a host file; {@code name} is the path inside the container, without a leading slash. */
    public TarBuilder addFile(String name, Path file, boolean executable) {
        items.put(name, new Item(file, null, executable ? 0755 : 0644));
        return this;
    }

    public TarBuilder addBytes(String name, byte[] bytes, int mode) {
        items.put(name, new Item(null, bytes, mode));
        return this;
    }

    public void writeTo(Path tarFile) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tarFile));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            java.util.Set<String> folders = new java.util.HashSet<>();
            for (Map.Entry<String, Item> entry : items.entrySet()) {
                String name = entry.getKey();
                for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                    String folder = name.substring(0, slash + 1);
                    if (folders.add(folder)) {
                        TarArchiveEntry dir = new TarArchiveEntry(folder);
                        dir.setMode(040755);
                        tar.putArchiveEntry(dir);
                        tar.closeArchiveEntry();
                    }
                }
                Item item = entry.getValue();
                TarArchiveEntry file = new TarArchiveEntry(name);
                file.setMode(0100000 | item.mode());
                file.setSize(item.bytes() != null ? item.bytes().length : Files.size(item.file()));
                tar.putArchiveEntry(file);
                if (item.bytes() != null) {
                    tar.write(item.bytes());
                } else {
                    Files.copy(item.file(), tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }
}
