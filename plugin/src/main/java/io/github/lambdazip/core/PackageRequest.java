package io.github.lambdazip.core;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.pip.DependencySettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything one packaging run needs, free of Maven types. {@code providedModules} are top-level Python modules
 * that layers built elsewhere provide, so imports of them are not reported; {@code virtualModules} are modules
 * registered at run time (no file), which imports may name too.
 */
public record PackageRequest(
        Path baseDirectory,
        Path outputDirectory,
        PythonRuntime runtime,
        Architecture architecture,
        List<ArtifactSpec> artifacts,
        Instant entryTime,
        int threads,
        DependencySettings dependencies,
        Set<String> providedModules,
        Set<String> virtualModules) {

    public PackageRequest {
        artifacts = List.copyOf(artifacts);
        providedModules = providedModules == null ? Set.of() : Set.copyOf(providedModules);
        virtualModules = virtualModules == null ? Set.of() : Set.copyOf(virtualModules);
    }

    public PackageRequest(Path baseDirectory, Path outputDirectory, PythonRuntime runtime, Architecture architecture,
            List<ArtifactSpec> artifacts, Instant entryTime, int threads, DependencySettings dependencies,
            Set<String> providedModules) {
        this(baseDirectory, outputDirectory, runtime, architecture, artifacts, entryTime, threads, dependencies,
                providedModules, Set.of());
    }

    public PackageRequest(Path baseDirectory, Path outputDirectory, PythonRuntime runtime, Architecture architecture,
            List<ArtifactSpec> artifacts, Instant entryTime, int threads, DependencySettings dependencies) {
        this(baseDirectory, outputDirectory, runtime, architecture, artifacts, entryTime, threads, dependencies, Set.of());
    }
}
