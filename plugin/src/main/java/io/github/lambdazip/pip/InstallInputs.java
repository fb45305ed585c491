package io.github.lambdazip.pip;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * The host files an install reads (requirements files, constraints, local archives, find-links folders), keyed
 * by their path relative to {@code root}, the folder mirrored to {@link #CONTAINER_ROOT} in the container.
 */
public record InstallInputs(Path root, SortedMap<String, Path> files, String requirements, List<String> findLinks) {

    public static final String CONTAINER_ROOT = "/lambdazip/project";

    public String containerPath(String relative) {
        return relative.isEmpty() ? CONTAINER_ROOT : CONTAINER_ROOT + "/" + relative;
    }

    public String containerRequirements() {
        return containerPath(requirements);
    }

    /** pip runs in the requirements file's folder, as when a user runs it next to the file. */
    public String containerWorkingDirectory() {
        int slash = requirements.lastIndexOf('/');
        return containerPath(slash < 0 ? "" : requirements.substring(0, slash));
    }
}
