package io.github.lambdazip.core;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A verification run: the zips, the Lambda they target, modules provided by layers not given here, where the
 * reports go, whether warnings fail, the optional import check in a container ({@code importCheckImage} null
 * for the runtime's default image), and modules registered at run time ({@code virtualModules}).
 */
public record VerifyRequest(
        List<VerifySubject> subjects,
        PythonRuntime runtime,
        Architecture architecture,
        Set<String> providedModules,
        Path reportDirectory,
        boolean failOnWarning,
        boolean importCheck,
        String importCheckImage,
        Duration importCheckTimeout,
        Set<String> virtualModules) {

    public VerifyRequest {
        subjects = List.copyOf(subjects);
        providedModules = Set.copyOf(providedModules);
        virtualModules = virtualModules == null ? Set.of() : Set.copyOf(virtualModules);
    }

    public VerifyRequest(List<VerifySubject> subjects, PythonRuntime runtime, Architecture architecture,
            Set<String> providedModules, Path reportDirectory, boolean failOnWarning, boolean importCheck,
            String importCheckImage, Duration importCheckTimeout) {
        this(subjects, runtime, architecture, providedModules, reportDirectory, failOnWarning, importCheck,
                importCheckImage, importCheckTimeout, Set.of());
    }
}
