package io.github.lambdazip.pip;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.lock.ResolvedDependencies;
import java.nio.file.Path;

/**
 * The dependencies of one function or layer: its requirements file and the target it must run on. When the file
 * is a lock, {@code resolved} is what it resolved to for that target, and pip installs exactly that; null for a
 * requirements file, which pip reads itself.
 */
public record InstallRequest(
        String artifact,
        Path requirements,
        Path baseDirectory,
        PythonRuntime runtime,
        Architecture architecture,
        DependencySettings settings,
        ResolvedDependencies resolved) {

    /** A requirements file pip reads itself. */
    public InstallRequest(String artifact, Path requirements, Path baseDirectory, PythonRuntime runtime,
            Architecture architecture, DependencySettings settings) {
        this(artifact, requirements, baseDirectory, runtime, architecture, settings, null);
    }

    public String image() {
        return imageFor(settings, runtime);
    }

    /** The configured image, or the runtime's {@code python:3.x-slim}. */
    public static String imageFor(DependencySettings settings, PythonRuntime runtime) {
        return settings.image() != null ? settings.image() : runtime.defaultImage();
    }
}
