package io.github.lambdazip.pip;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * The host files an install reads (requirements files, constraints, local archives and folders, find-links folders),
 * keyed by their path relative to {@code root}, the folder mirrored to {@link #CONTAINER_ROOT} in the container.
 * For a requirements file, {@code requirements} is its key and {@code pinned} is null; for a lock file,
 * {@code pinned} is the requirements file written from the resolved set (sent in as {@link Pinned#CONTAINER_PATH})
 * and {@code requirements} is null.
 */
public record InstallInputs(Path root, SortedMap<String, Path> files, String requirements, List<String> findLinks,
        Pinned pinned) {

    public static final String CONTAINER_ROOT = "/lambdazip/project";

    /**
     * A requirements file written from a lock's resolved set: one line per package, with its hashes.
     *
     * @param text what pip reads; also what the cache key covers instead of the lock itself
     * @param noDeps the set is the whole closure: pip must not resolve anything else ({@code --no-deps})
     * @param requireHashes every line carries a hash ({@code --require-hashes})
     */
    public record Pinned(String text, boolean noDeps, boolean requireHashes) {

        /** Outside the mirrored project folder, so it can clash with none of its files. */
        public static final String CONTAINER_PATH = "/lambdazip/locked-requirements.txt";
    }

    /** Inputs of a requirements file pip reads itself. */
    public InstallInputs(Path root, SortedMap<String, Path> files, String requirements, List<String> findLinks) {
        this(root, files, requirements, findLinks, null);
    }

    public String containerPath(String relative) {
        return relative.isEmpty() ? CONTAINER_ROOT : CONTAINER_ROOT + "/" + relative;
    }

    /** The container path of {@code path}, a host file or folder under {@link #root()}. */
    public String containerPath(Path path) {
        return containerPath(root.relativize(path).toString().replace('\\', '/'));
    }

    public String containerRequirements() {
        return pinned != null ? Pinned.CONTAINER_PATH : containerPath(requirements);
    }

    /**
     * pip runs in the requirements file's folder, as when a user runs it next to the file. The lines of a pinned
     * file name container paths in full, so it runs beside that file.
     */
    public String containerWorkingDirectory() {
        if (pinned != null) {
            return Pinned.CONTAINER_PATH.substring(0, Pinned.CONTAINER_PATH.lastIndexOf('/'));
        }
        int slash = requirements.lastIndexOf('/');
        return containerPath(slash < 0 ? "" : requirements.substring(0, slash));
    }
}
