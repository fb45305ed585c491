package io.github.lambdazip.zip;

import java.time.Instant;

/**
 * How zips are written. The entry time is the one time stamp every entry gets; {@code threads} only changes how
 * fast the bytes are made, never the bytes.
 */
public record ZipSettings(Instant entryTime, int threads) {

    public ZipSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }
}
