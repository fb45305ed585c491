package io.github.lambdazip.core;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.pip.DependencySettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Everything one packaging run needs, free of Maven types. */
public record PackageRequest(
        Path baseDirectory,
        Path outputDirectory,
        PythonRuntime runtime,
        Architecture architecture,
        List<ArtifactSpec> artifacts,
        Instant entryTime,
        int threads,
        DependencySettings dependencies) {

    public PackageRequest {
        artifacts = List.copyOf(artifacts);
    }
}
