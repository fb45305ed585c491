package io.github.lambdazip.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lambdazip.common.InvalidConfigurationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutputTimestampTest {

    @Test
    void isoAndEpochSeconds_areReadLikeMavenArchiver() throws Exception {
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), OutputTimestamp.resolve("2024-01-02T03:04:05Z", null));
        assertEquals(Instant.parse("2024-01-02T01:04:05Z"), OutputTimestamp.resolve("2024-01-02T03:04:05+02:00", null));
        assertEquals(Instant.ofEpochSecond(1700000000L), OutputTimestamp.resolve("1700000000", null));
    }

    @Test
    void unsetOrSingleCharacter_fallsBackToSourceDateEpochThenConstant() throws Exception {
        assertEquals(Instant.ofEpochSecond(1600000000L), OutputTimestamp.resolve(null, "1600000000"));
        assertEquals(Instant.ofEpochSecond(1600000000L), OutputTimestamp.resolve("a", "1600000000"));
        assertEquals(OutputTimestamp.DEFAULT, OutputTimestamp.resolve(null, null));
        assertEquals(OutputTimestamp.DEFAULT, OutputTimestamp.resolve("", " "));
    }

    @Test
    void garbageOrOutOfRange_namesTheElement() {
        InvalidConfigurationException garbage = assertThrows(InvalidConfigurationException.class,
                () -> OutputTimestamp.resolve("yesterday", null));
        assertEquals("outputTimestamp", garbage.element());
        assertThrows(InvalidConfigurationException.class, () -> OutputTimestamp.resolve("1970-01-01T00:00:00Z", null));
        assertThrows(InvalidConfigurationException.class, () -> OutputTimestamp.resolve(null, "12ab"));
    }
}
