package io.github.lambdazip.zip;

/** What a finished zip holds: its size, entry count, unzipped size and SHA-256 of its bytes. */
public record ZipWriteResult(long size, int entries, long uncompressedSize, byte[] sha256) {}
