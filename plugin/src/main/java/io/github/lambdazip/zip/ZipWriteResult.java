package io.github.lambdazip.zip;

import io.github.lambdazip.hash.Sha256Digest;

/**
 * What a finished zip holds: its size, entry count, unzipped size, SHA-256 of its bytes, and the CRC-32 of each
 * entry in the order written (the tree's order), which later builds use to tell changed files from unchanged ones.
 */
public record ZipWriteResult(long size, int entries, long uncompressedSize, Sha256Digest sha256, long[] crcs) {}
