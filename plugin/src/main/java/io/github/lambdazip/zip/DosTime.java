package io.github.lambdazip.zip;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Zip entries store a local date and time without a zone, and zip libraries fill those fields from a Java time in
 * the machine's time zone. To get the same fields on every machine, this gives the Java time whose local fields in
 * the current zone equal the UTC fields of the wanted instant.
 */
final class DosTime {

    private DosTime() {}

    static long javaTimeFor(Instant instant) {
        // DOS times have a two-second resolution; rounding here keeps the library from rounding differently.
        long seconds = instant.getEpochSecond() - Math.floorMod(instant.getEpochSecond(), 2);
        LocalDateTime utcFields = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        return utcFields.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }
}
