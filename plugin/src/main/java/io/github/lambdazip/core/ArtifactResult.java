package io.github.lambdazip.core;

import io.github.lambdazip.hash.Sha256Digest;
import java.nio.file.Path;
import java.util.List;

/**
 * A zip in place and what the manifest says of it; {@code layers} names the layers a function runs with,
 * {@code dependencies} the packages its lock file resolved to (empty for a requirements file or none).
 */
public record ArtifactResult(
        ArtifactSpec spec, Path zip, long size, long uncompressedSize, int entries, Sha256Digest sha256,
        List<String> layers, List<PackageVersion> dependencies) {

    public ArtifactResult {
        layers = List.copyOf(layers);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }
}
