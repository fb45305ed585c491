package io.github.lambdazip.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One container run: the image and platform, the command (an argument list, never a shell line), environment,
 * labels, a tar copied to {@code /} before start, an entrypoint to replace the image's (null keeps it), the folder
 * copied out after it ends, and a time limit with the setting that gives it. {@code networkDisabled} cuts the container off from every network.
 * Built with {@link #builder}.
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
        String timeoutSetting,
        boolean networkDisabled,
        Consumer<String> outputLines,
        List<String> entrypoint) {

    public ContainerSpec {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        labels = Map.copyOf(labels);
    }

    public static Builder builder(String image, String platform, List<String> command) {
        return new Builder(image, platform, command);
    }

    /** The optional parts of a run, by name. */
    public static final class Builder {
        private final String image;
        private final String platform;
        private final List<String> command;
        private final Map<String, String> environment = new TreeMap<>();
        private final Map<String, String> labels = new TreeMap<>();
        private String workingDirectory = "/";
        private Path inputTar;
        private String outputPath;
        private Duration timeout = Duration.ofMinutes(20);
        private String timeoutSetting = "installTimeout";
        private boolean networkDisabled;
        private Consumer<String> outputLines = line -> { };
        private List<String> entrypoint;

        private Builder(String image, String platform, List<String> command) {
            this.image = image;
            this.platform = platform;
            this.command = command;
        }

        public Builder environment(Map<String, String> values) {
            environment.putAll(values);
            return this;
        }

        public Builder workingDirectory(String folder) {
            workingDirectory = folder;
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(name, value);
            return this;
        }

        /** A tar unpacked at {@code /} before the container starts. */
        public Builder inputTar(Path tar) {
            inputTar = tar;
            return this;
        }

        /** The folder copied out as a tar when the command exits with 0. */
        public Builder outputPath(String folder) {
            outputPath = folder;
            return this;
        }

        /** @param setting the user setting that gives the limit, named when it runs out */
        public Builder timeout(Duration limit, String setting) {
            timeout = limit;
            timeoutSetting = setting;
            return this;
        }

        public Builder withoutNetwork() {
            networkDisabled = true;
            return this;
        }

        public Builder outputLines(Consumer<String> consumer) {
            outputLines = consumer;
            return this;
        }

        public Builder entrypoint(List<String> replacement) {
            entrypoint = replacement;
            return this;
        }

        public ContainerSpec build() {
            return new ContainerSpec(image, platform, command, environment, workingDirectory, labels, inputTar,
                    outputPath, timeout, timeoutSetting, networkDisabled, outputLines, entrypoint);
        }
    }
}
