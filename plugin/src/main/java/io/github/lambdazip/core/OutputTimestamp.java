package io.github.lambdazip.core;

import io.github.lambdazip.common.InvalidConfigurationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one time stamp all zip entries get. It follows maven-archiver's reading of
 * {@code project.build.outputTimestamp} (ISO-8601 with an offset, or seconds since the epoch; a single character
 * means "not set"), then {@code SOURCE_DATE_EPOCH}, then a fixed constant, so builds are reproducible by default.
 */
public final class OutputTimestamp {

    /** The earliest time a zip entry can hold exactly, as maven-archiver also uses. */
    public static final Instant DEFAULT = Instant.parse("1980-01-01T00:00:02Z");

    private static final Instant MIN = DEFAULT;
    private static final Instant MAX = Instant.parse("2099-12-31T23:59:59Z");

    private OutputTimestamp() {}

    public static Instant resolve(String outputTimestamp, String sourceDateEpoch) throws InvalidConfigurationException {
        if (outputTimestamp != null && outputTimestamp.trim().length() >= 2) {
            return parse(outputTimestamp.trim(), "outputTimestamp",
                    "set <project.build.outputTimestamp> to an ISO-8601 time such as 2024-01-01T00:00:00Z or to "
                            + "seconds since 1970");
        }
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            return parse(sourceDateEpoch.trim(), "outputTimestamp",
                    "the SOURCE_DATE_EPOCH environment variable must hold seconds since 1970; fix or unset it");
        }
        return DEFAULT;
    }

    private static Instant parse(String value, String element, String fix) throws InvalidConfigurationException {
        Instant instant;
        try {
            instant = value.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochSecond(Long.parseLong(value))
                    : OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidConfigurationException(element, "'" + value + "' is not a time stamp", fix);
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new InvalidConfigurationException(element,
                    "'" + value + "' is outside the range a zip can hold (" + MIN + " to " + MAX + ")", fix);
        }
        return instant;
    }
}
