package io.github.lambdazip.state;

import io.github.lambdazip.hash.Sha256Digest;

/** What the build state says of a zip still in place: what the manifest needs without opening it. */
public record RecordedZip(long size, long uncompressedSize, int entries, Sha256Digest sha256) {}
