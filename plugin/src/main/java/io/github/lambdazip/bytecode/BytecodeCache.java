package io.github.lambdazip.bytecode;

import io.github.lambdazip.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compiled files by key, one file each ({@code <key[0..2]>/<key>.pyc}): a key covers the source's bytes, its path on
 * Lambda, the image, platform, runtime and the compiling script, so an unchanged source is never compiled twice and
 * a no-op build needs no container. Files are written whole or not at all; one without the runtime's magic number
 * (damaged) is compiled again.
 */
final class BytecodeCache {

    private final Path root;
    private final int magic;

    BytecodeCache(Path root, int magic) {
        this.root = root;
        this.magic = magic;
    }

    Path path(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key + ".pyc");
    }

    /** The cached file, or null when there is none or it is not a .pyc of the runtime. */
    Path lookup(String key) throws IOException {
        Path file = path(key);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] header = new byte[4];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(header, 0, 4) == 4 && ((header[0] & 0xff) | (header[1] & 0xff) << 8) == magic
                    && header[2] == '\r' && header[3] == '\n') {
                return file;
            }
        }
        Files.deleteIfExists(file);
        return null;
    }

    /** Copies a file compiled just now into place; the copy is written beside it and renamed. */
    Path store(String key, Path compiled) throws IOException {
        Path file = path(key);
        AtomicFiles.write(file, Files.readAllBytes(compiled));
        return file;
    }
}
