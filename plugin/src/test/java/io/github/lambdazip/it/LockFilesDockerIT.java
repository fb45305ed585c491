package io.github.lambdazip.it;

import static io.github.lambdazip.TestFiles.write;
import static io.github.lambdazip.it.DockerTestSupport.arm64Image;
import static io.github.lambdazip.it.DockerTestSupport.entries;
import static io.github.lambdazip.it.DockerTestSupport.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.github.lambdazip.TestFiles;
import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.ArtifactKind;
import io.github.lambdazip.core.ArtifactSpec;
import io.github.lambdazip.core.DependencyOptions;
import io.github.lambdazip.core.IndexOptions;
import io.github.lambdazip.core.LambdaZipPackager;
import io.github.lambdazip.core.OutputTimestamp;
import io.github.lambdazip.core.PackageRequest;
import io.github.lambdazip.core.PackageResult;
import io.github.lambdazip.core.PackageVersion;
import io.github.lambdazip.docker.DockerEngine;
import io.github.lambdazip.it.DockerTestSupport.RecordingLog;
import io.github.lambdazip.lock.GreeterLocks;
import io.github.lambdazip.lock.GreeterLocks.Format;
import io.github.lambdazip.lock.LockFileResolver;
import io.github.lambdazip.pep.MarkerEnvironment;
import io.github.lambdazip.pip.HashMismatchException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lock files end to end, with real pip in the test image and only local wheels: the greeter project of
 * {@link GreeterLocks} in each lock format, its find-links folder holding newer versions (lzgreet 1.1, lzwords 2.0)
 * that pip would take if it resolved anything itself.
 */
class LockFilesDockerIT {

    private static final List<PackageVersion> X86_64 = List.of(new PackageVersion("lzgreet", "1.0"),
            new PackageVersion("lzwords", "1.0"), new PackageVersion("lzx86", "1.0"));

    private static DockerClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        client = DockerTestSupport.dockerClient();
    }

    @AfterAll
    static void close() throws Exception {
        client.close();
    }

    /** The handler reports what it imported, so the versions are proven where Lambda would load them. */
    private static Path greeter(Path base, Format format) throws Exception {
        write(base, "src/app.py", String.join("\n",
                "import importlib",
                "",
                "import lzgreet",
                "import lzwords",
                "",
                "",
                "def handler(event, context):",
                "    machine = None",
                "    for name in (\"lzx86\", \"lzarm\"):",
                "        try:",
                "            machine = importlib.import_module(name).MACHINE",
                "        except ImportError:",
                "            pass",
                "    return {\"greeting\": lzgreet.greet(\"lambda\"), \"lzgreet\": lzgreet.VERSION,",
                "            \"lzwords\": lzwords.VERSION, \"machine\": machine}",
                ""));
        GreeterLocks.write(base.resolve("src"), format);
        Path wheelhouse = base.resolve("wheelhouse");
        Files.createDirectories(wheelhouse);
        try (Stream<Path> wheels = Files.list(GreeterLocks.WHEELHOUSE)) {
            for (Path wheel : wheels.toList()) {
                Files.copy(wheel, wheelhouse.resolve(wheel.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return base;
    }

    private static ArtifactSpec function(Format format) {
        return function("greeter", format);
    }

    private static ArtifactSpec function(String name, Format format) {
        return new ArtifactSpec(ArtifactKind.FUNCTION, name, "app.handler", List.of("src"), "src/" + format.fileName(),
                List.of());
    }

    private static PackageRequest request(Path base, Architecture architecture, String image, Path cache,
            ArtifactSpec... specs) {
        IndexOptions index = new IndexOptions(null, List.of(), List.of("wheelhouse"), true,
                List.of("--no-build-isolation"), null, null);
        return new PackageRequest(base, base.resolve("target/lambda-zip"), PythonRuntime.PYTHON_3_11, architecture,
                List.of(specs), OutputTimestamp.DEFAULT, 2, new DependencyOptions(image, "never", index,
                        Duration.ofMinutes(10), cache != null, cache == null ? base.resolve("no-cache") : cache, false));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void lockFile_installsExactlyTheLockedVersions_thoughNewerOnesAreInFindLinks(Format format) throws Exception {
        Path project = greeter(dir.resolve("project"), format);
        RecordingLog log = new RecordingLog();
        PackageResult result = new LambdaZipPackager(log).packageAll(
                request(project, Architecture.X86_64, image(), null, function(format)));

        Path zip = project.resolve("target/lambda-zip/greeter.zip");
        List<String> names = entries(zip);
        for (String dist : List.of("lzgreet-1.0", "lzwords-1.0", "lzx86-1.0")) {
            assertTrue(names.contains(dist + ".dist-info/METADATA"), dist + " in " + names);
        }
        assertTrue(names.stream().noneMatch(n -> n.startsWith("lzgreet-1.1") || n.startsWith("lzwords-2.0")
                || n.startsWith("lzarm")), names.toString());
        assertFalse(names.contains(format.fileName()), "the lock itself is not shipped");
        assertEquals("{\"greeting\": \"hello, lambda\", \"lzgreet\": \"1.0\", \"lzwords\": \"1.0\", \"machine\": \"x86_64\"}",
                DockerTestSupport.invoke(zip, "app", "handler", image(), Architecture.X86_64.dockerPlatform()));

        assertEquals(X86_64, result.artifacts().get(0).dependencies());
        String manifest = Files.readString(result.manifest(), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("{\"name\": \"lzwords\", \"version\": \"1.0\"}"), manifest);
        for (String line : GreeterLocks.X86_64) {
            assertTrue(log.lines.contains("INFO [greeter] " + line + " (from " + format.fileName() + ")"),
                    line + " logged: " + log.lines);
        }
        assertTrue(log.contains("--no-deps --require-hashes"), "pip was told to take exactly the locked files");
        assertTrue(log.lines.stream().noneMatch(l -> l.startsWith("WARN [greeter]")
                && !l.contains("is not pinned to a digest")), log.lines.toString());
    }

    @Test
    void x86AndArm64FunctionsFromOneLock_getTheirOwnCorrectSets() throws Exception {
        for (Format format : Format.values()) {
            Path lock = GreeterLocks.write(dir.resolve("resolve-" + format), format);
            for (Architecture architecture : Architecture.values()) {
                List<String> resolved = LockFileResolver.resolve(lock,
                        MarkerEnvironment.lambda(PythonRuntime.PYTHON_3_11, architecture), List.of()).packages()
                        .stream().map(p -> p.name() + "==" + p.version()).toList();
                assertEquals(architecture == Architecture.ARM64 ? GreeterLocks.ARM64 : GreeterLocks.X86_64, resolved,
                        format + " on " + architecture);
            }
        }

        // One tiny install per architecture from the same uv.lock; arm64 runs under emulation.
        Path x86 = greeter(dir.resolve("x86"), Format.UV);
        PackageResult onX86 = new LambdaZipPackager(new RecordingLog()).packageAll(
                request(x86, Architecture.X86_64, image(), null, function(Format.UV)));
        Path arm = greeter(dir.resolve("arm"), Format.UV);
        PackageResult onArm = new LambdaZipPackager(new RecordingLog()).packageAll(
                request(arm, Architecture.ARM64, arm64Image(), null, function(Format.UV)));

        List<String> x86Names = entries(x86.resolve("target/lambda-zip/greeter.zip"));
        List<String> armNames = entries(arm.resolve("target/lambda-zip/greeter.zip"));
        assertTrue(x86Names.contains("lzx86.py") && !x86Names.contains("lzarm.py"), x86Names.toString());
        assertTrue(armNames.contains("lzarm.py") && !armNames.contains("lzx86.py"), armNames.toString());
        assertEquals(X86_64, onX86.artifacts().get(0).dependencies());
        assertEquals(List.of(new PackageVersion("lzarm", "1.0"), new PackageVersion("lzgreet", "1.0"),
                new PackageVersion("lzwords", "1.0")), onArm.artifacts().get(0).dependencies());
        assertTrue(Files.readString(onArm.manifest()).contains("\"architecture\": \"arm64\""));
    }

    @Test
    void twoLockFormatsResolvingAlike_shareOneCacheEntry() throws Exception {
        Path cache = dir.resolve("shared-cache");
        Path first = greeter(dir.resolve("first"), Format.POETRY);
        new LambdaZipPackager(new RecordingLog()).packageAll(
                request(first, Architecture.X86_64, image(), cache, function(Format.POETRY)));

        Path second = greeter(dir.resolve("second checkout"), Format.PIPFILE);
        RecordingLog log = new RecordingLog();
        new LambdaZipPackager(log).packageAll(request(second, Architecture.X86_64, image(), cache,
                function(Format.PIPFILE)));
        assertTrue(log.contains("[greeter] Dependencies are up to date in the cache"), log.lines.toString());
        assertFalse(log.contains("Installing dependencies"), "no container for the second lock");
        assertEquals(TestFiles.entryNames(first.resolve("target/lambda-zip/greeter.zip")),
                TestFiles.entryNames(second.resolve("target/lambda-zip/greeter.zip")));
    }

    /**
     * The test image has Debian's Python 3.11.2: a lock that picks lzwords by patch release gets 2.0 only when the
     * image is asked. The answer is remembered beside the cache, so the next build needs no engine.
     */
    @Test
    void patchReleaseMarkers_areEvaluatedWithTheImagesPythonVersion_askedOnce() throws Exception {
        Path cache = dir.resolve("cache");
        Path project = greeter(dir.resolve("project"), Format.PYLOCK);
        Path lock = project.resolve("src/pylock.toml");
        String words = "name = \"lzwords\"\nversion = \"1.0\"\n";
        String text = Files.readString(lock);
        assertTrue(text.contains(words));
        String byPatchRelease = text.replace(words, words + "marker = \"python_full_version < '3.11.2'\"\n") + """

                [[packages]]
                name = "lzwords"
                version = "2.0"
                marker = "python_full_version >= '3.11.2'"
                wheels = [{ name = "lzwords-2.0-py3-none-any.whl", url = "https://files.example/lzwords-2.0-py3-none-any.whl", hashes = { sha256 = "%s" } }]
                """.formatted(GreeterLocks.hash("lzwords-2.0-py3-none-any.whl").substring("sha256:".length()));
        Files.writeString(lock, byPatchRelease);

        RecordingLog log = new RecordingLog();
        PackageResult result = new LambdaZipPackager(log).packageAll(
                request(project, Architecture.X86_64, image(), cache, function(Format.PYLOCK)));
        assertTrue(log.contains("[greeter] PEP 751 lock file pylock.toml depends on the exact Python version (python_full_version < "
                + "'3.11.2'); asking the build image"), log.lines.toString());
        assertTrue(log.contains("has Python 3.11.2"), log.lines.toString());
        assertTrue(log.contains("Resolved PEP 751 lock file pylock.toml for python3.11 (Python 3.11.2) on x86_64"), log.lines.toString());
        assertTrue(log.contains("[greeter] lzwords==2.0 (from pylock.toml)"), log.lines.toString());
        assertTrue(result.artifacts().get(0).dependencies().contains(new PackageVersion("lzwords", "2.0")));
        Path zip = project.resolve("target/lambda-zip/greeter.zip");
        assertEquals("{\"greeting\": \"HELLO, lambda\", \"lzgreet\": \"1.0\", \"lzwords\": \"2.0\", \"machine\": \"x86_64\"}",
                DockerTestSupport.invoke(zip, "app", "handler", image(), Architecture.X86_64.dockerPlatform()));

        // another checkout, same cache, no engine: the version and the install both come from the cache
        Path again = greeter(dir.resolve("again"), Format.PYLOCK);
        Files.writeString(again.resolve("src/pylock.toml"), byPatchRelease);
        RecordingLog offline = new RecordingLog();
        String previous = System.getProperty("DOCKER_HOST");
        System.setProperty("DOCKER_HOST", "tcp://127.0.0.1:9");
        try {
            new LambdaZipPackager(offline).packageAll(
                    request(again, Architecture.X86_64, image(), cache, function(Format.PYLOCK)));
        } finally {
            if (previous == null) {
                System.clearProperty("DOCKER_HOST");
            } else {
                System.setProperty("DOCKER_HOST", previous);
            }
        }
        assertFalse(offline.contains("Asking"), offline.lines.toString());
        assertFalse(offline.contains("Connecting to the Docker engine"), offline.lines.toString());
        assertTrue(offline.contains("Resolved PEP 751 lock file pylock.toml for python3.11 (Python 3.11.2)"), offline.lines.toString());
        assertEquals(TestFiles.sha256Hex(zip), TestFiles.sha256Hex(again.resolve("target/lambda-zip/greeter.zip")));
    }

    @Test
    void tamperedWheel_failsWithTheHashError_leavingNoZipAndNoContainer() throws Exception {
        Path project = greeter(dir.resolve("project"), Format.PYLOCK);
        Path wheel = project.resolve("wheelhouse/lzwords-1.0-py3-none-any.whl");
        byte[] bytes = Files.readAllBytes(wheel);
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("WORD = \"hello\"", "WORD = \"pwned\"");
        Files.write(wheel, text.getBytes(StandardCharsets.ISO_8859_1));
        String tampered = TestFiles.sha256Hex(wheel);
        String locked = GreeterLocks.hash("lzwords-1.0-py3-none-any.whl").substring("sha256:".length());
        assertFalse(tampered.equals(locked));

        // other builds may share the engine: count only this test's containers, by the artifact label
        Map<String, String> mine = Map.of(DockerEngine.LABEL + ".artifact", "tampered-greeter");
        List<String> before = DockerTestSupport.labelledContainers(client, mine);
        HashMismatchException error = assertThrows(HashMismatchException.class,
                () -> new LambdaZipPackager(new RecordingLog()).packageAll(
                        request(project, Architecture.X86_64, image(), project.resolve("cache"),
                                function("tampered-greeter", Format.PYLOCK))));
        assertTrue(error.getMessage().startsWith("pip refused lzwords for 'tampered-greeter'"), error.getMessage());
        assertTrue(error.getMessage().contains("expected sha256 " + locked + ", got " + tampered), error.getMessage());
        assertTrue(error.getMessage().contains("pylock.toml records"), error.getMessage());
        assertEquals("lzwords-1.0-py3-none-any.whl", error.mismatches().get(0).file());
        assertFalse(Files.exists(project.resolve("target/lambda-zip/tampered-greeter.zip")));
        assertFalse(Files.exists(project.resolve("target/lambda-zip/manifest.json")));
        assertFalse(Files.exists(project.resolve("target/lambda-zip/.work")), "no temporary install left behind");
        assertEquals(List.of(), cacheEntries(project.resolve("cache")), "nothing cached");
        assertEquals(List.of(), before);
        assertEquals(List.of(), DockerTestSupport.labelledContainers(client, mine), "the failed container was removed");
    }

    private static List<String> cacheEntries(Path cache) throws Exception {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        }
    }

    @Test
    void localFolderInALock_isBuiltFromTheFolderSentIn_withAWarningThatItHasNoHash() throws Exception {
        Path project = greeter(dir.resolve("project"), Format.PYLOCK);
        write(project, "libs/shared/setup.py",
                "from setuptools import setup\nsetup(name='shared', version='0.3', py_modules=['shared'])\n");
        write(project, "libs/shared/shared.py", "NAME = 'shared'\n");
        Path lock = project.resolve("src/pylock.toml");
        Files.writeString(lock, Files.readString(lock) + """

                [[packages]]
                name = "shared"
                version = "0.3"
                directory = { path = "../libs/shared", editable = true }
                """);
        RecordingLog log = new RecordingLog();
        PackageResult result = new LambdaZipPackager(log).packageAll(
                request(project, Architecture.X86_64, image(), null, function(Format.PYLOCK)));
        List<String> names = entries(project.resolve("target/lambda-zip/greeter.zip"));
        assertTrue(names.contains("shared.py"), names.toString());
        assertTrue(names.contains("lzwords-1.0.dist-info/METADATA"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.startsWith("lzwords-2.0")), "still no resolution: " + names);
        assertTrue(result.artifacts().get(0).dependencies().contains(new PackageVersion("shared", "0.3")));
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("WARN [greeter] pylock.toml: 1 of 4 packages carry no "
                + "hash (shared)")), log.lines.toString());
        String pip = log.lines.stream().filter(l -> l.contains("Installing dependencies in")).findFirst().orElseThrow();
        assertTrue(pip.contains("--no-deps") && !pip.contains("--require-hashes"), pip);
    }
}
