package io.github.lambdazip.verify;

import io.github.lambdazip.verify.binary.ByteSource;
import java.io.IOException;
import java.util.Collection;

/** The files of a package as checks see them, whether staged on disk or inside a finished zip. */
public interface PackageContents {

    /** All entry names, {@code /}-separated. */
    Collection<String> names();

    boolean contains(String name);

    /** The entry's bytes; for small files (sources, metadata). */
    byte[] read(String name) throws IOException;

    /** The entry's size in bytes, uncompressed. */
    long size(String name) throws IOException;

    /** Random access to the entry, without holding a large file in memory. */
    default ByteSource bytes(String name) throws IOException {
        return ByteSource.of(read(name));
    }

    /** The entry's Unix mode bits, or -1 when the package does not record them. */
    default int unixMode(String name) {
        return -1;
    }

    /**
     * Where the folder holding an entry came from, as the user would configure it as a source (for staged
     * packages), or the zip folder itself when there is no better answer (for finished zips).
     *
     * @param entry an entry name
     * @param depth how many folders up from the entry
     */
    default String sourceFolder(String entry, int depth) {
        String folder = entry;
        for (int i = 0; i <= depth; i++) {
            int slash = folder.lastIndexOf('/');
            folder = slash < 0 ? "" : folder.substring(0, slash);
        }
        return folder;
    }
}
