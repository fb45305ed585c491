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

    /**
     * Raise when this writer would write other bytes for an entry than before (another level, another choice between
     * storing and deflating, another header layout), so that no build copies entries written the old way.
     */
    private static final int ENTRY_FORMAT = 1;

    /**
     * What an entry's bytes depend on besides its content, as text: a previous zip's entries may be copied into a new
     * one only when it was written with the same. The encoder is not in it: the built-in encoder and a classic JDK
     * zlib write the same bytes (whoever writes with another zlib must leave it out of reuse, see
     * {@code DeflaterChoice.Choice#referenceBytes}).
     */
    public String entryBytesKey() {
        return entryBytesKey(entryTime);
    }

    /** {@link #entryBytesKey()} of zips whose entries are dated {@code entryTime}, with any encoder and threads. */
    public static String entryBytesKey(Instant entryTime) {
        return "entries=" + ENTRY_FORMAT + " level=" + EntryCompressor.LEVEL + " in-memory-limit="
                + EntryCompressor.IN_MEMORY_LIMIT + " time=" + Integer.toHexString(ZipRecords.dosDateTime(entryTime));
    }

    /** A new deflate state for one compressing thread. */
    RawDeflate newDeflate(int level) {
        return builtInEncoder ? new ClassicDeflater(level) : new JdkDeflate(new Deflater(level, true));
    }
}
