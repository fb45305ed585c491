package io.github.lambdazip.core;

import java.util.List;

/**
 * One function or layer as configured: paths are as the user wrote them, relative to the project's base
 * directory, so that messages can quote them. {@code handler} is null for layers, {@code requirements} when there
 * are no dependencies.
 */
public record ArtifactSpec(
        ArtifactKind kind, String name, String handler, List<String> sources, String requirements,
        List<String> excludes) {

    public ArtifactSpec {
        sources = sources == null ? List.of() : List.copyOf(sources);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }

    /** How messages name it: {@code <function> 'notifier'}. */
    public String describe() {
        return "<" + kind.id() + "> '" + name + "'";
    }
}
