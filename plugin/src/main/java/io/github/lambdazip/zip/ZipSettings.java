package io.github.lambdazip.zip;

import io.github.lambdazip.zip.deflate.ClassicDeflater;
import io.github.lambdazip.zip.deflate.RawDeflate;
import java.time.Instant;
import java.util.zip.Deflater;

/**
 * How zips are written. The entry time is the one time stamp every entry gets; {@code threads} only changes how
 * fast the bytes are made, never the bytes; {@code builtInEncoder} deflates with the built-in encoder instead of
 * the JDK's zlib, which gives the same bytes when that zlib is classic zlib (see {@link DeflaterChoice}).
 */
public record ZipSettings(Instant entryTime, int threads, boolean builtInEncoder) {

    public ZipSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    /** Settings that deflate with the JDK's zlib. */
    public ZipSettings(Instant entryTime, int threads) {
        this(entryTime, threads, false);
    }

    /** A new deflate state for one compressing thread. */
    RawDeflate newDeflate(int level) {
        return builtInEncoder ? new ClassicDeflater(level) : new JdkDeflate(new Deflater(level, true));
    }
}
