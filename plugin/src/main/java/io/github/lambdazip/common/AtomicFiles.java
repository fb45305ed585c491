package io.github.lambdazip.common;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/** Files that appear whole or not at all: written beside their target, then moved over it. */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * A new empty temp file in the target's folder, so the final move never crosses file systems. It is created as
     * any file is, with the permissions the umask gives (usually 0644), not the owner-only 0600 of
     * {@link Files#createTempFile}: the moved file is the output users copy, serve and deploy.
     */
    public static Path tempFileFor(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        while (true) {
            Path temp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                // another build's temp file; draw another name
            }
        }
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path temp = tempFileFor(target);
        try {
            Files.write(temp, content);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
