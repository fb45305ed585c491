package io.github.lambdazip.pip;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.AtomicFiles;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.docker.ContainerResult;
import io.github.lambdazip.docker.ContainerSpec;
import io.github.lambdazip.docker.ContainerTimeoutException;
import io.github.lambdazip.docker.DockerEngine;
import io.github.lambdazip.docker.DockerSession;
import io.github.lambdazip.docker.PullPolicy;
import io.github.lambdazip.hash.Sha256;
import io.github.lambdazip.pep.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The full Python version of a build image (e.g. {@code 3.12.7}), for lock files whose markers or
 * {@code requires-python} depend on the patch release. The image is asked once, in a short container, and the
 * answer is remembered under the dependency cache folder, keyed like the cache by the configured image and its
 * platform, so later builds need no engine; with {@code pullPolicy=always} the engine is asked whether the tag
 * moved since. Without a cache the image is asked by every build that needs it.
 */
public final class ImagePythonVersion {

    /** Printed before the answer, so nothing else the image prints (a banner, a warning) is taken for it. */
    static final String ANSWER_PREFIX = "lambda-zip-python:";
    private static final String FOLDER = "python-versions";
    private static final String PROBE = "import platform; print('" + ANSWER_PREFIX + "', platform.python_version(), "
            + "platform.machine())";

    private final BuildLog log;
    private final DockerSession docker;

    public ImagePythonVersion(BuildLog log, DockerSession docker) {
        this.log = log;
        this.docker = docker;
    }

    /** What the image said, and which image that was. */
    record Answer(String version, String imageId) {
        String text() {
            return version + "\n" + imageId + "\n";
        }

        static Answer parse(String text) {
            String[] lines = text.split("\n");
            if (lines.length < 2 || Version.tryParse(lines[0].trim()).isEmpty() || lines[1].isBlank()) {
                return null;
            }
            return new Answer(lines[0].trim(), lines[1].trim());
        }
    }

    /**
     * The full Python version of the image that installs for {@code runtime} on {@code architecture}.
     *
     * @throws ImageMismatchException the image's Python is not the runtime's minor version, or its CPU not the
     *     architecture's
     */
    public String of(PythonRuntime runtime, Architecture architecture, DependencySettings settings)
            throws LambdaZipException, IOException {
        String image = InstallRequest.imageFor(settings, runtime);
        String platform = architecture.dockerPlatform();
        String key = image + "\n" + platform;
        Path record = settings.cacheEnabled() ? settings.cacheDirectory().resolve(FOLDER).resolve(fileName(key)) : null;
        Answer known = null;
        if (record != null && Files.isRegularFile(record)) {
            known = Answer.parse(Files.readString(record, StandardCharsets.UTF_8));
        }
        if (known != null && settings.pullPolicy() == PullPolicy.ALWAYS && !settings.offline()
                && !known.imageId().equals(docker.engine().ensureImage(image, platform, PullPolicy.ALWAYS, log))) {
            known = null;
        }
        if (known == null) {
            known = ask(image, platform, runtime, architecture, settings);
            if (record != null) {
                // written whole or not at all: two builds may ask at once, and both answers are the same
                AtomicFiles.write(record, known.text().getBytes(StandardCharsets.UTF_8));
            }
        }
        return known.version();
    }

    private Answer ask(String image, String platform, PythonRuntime runtime, Architecture architecture,
            DependencySettings settings) throws LambdaZipException, IOException {
        DockerEngine engine = docker.engine();
        String imageId = engine.ensureImage(image, platform, settings.pullPolicy(), settings.offline(), log);
        log.info("Asking " + image + " (" + platform + ") for its exact Python version");
        List<String> output = new ArrayList<>();
        ContainerSpec spec = ContainerSpec.builder(image, platform, List.of("-c", PROBE))
                .entrypoint(List.of("python3"))
                .label(DockerEngine.LABEL + ".purpose", "python-version")
                .timeout(settings.installTimeout(), "installTimeout")
                .withoutNetwork()
                .outputLines(output::add)
                .build();
        ContainerResult result;
        try {
            result = engine.run(spec, stream -> { });
        } catch (ContainerTimeoutException e) {
            throw new ContainerTimeoutException("asking " + image + " for its Python version",
                    settings.installTimeout(), "installTimeout");
        }
        String[] answer = output.stream().filter(line -> line.startsWith(ANSWER_PREFIX)).findFirst()
                .map(line -> line.substring(ANSWER_PREFIX.length()).trim().split("\\s+")).orElse(null);
        if (result.exitCode() != 0 || answer == null || answer.length != 2
                || Version.tryParse(answer[0]).isEmpty()) {
            throw new ImageMismatchException(image, "no working python3 (exit code " + result.exitCode() + ": "
                    + String.join(" | ", result.lastLines()) + ")",
                    "Python " + runtime.pythonVersion() + " on " + architecture.machine(),
                    "use a Python image for the runtime, e.g. <image>" + runtime.defaultImage() + "</image>");
        }
        String minor = answer[0].replaceAll("^(\\d+\\.\\d+).*", "$1");
        if (!minor.equals(runtime.pythonVersion()) || !answer[1].equals(architecture.machine())) {
            throw DependencyInstaller.mismatch(runtime, architecture, image, minor, answer[1]);
        }
        log.info(image + " has Python " + answer[0]);
        return new Answer(answer[0], imageId);
    }

    private static String fileName(String key) {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
