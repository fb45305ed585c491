package io.github.lambdazip.zip.deflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanaryFixtureTest {

    private static final byte[] FIXTURE = CanaryFixture.bytes();

    @Test
    void fixtureIsTheOneTheDigestsWereTakenFrom() {
        assertEquals(CanaryFixture.SIZE, FIXTURE.length);
        assertEquals(ReferenceDigests.FIXTURE_SHA256, sha256(FIXTURE));
        assertArrayEquals(FIXTURE, CanaryFixture.bytes(), "the same bytes on every call");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void classicDeflaterGivesTheReferenceDigest(int level) {
        byte[] deflated = classic(level);
        assertEquals(ReferenceDigests.referenceSize(level), deflated.length, "level " + level + " size");
        assertEquals(ReferenceDigests.referenceSha256(level), sha256(deflated), "level " + level);
    }

    /** Pins the build machine's zlib too; skipped, not failed, where the JVM links another zlib. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void thisJvmsZlibGivesTheReferenceDigest_whenItIsClassicZlib(int level) {
        String jdk = sha256(jdk(level));
        assumeTrue(jdk.equals(sha256(classic(level))), "this JVM's zlib is not classic zlib");
        assertEquals(ReferenceDigests.referenceSha256(level), jdk);
    }

    private static byte[] classic(int level) {
        ClassicDeflater d = new ClassicDeflater(level);
        d.setInput(FIXTURE, 0, FIXTURE.length);
        d.finish();
        byte[] out = new byte[FIXTURE.length + 1024];
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(out, n, out.length - n);
        }
        return Arrays.copyOf(out, n);
    }

    private static byte[] jdk(int level) {
        Deflater d = new Deflater(level, true);
        try {
            d.setInput(FIXTURE);
            d.finish();
            byte[] out = new byte[FIXTURE.length + 1024];
            int n = 0;
            while (!d.finished()) {
                n += d.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            d.end();
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
