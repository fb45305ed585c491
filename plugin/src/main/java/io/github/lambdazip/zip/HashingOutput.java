package io.github.lambdazip.zip;

import io.github.lambdazip.hash.Sha256;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * A file written front to back through one buffer, its SHA-256 computed from the same buffer as it goes, so the
 * finished zip is never read again to hash it. Knows how many bytes it has taken: the zip offsets.
 */
final class HashingOutput implements AutoCloseable {

    private static final int BUFFER = 256 * 1024;

    private final OutputStream file;
    private final MessageDigest sha256 = Sha256.newDigest();
    private final byte[] buffer = new byte[BUFFER];
    private int buffered;
    private long position;

    HashingOutput(Path target) throws IOException {
        this.file = new FileOutputStream(target.toFile());
    }

    long position() {
        return position;
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        position += length;
        if (length >= BUFFER) {
            flush();
            sha256.update(bytes, offset, length);
            file.write(bytes, offset, length);
            return;
        }
        if (buffered + length > BUFFER) {
            flush();
        }
        System.arraycopy(bytes, offset, buffer, buffered, length);
        buffered += length;
    }

    /** Copies a stream to the end of the file; returns how many bytes it had. */
    long transferFrom(InputStream in) throws IOException {
        long total = 0;
        while (true) {
            if (buffered == BUFFER) {
                flush();
            }
            int n = in.read(buffer, buffered, BUFFER - buffered);
            if (n < 0) {
                return total;
            }
            buffered += n;
            position += n;
            total += n;
        }
    }

    /** The SHA-256 of everything written; call once, after the last write. */
    byte[] finish() throws IOException {
        flush();
        return sha256.digest();
    }

    private void flush() throws IOException {
        if (buffered > 0) {
            sha256.update(buffer, 0, buffered);
            file.write(buffer, 0, buffered);
            buffered = 0;
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
