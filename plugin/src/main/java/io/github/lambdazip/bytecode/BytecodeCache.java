package io.github.lambdazip.bytecode;

import io.github.lambdazip.common.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compiled files by key, one file each ({@code <key[0..2]>/<key>.pyc}, or {@code <key>.none} for an installed source
 * that does not compile): a key covers the source's bytes, its path on
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

    /** Whether the source of this key is known not to compile (an installed file; it ships without bytecode). */
    boolean knownNotToCompile(String key) {
        return Files.isRegularFile(root.resolve(key.substring(0, 2)).resolve(key + ".none"));
    }

    /** Notes that the source of this key does not compile, so later builds need no container to learn it again. */
    void storeNotCompiling(String key, String why) throws IOException {
        AtomicFiles.write(root.resolve(key.substring(0, 2)).resolve(key + ".none"), why.getBytes(StandardCharsets.UTF_8));
    }

    /** Copies a file compiled just now into place; the copy is written beside it and renamed. */
    Path store(String key, Path compiled) throws IOException {
        Path file = path(key);
        AtomicFiles.write(file, Files.readAllBytes(compiled));
        return file;
    }
}
