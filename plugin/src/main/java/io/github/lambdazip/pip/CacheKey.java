package io.github.lambdazip.pip;

import io.github.lambdazip.hash.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * The key of an installed tree: a SHA-256 over everything that decides its contents (the format version, the
 * driver script, the image as configured, platform, runtime and glibc ceiling, pip's arguments without credentials,
 * for a lock the pinned requirements written from its resolved set (not the lock itself), and the name and bytes of
 * every local input). Host paths are not in it, so a moved checkout still hits.
 */
final class CacheKey {

    /** Raise when the layout of an installed tree changes, so old entries are not reused. */
    static final int FORMAT = 2;

    private final MessageDigest digest = Sha256.newDigest();

    CacheKey() {
        field("format", Integer.toString(FORMAT));
    }

    CacheKey field(String name, String value) {
        digest.update((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    CacheKey bytes(String name, byte[] value) {
        field(name, Integer.toString(value.length));
        digest.update(value);
        return this;
    }

    /** Streams each file into the key: a wheelhouse of large wheels is never held in memory. */
    CacheKey files(Map<String, Path> files) throws IOException {
        for (Map.Entry<String, Path> file : files.entrySet()) {
            field("file:" + file.getKey(), Long.toString(Files.size(file.getValue())));
            try (InputStream in = Files.newInputStream(file.getValue())) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return this;
    }

    String value() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
