package io.github.lambdazip.docker;

import java.util.List;

/** How a container run ended: its exit code and its last lines of output, for messages. */
public record ContainerResult(int exitCode, List<String> lastLines) {}
