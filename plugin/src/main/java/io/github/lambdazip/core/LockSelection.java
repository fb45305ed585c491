package io.github.lambdazip.core;

import java.util.List;
import java.util.Objects;

/**
 * What a lock file is asked for besides its main dependencies: the project's {@code extras} and the dependency
 * {@code groups} ({@code <lockExtras>}, {@code <lockGroups>}). Ignored for a requirements file, which pip reads as
 * it is. Blank names are dropped, the others trimmed, in the order given.
 */
public record LockSelection(List<String> extras, List<String> groups) {

    /** Only the main dependencies. */
    public static final LockSelection NONE = new LockSelection(List.of(), List.of());

    public LockSelection {
        extras = names(extras);
        groups = names(groups);
    }

    private static List<String> names(List<String> values) {
        if (values == null || values.isEmpty()) {
            // every build makes one, most with nothing to select: no stream for a cold JVM to set up
            return List.of();
        }
        return values.stream().filter(Objects::nonNull).map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
    }
}
