package io.github.lambdazip.zip.deflate;

/**
 * What classic zlib (1.2.13, as Debian 12 ships it; zlib 1.3.2 bundled in Temurin 25 gives the same) writes for
 * {@link CanaryFixture#bytes()}: the hex SHA-256 of the raw deflate stream at each level, from
 * {@code new java.util.zip.Deflater(level, true)} fed the whole fixture at once and finished. zlib-ng 2.2.2 (compat
 * mode) and Chromium's zlib as Node 20.20 bundles it (1.3.1-e00f703) give other digests at every level.
 */
public final class ReferenceDigests {

    /** SHA-256 of the fixture's own bytes: if this changes, the generator changed and the digests below are void. */
    public static final String FIXTURE_SHA256 = "8b7257d855906403db47367c3dc1fb9034dff93837d48a55a4a72c0a91403786";

    private static final String[] DEFLATED_SHA256 = {
        "a74153ab594fb3941085f8d3092ebda299664787edb476577367de067c798446",
        "c89c65955d6563125ebc1fc1db9ee4d535bc34b1198c3f9a026f152fb18e2f4d",
        "dd69c90a83835f7f58569887f9bc9d6e6af8749ef74d85a90add155abe0655e2",
        "5d227eec045971647bc64a57a71908eb443765e9530c1fb61cce4946d0bea48d",
        "1b45dc7f34596a2e7351f645a95a2cd056e1c5ebe3544ca5c24f85287fa7294d",
        "e42f8e87745a07fd9271808f97b84d65a3e5caa2333d64650a823633accb8ed4",
        "093967c44fc2df74d178b72d092693b8aab1185f6448840ba00f11a074bf1b49",
        "3784f71ffb7de06008503d9ad5f518016a321b80dea3af407b3af258e8a46da0",
        "0101d8a2f38f3c8f8424438eac9d7651a352286b4470491feb970ad3a26bba2a",
    };

    private static final int[] DEFLATED_SIZES = {92378, 90190, 87985, 86449, 84392, 82801, 82418, 82034, 81911};

    private ReferenceDigests() {
    }

    /** Hex SHA-256 (lower case) of classic zlib's raw deflate of the fixture at {@code level} 1-9. */
    public static String referenceSha256(int level) {
        checkLevel(level);
        return DEFLATED_SHA256[level - 1];
    }

    /** Length of classic zlib's raw deflate of the fixture at {@code level} 1-9, to tell a size change at a glance. */
    public static int referenceSize(int level) {
        checkLevel(level);
        return DEFLATED_SIZES[level - 1];
    }

    private static void checkLevel(int level) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("level must be 1 to 9: " + level);
        }
    }
}
