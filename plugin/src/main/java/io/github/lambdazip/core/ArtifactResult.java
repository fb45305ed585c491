package io.github.lambdazip.core;

import io.github.lambdazip.hash.Sha256Digest;
import java.nio.file.Path;

/** A written zip and what the manifest says of it. */
public record ArtifactResult(
        ArtifactSpec spec, Path zip, long size, long uncompressedSize, int entries, Sha256Digest sha256) {}
