package io.github.lambdazip.core;

import static io.github.lambdazip.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.docker.DockerUnavailableException;
import io.github.lambdazip.lock.GreeterLocks;
import io.github.lambdazip.lock.GreeterLocks.Format;
import io.github.lambdazip.lock.LockFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock file named in {@code <requirements>} is resolved for the build's Lambda environment before any container,
 * with no engine: its packages are logged, a bad lock fails first. The engine here is a closed port, so any attempt
 * to reach it shows as a {@link DockerUnavailableException}.
 */
class LockResolutionTest {

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void noEngine() {
        System.setProperty("DOCKER_HOST", "tcp://127.0.0.1:9");
    }

    @AfterEach
    void restore() {
        System.clearProperty("DOCKER_HOST");
    }

    private BuildLog recording() {
        return new BuildLog() {
            @Override
            public void debug(String message) {}

            @Override
            public void info(String message) {
                log.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                log.add("WARN " + message);
            }
        };
    }

    private Path project() {
        Path base = dir.resolve("project");
        write(base, "src/app.py", "def handler(event, context):\n    return 1\n");
        return base;
    }

    private static ArtifactSpec function(String name, String requirements, LockSelection lock) {
        return new ArtifactSpec(ArtifactKind.FUNCTION, name, "app.handler", List.of("src"), requirements, List.of(),
                List.of(), lock);
    }

    private static PackageRequest request(Path base, Architecture architecture, ArtifactSpec... specs) {
        return new PackageRequest(base, base.resolve("target/lambda-zip"), PythonRuntime.PYTHON_3_11, architecture,
                List.of(specs), OutputTimestamp.DEFAULT, 1, new DependencyOptions("lambdazip-test/python:3.11", "never",
                        IndexOptions.none(), Duration.ofMinutes(1), false, base.resolve("cache"), false));
    }

    @Test
    void lockFile_isResolvedForTheArchitecture_andLoggedOneLinePerPackage_beforeAnyContainer() throws Exception {
        Path base = project();
        GreeterLocks.write(base.resolve("src"), Format.UV);
        ArtifactSpec greeter = function("greeter", "src/uv.lock", LockSelection.NONE);
        assertThrows(DockerUnavailableException.class,
                () -> new LambdaZipPackager(recording()).packageAll(request(base, Architecture.X86_64, greeter)));
        assertTrue(log.contains("INFO [greeter] Resolved uv lock file uv.lock for python3.11 on x86_64: 3 packages, "
                + "hashes required"), log.toString());
        assertEquals(List.of("INFO [greeter] lzgreet==1.0 (from uv.lock)", "INFO [greeter] lzwords==1.0 (from uv.lock)",
                "INFO [greeter] lzx86==1.0 (from uv.lock)"),
                log.stream().filter(l -> l.contains("(from uv.lock)")).toList());
        assertFalse(log.stream().anyMatch(l -> l.startsWith("WARN [greeter]")), log.toString());

        log.clear();
        assertThrows(DockerUnavailableException.class,
                () -> new LambdaZipPackager(recording()).packageAll(request(base, Architecture.ARM64, greeter)));
        assertEquals(List.of("INFO [greeter] lzarm==1.0 (from uv.lock)", "INFO [greeter] lzgreet==1.0 (from uv.lock)",
                "INFO [greeter] lzwords==1.0 (from uv.lock)"),
                log.stream().filter(l -> l.contains("(from uv.lock)")).toList());
    }

    @Test
    void unlockedPyproject_isAWarning_andRequestedExtrasAreSaid() throws Exception {
        Path base = project();
        write(base, "src/pyproject.toml", """
                [project]
                name = "greeter"
                version = "0.1.0"
                dependencies = ["lzgreet>=1.0"]

                [project.optional-dependencies]
                loud = ["lzwords>=2"]
                """);
        ArtifactSpec greeter = function("greeter", "src/pyproject.toml", new LockSelection(List.of("loud"), List.of()));
        assertThrows(DockerUnavailableException.class,
                () -> new LambdaZipPackager(recording()).packageAll(request(base, Architecture.X86_64, greeter)));
        assertTrue(log.contains("INFO [greeter] Resolved pyproject.toml without lock pyproject.toml for python3.11 on "
                + "x86_64, extras loud: 2 packages, not locked"), log.toString());
        assertTrue(log.contains("INFO [greeter] lzwords>=2 (from pyproject.toml)"), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN [greeter] ") && l.contains("is not a lock file")),
                log.toString());
    }

    @Test
    void badLockOfALaterFunction_failsBeforeTheFirstFunctionInstalls() throws Exception {
        Path base = project();
        write(base, "src/requirements.txt", "lzgreet==1.0\n");
        write(base, "other/uv.lock", "version = 1\n[[package]\nname = \"x\"\n");
        LockFileException error = assertThrows(LockFileException.class,
                () -> new LambdaZipPackager(recording()).packageAll(request(base, Architecture.X86_64,
                        function("first", "src/requirements.txt", LockSelection.NONE),
                        function("second", "other/uv.lock", LockSelection.NONE))));
        assertTrue(error.getMessage().matches("(?s).*other/uv.lock:\\d+: malformed TOML.*"), error.getMessage());
        assertFalse(Files.exists(base.resolve("target/lambda-zip/first.zip")));
        assertFalse(Files.exists(base.resolve("target/lambda-zip/manifest.json")));
    }

    @Test
    void unknownGroup_failsNamingTheGroupsTheLockHas() throws Exception {
        Path base = project();
        GreeterLocks.write(base.resolve("src"), Format.PIPFILE);
        LockFileException error = assertThrows(LockFileException.class,
                () -> new LambdaZipPackager(recording()).packageAll(request(base, Architecture.X86_64,
                        function("greeter", "src/Pipfile.lock", new LockSelection(List.of(), List.of("docs"))))));
        assertTrue(error.getMessage().contains("there is no section 'docs' (there are default, develop)"),
                error.getMessage());
    }

    @Test
    void lockWithNothingForThisArchitecture_needsNoEngine_andTheManifestListsNoDependencies() throws Exception {
        Path base = project();
        Path lock = GreeterLocks.write(base.resolve("src"), Format.PYLOCK);
        // keep only the arm64-only package
        String text = Files.readString(lock);
        Files.writeString(lock, text.substring(0, text.indexOf("[[packages]]", text.indexOf("name = \"lzarm\""))));
        PackageResult result = new LambdaZipPackager(recording()).packageAll(request(base, Architecture.X86_64,
                function("greeter", "src/pylock.toml", LockSelection.NONE)));
        assertTrue(log.contains("INFO [greeter] Resolved PEP 751 lock file pylock.toml for python3.11 on x86_64: "
                + "0 packages"), log.toString());
        assertTrue(log.contains("INFO [greeter] Nothing to install: src/pylock.toml holds no package for this "
                + "environment"), log.toString());
        assertEquals(List.of(), result.artifacts().get(0).dependencies());
        assertTrue(Files.readString(result.manifest()).contains("\"dependencies\": [],"));
        assertEquals(List.of("app.py"), io.github.lambdazip.TestFiles.entryNames(base.resolve("target/lambda-zip/greeter.zip")));
    }
}
