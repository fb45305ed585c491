package io.github.lambdazip.core;

import java.util.Objects;

/**
 * One package a function or layer ships, as its lock file resolved it: the normalised name and the locked version
 * ({@code null} when the file pins none: a {@code pyproject.toml} without lock, or a local or VCS entry without a
 * recorded version).
 */
public record PackageVersion(String name, String version) {

    public PackageVersion {
        Objects.requireNonNull(name, "name");
    }
}
