package io.github.lambdazip.core;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run left in the output folder: every configured zip (in configuration order) and the manifest that lists
 * them; how many were up to date and how many written; and the names of zips removed because they are no longer
 * configured.
 */
public record PackageResult(List<ArtifactResult> artifacts, Path manifest, int upToDate, int written,
        List<String> removed) {

    public PackageResult {
        artifacts = List.copyOf(artifacts);
        removed = List.copyOf(removed);
    }

    /** One line for the log: {@code 2 up to date, 1 written, 1 removed}. */
    public String summary() {
        String line = upToDate + " up to date, " + written + " written";
        return removed.isEmpty() ? line : line + ", " + removed.size() + " removed (" + String.join(", ", removed) + ")";
    }
}
