package io.github.lambdazip.pip;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.nio.file.Path;

/** The dependencies of one function or layer: its requirements file and the target it must run on. */
public record InstallRequest(
        String artifact,
        Path requirements,
        Path baseDirectory,
        PythonRuntime runtime,
        Architecture architecture,
        DependencySettings settings) {

    public String image() {
        return settings.image() != null ? settings.image() : runtime.defaultImage();
    }
}
