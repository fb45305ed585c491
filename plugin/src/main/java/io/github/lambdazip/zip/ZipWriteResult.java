package io.github.lambdazip.zip;

import io.github.lambdazip.hash.Sha256Digest;

/**
 * What a finished zip holds: its size, entry count, unzipped size, SHA-256 of its bytes, the CRC-32 of each entry in
 * the order written (the tree's order), which later builds use to tell changed files from unchanged ones, and where
 * each entry's bytes sit, which lets them copy unchanged entries; and how many entries were copied from the previous
 * zip.
 */
public record ZipWriteResult(long size, int entries, long uncompressedSize, Sha256Digest sha256, long[] crcs,
        ZipLayout layout, Reuse reuse) {

    /**
     * What the previous zip gave: whether there was one to copy from, how many entries were copied, and how many it
     * was said to hold unchanged but held other bytes (compressed again).
     */
    public record Reuse(boolean offered, int copied, int mismatched) {}
}
