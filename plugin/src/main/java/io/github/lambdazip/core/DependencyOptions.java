package io.github.lambdazip.core;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How dependencies are installed: the build image (null for the runtime's {@code python:3.x-slim}), when to pull
 * it ({@code ifNotPresent}, {@code always}, {@code never}), where pip finds packages, the time one install may take,
 * the cache, and whether the build is offline (no pull; pip uses only the find-links folders).
 */
public record DependencyOptions(
        String image,
        String pullPolicy,
        IndexOptions index,
        Duration installTimeout,
        boolean cache,
        Path cacheDirectory,
        boolean offline) {

    public DependencyOptions {
        index = index == null ? IndexOptions.none() : index;
    }

    public static DependencyOptions defaults(Path cacheDirectory) {
        return new DependencyOptions(null, "ifNotPresent", IndexOptions.none(), Duration.ofMinutes(20), true,
                cacheDirectory, false);
    }
}
