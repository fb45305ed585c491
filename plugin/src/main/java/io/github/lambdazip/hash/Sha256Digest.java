package io.github.lambdazip.hash;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 value in the two forms users need: hex ({@code sha256sum}) and base64 (Terraform). */
public final class Sha256Digest {

    private final byte[] bytes;

    public Sha256Digest(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    public static Sha256Digest fromHex(String hex) {
        return new Sha256Digest(HexFormat.of().parseHex(hex));
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** What Terraform's {@code filebase64sha256()} returns: standard base64 of the raw digest, with padding. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** One line in {@code sha256sum} format: hex, two spaces (text mode), the file name, a newline. */
    public String sha256sumLine(String fileName) {
        return hex() + "  " + fileName + "\n";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sha256Digest digest && Arrays.equals(bytes, digest.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
