package io.github.lambdazip.core;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything one packaging run needs, free of Maven types. {@code providedModules} are top-level Python modules
 * that layers built elsewhere provide, so imports of them are not reported; {@code virtualModules} are modules
 * registered at run time (no file, such as {@code six.moves}), which imports may name too, as configured (the core
 * checks and parses them). {@code keepDependencyFiles} ships
 * requirements files, lock files and {@code pyproject.toml} found at the top of a source folder, which are left out
 * by default. {@code deflater} is {@code auto}, {@code java} or {@code native}: which encoder deflates (the bytes are
 * the same unless {@code native} runs on a JVM whose zlib is not classic zlib).
 */
public record PackageRequest(
        Path baseDirectory,
        Path outputDirectory,
        PythonRuntime runtime,
        Architecture architecture,
        List<ArtifactSpec> artifacts,
        Instant entryTime,
        int threads,
        DependencyOptions dependencies,
        Set<String> providedModules,
        Set<String> virtualModules,
        boolean keepDependencyFiles,
        String deflater) {

    public PackageRequest {
        artifacts = List.copyOf(artifacts);
        providedModules = providedModules == null ? Set.of() : Set.copyOf(providedModules);
        virtualModules = virtualModules == null ? Set.of() : Set.copyOf(virtualModules);
        deflater = deflater == null ? "auto" : deflater;
    }

    public PackageRequest(Path baseDirectory, Path outputDirectory, PythonRuntime runtime, Architecture architecture,
            List<ArtifactSpec> artifacts, Instant entryTime, int threads, DependencyOptions dependencies) {
        this(baseDirectory, outputDirectory, runtime, architecture, artifacts, entryTime, threads, dependencies, Set.of(),
                Set.of(), false, "auto");
    }
}
