package io.github.lambdazip.core;

import java.util.List;

/**
 * One function or layer as configured: paths are as the user wrote them, relative to the project's base
 * directory, so that messages can quote them. {@code handler} is null for layers, {@code requirements} when there
 * are no dependencies. {@code layers} names the layers of this build a function runs with; empty means all of them.
 * {@code lock} is what a lock file named in {@code requirements} is asked for besides its main dependencies.
 * {@code compileBytecode} ships, beside each Python source, its bytecode compiled for the runtime (PEP 552
 * unchecked-hash {@code __pycache__/*.pyc}), so cold starts skip compiling.
 */
public record ArtifactSpec(
        ArtifactKind kind, String name, String handler, List<String> sources, String requirements,
        List<String> excludes, List<String> layers, LockSelection lock, boolean compileBytecode) {

    public ArtifactSpec {
        sources = sources == null ? List.of() : List.copyOf(sources);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        layers = layers == null ? List.of() : layers.stream().filter(l -> l != null && !l.isBlank()).map(String::trim)
                .toList();
        lock = lock == null ? LockSelection.NONE : lock;
    }

    /** A function or layer shipped without bytecode. */
    public ArtifactSpec(ArtifactKind kind, String name, String handler, List<String> sources, String requirements,
            List<String> excludes, List<String> layers, LockSelection lock) {
        this(kind, name, handler, sources, requirements, excludes, layers, lock, false);
    }

    /** A function or layer that asks a lock file for its main dependencies only. */
    public ArtifactSpec(ArtifactKind kind, String name, String handler, List<String> sources, String requirements,
            List<String> excludes, List<String> layers) {
        this(kind, name, handler, sources, requirements, excludes, layers, LockSelection.NONE, false);
    }

    /** A function or layer that names no layers. */
    public ArtifactSpec(ArtifactKind kind, String name, String handler, List<String> sources, String requirements,
            List<String> excludes) {
        this(kind, name, handler, sources, requirements, excludes, List.of(), LockSelection.NONE, false);
    }

    /** How messages name it: {@code <function> 'notifier'}. */
    public String describe() {
        return "<" + kind.id() + "> '" + name + "'";
    }
}
