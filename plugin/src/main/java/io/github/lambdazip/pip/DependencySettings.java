package io.github.lambdazip.pip;

import io.github.lambdazip.docker.PullPolicy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How dependencies are installed: the build image (null for the runtime's {@code python:3.x-slim}), when to pull
 * it, pip's options, the time one install may take, the cache, and whether the build is offline (Maven's
 * {@code -o}: no pull, and pip takes only the find-links folders, while the cache key stays that of the online
 * build so its entries still serve).
 */
public record DependencySettings(
        String image,
        PullPolicy pullPolicy,
        PipOptions pip,
        Duration installTimeout,
        boolean cacheEnabled,
        Path cacheDirectory,
        boolean offline) {

    public static DependencySettings defaults(Path cacheDirectory) {
        return new DependencySettings(null, PullPolicy.IF_NOT_PRESENT, PipOptions.defaults(), Duration.ofMinutes(20),
                true, cacheDirectory, false);
    }
}
