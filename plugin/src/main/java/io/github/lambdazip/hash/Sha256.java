package io.github.lambdazip.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Where every SHA-256 of the plugin comes from. */
public final class Sha256 {

    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
