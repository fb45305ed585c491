package io.github.lambdazip.it;

import static io.github.lambdazip.TestFiles.write;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.ArtifactKind;
import io.github.lambdazip.core.ArtifactSpec;
import io.github.lambdazip.core.DependencyOptions;
import io.github.lambdazip.core.IndexOptions;
import io.github.lambdazip.core.OutputTimestamp;
import io.github.lambdazip.core.PackageRequest;
import io.github.lambdazip.docker.ContainerResult;
import io.github.lambdazip.docker.ContainerSpec;
import io.github.lambdazip.docker.DockerEngine;
import io.github.lambdazip.docker.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What the Docker tests share: the test images (built from Debian packages by .ci/docker-setup.sh), a sample
 * function that needs a C extension and a pure-Python wheel from the shipped wheelhouse, and a way to run a
 * packaged handler the way Lambda does: unzipped into /var/task of a fresh container with no network.
 */
final class DockerTestSupport {

    static final Path WHEELHOUSE = Path.of("src/test/python-packages/wheelhouse").toAbsolutePath();

    private DockerTestSupport() {}

    static String image() {
        return System.getProperty("lambdazip.test.image", "lambdazip-test/python:3.11");
    }

    static String arm64Image() {
        return System.getProperty("lambdazip.test.image.arm64", "lambdazip-test/python:3.11-arm64");
    }

    /** A project whose handler adds in C and greets in pure Python. */
    static Path nativeProject(Path base) throws IOException {
        write(base, "src/app.py", String.join("\n",
                "import fastmath",
                "import purehelper",
                "",
                "",
                "def handler(event, context):",
                "    return {\"sum\": fastmath.add(2, 3), \"greeting\": purehelper.greet(\"lambda\")}",
                ""));
        write(base, "src/requirements.txt", "fastmath==1.0\npurehelper==1.0\n");
        Path wheelhouse = base.resolve("wheelhouse");
        Files.createDirectories(wheelhouse);
        try (Stream<Path> files = Files.list(WHEELHOUSE)) {
            for (Path file : files.toList()) {
                Files.copy(file, wheelhouse.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return base;
    }

    static ArtifactSpec nativeFunction() {
        return nativeFunction("adder");
    }

    static ArtifactSpec nativeFunction(String name) {
        return new ArtifactSpec(ArtifactKind.FUNCTION, name, "app.handler", List.of("src"), "src/requirements.txt",
                List.of("requirements.txt"));
    }

    static DependencyOptions offlineDependencies(String image, boolean cache, Path cacheDirectory) {
        return offlineDependencies(image, cache, cacheDirectory, Duration.ofMinutes(10));
    }

    static DependencyOptions offlineDependencies(String image, boolean cache, Path cacheDirectory, Duration timeout) {
        IndexOptions index = new IndexOptions(null, List.of(), List.of("wheelhouse"), true,
                List.of("--no-build-isolation"), null, null);
        return new DependencyOptions(image, "never", index, timeout, cache, cacheDirectory, false);
    }

    /** The tests' own docker-java client, to inspect what the engine holds. */
    static DockerClient dockerClient() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig()).build());
    }

    /** IDs of containers carrying the plugin's label (and {@code labels}), running or not. */
    static List<String> labelledContainers(DockerClient client, Map<String, String> labels) {
        Map<String, String> filter = new java.util.TreeMap<>(labels);
        filter.put(DockerEngine.LABEL, "true");
        return client.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec().stream()
                .map(c -> c.getId()).toList();
    }

    static PackageRequest request(Path base, Architecture architecture, String image, boolean cache,
            List<ArtifactSpec> specs) {
        return new PackageRequest(base, base.resolve("target/lambda-zip"), PythonRuntime.PYTHON_3_11, architecture,
                specs, OutputTimestamp.DEFAULT, 2, offlineDependencies(image, cache, base.resolve("cache")));
    }

    /** A log that keeps every line, to assert on what users see. */
    static final class RecordingLog implements BuildLog {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }

        boolean contains(String text) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }
    }

    /** The ELF e_machine of a zip entry (62 = x86-64, 183 = aarch64). */
    static int elfMachine(Path zip, String entryName) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            byte[] bytes = file.getInputStream(file.getEntry(entryName)).readAllBytes();
            if (bytes.length < 20 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
                throw new AssertionError(entryName + " is not an ELF file");
            }
            return (bytes[18] & 0xff) | (bytes[19] & 0xff) << 8;
        }
    }

    static List<String> entries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    /**
     * Unzips the package into /var/task of a fresh container with no network and calls the handler, as Lambda would;
     * returns the handler's result as JSON.
     */
    static String invoke(Path zip, String module, String function, String image, String platform) throws Exception {
        Path tar = Files.createTempFile("lambda-task", ".tar");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            TarBuilder builder = new TarBuilder();
            for (ZipEntry entry : Collections.list(file.entries())) {
                builder.addBytes("var/task/" + entry.getName(), file.getInputStream(entry).readAllBytes(), 0644);
            }
            builder.writeTo(tar);
        }
        List<String> output = new ArrayList<>();
        String script = "import json, sys; sys.path.insert(0, '/var/task'); import " + module + " as m; "
                + "print('RESULT ' + json.dumps(m." + function + "({}, None), sort_keys=True))";
        try (DockerEngine engine = DockerEngine.connect(BuildLog.silent())) {
            ContainerSpec spec = ContainerSpec.builder(image, platform, List.of("python3", "-c", script))
                    .environment(Map.of("LAMBDA_TASK_ROOT", "/var/task")).workingDirectory("/var/task")
                    .label("io.github.lambdazip.test", "invoke").inputTar(tar).timeout(Duration.ofMinutes(5), "test")
                    .withoutNetwork().outputLines(output::add).build();
            ContainerResult result = engine.run(spec, stream -> {});
            if (result.exitCode() != 0) {
                throw new AssertionError("the handler failed in the container: " + String.join("\n", output));
            }
        } finally {
            Files.deleteIfExists(tar);
        }
        return output.stream().filter(l -> l.startsWith("RESULT ")).map(l -> l.substring(7)).findFirst()
                .orElseThrow(() -> new AssertionError("no result: " + output));
    }
}
