package io.github.lambdazip.stage;

import java.nio.file.Path;

/**
 * One file of the zip to be: its {@code /}-separated name in the zip, the file its bytes come from, its size,
 * whether it is executable (stored as 0755, else 0644), where it came from (for messages), and its
 * {@link FileStamp}, read before its content.
 */
public record StagedEntry(String name, Path source, long size, boolean executable, String origin, FileStamp stamp) {}
