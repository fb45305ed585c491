package io.github.lambdazip.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One container run: the image and platform, the command (an argument list, never a shell line), environment,
 * labels, a tar copied to {@code /} before start, an entrypoint to replace the image's (null keeps it), the folder copied out after it ends, and a time limit.
 * {@code networkDisabled} cuts the container off from every network.
 */
public record ContainerSpec(
        String image,
        String platform,
        List<String> command,
        Map<String, String> environment,
        String workingDirectory,
        Map<String, String> labels,
        Path inputTar,
        String outputPath,
        Duration timeout,
        boolean networkDisabled,
        Consumer<String> outputLines,
        List<String> entrypoint) {

    public ContainerSpec {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        labels = Map.copyOf(labels);
    }

    /** A run that keeps the image's entrypoint. */
    public ContainerSpec(String image, String platform, List<String> command, Map<String, String> environment,
            String workingDirectory, Map<String, String> labels, Path inputTar, String outputPath, Duration timeout,
            boolean networkDisabled, Consumer<String> outputLines) {
        this(image, platform, command, environment, workingDirectory, labels, inputTar, outputPath, timeout,
                networkDisabled, outputLines, null);
    }
}
