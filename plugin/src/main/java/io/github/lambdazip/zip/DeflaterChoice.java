package io.github.lambdazip.zip;

import io.github.lambdazip.common.InvalidConfigurationException;
import io.github.lambdazip.hash.Sha256;
import io.github.lambdazip.zip.deflate.CanaryFixture;
import io.github.lambdazip.zip.deflate.RawDeflate;
import io.github.lambdazip.zip.deflate.ReferenceDigests;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.Deflater;

/**
 * Which encoder deflates, so that a zip has the same bytes whichever zlib the JVM links. The reference is classic
 * zlib's raw deflate at the writer's level (Debian's and Temurin's zlib write it). With {@code auto} a canary runs
 * once per JVM: the JDK's zlib deflates a built-in fixture, chosen so that zlib-ng and Chromium's zlib write other
 * bytes at every level, and its digest is compared with the reference. A match keeps the JDK's zlib (fast, native);
 * a mismatch switches to the built-in encoder, which writes the reference bytes in pure Java.
 */
public final class DeflaterChoice {

    /** What the user asked for: {@code <deflater>}. */
    public enum Mode {
        AUTO, JAVA, NATIVE;

        public static Mode fromId(String value) throws InvalidConfigurationException {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return mode;
                }
            }
            throw new InvalidConfigurationException("deflater", "'" + value + "' is not a deflater",
                    "use auto (the JDK's zlib when it writes classic zlib's bytes, else the built-in encoder), java "
                            + "(always the built-in encoder) or native (always the JDK's zlib)");
        }

        /**
         * Whether the entries are the reference bytes, known before any canary: {@code auto} and {@code java} make
         * sure of it, {@code native} takes the JDK's zlib untested.
         */
        public boolean writesReferenceBytes() {
            return this != NATIVE;
        }
    }

    /**
     * The encoder to use, whether it writes the reference bytes, and one sentence for the log saying why. The
     * reference bytes are written always but with {@code native}, where the JDK's zlib is taken untested: entries it
     * deflated are never copied into a later zip as if they were the reference's.
     */
    public record Choice(boolean builtInEncoder, boolean referenceBytes, String reason, boolean worthInfo) {}

    private static volatile Boolean jdkMatches;

    private DeflaterChoice() {}

    public static Choice choose(Mode mode) {
        return choose(mode, DeflaterChoice::jdkMatchesReference);
    }

    static Choice choose(Mode mode, Supplier<Boolean> canary) {
        boolean reference = mode.writesReferenceBytes();
        return switch (mode) {
            case JAVA -> new Choice(true, reference, "deflating with the built-in encoder (<deflater>java</deflater>)",
                    false);
            case NATIVE -> new Choice(false, reference, "deflating with the JDK's zlib (<deflater>native</deflater>); "
                    + "the bytes match other machines only if it is classic zlib", false);
            case AUTO -> canary.get()
                    ? new Choice(false, reference, "JDK zlib matches the reference (classic zlib)", false)
                    : new Choice(true, reference, "this JDK's zlib differs from classic zlib (zlib-ng?): using the "
                            + "built-in encoder; the bytes are the same, compression is slower", true);
        };
    }

    /** Whether the JDK's zlib writes the reference bytes; asked once per JVM. */
    static boolean jdkMatchesReference() {
        Boolean known = jdkMatches;
        if (known == null) {
            synchronized (DeflaterChoice.class) {
                if (jdkMatches == null) {
                    Deflater deflater = new Deflater(EntryCompressor.LEVEL, true);
                    try {
                        jdkMatches = matchesReference(new JdkDeflate(deflater), EntryCompressor.LEVEL);
                    } finally {
                        deflater.end();
                    }
                }
                known = jdkMatches;
            }
        }
        return known;
    }

    /** Whether this encoder's deflate of the fixture has the reference digest at {@code level}. */
    static boolean matchesReference(RawDeflate deflater, int level) {
        byte[] fixture = CanaryFixture.bytes();
        byte[] output = new byte[fixture.length + 1024];
        deflater.setInput(fixture, 0, fixture.length);
        deflater.finish();
        int length = 0;
        while (!deflater.finished() && length < output.length) {
            length += deflater.deflate(output, length, output.length - length);
        }
        var digest = Sha256.newDigest();
        digest.update(output, 0, length);
        String hex = HexFormat.of().formatHex(digest.digest());
        return hex.equals(ReferenceDigests.referenceSha256(level).toLowerCase(Locale.ROOT));
    }
}
