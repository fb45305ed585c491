package io.github.lambdazip.core;

import java.nio.file.Path;
import java.util.List;

/** The zips a run wrote and the manifest that lists them. */
public record PackageResult(List<ArtifactResult> artifacts, Path manifest) {}
