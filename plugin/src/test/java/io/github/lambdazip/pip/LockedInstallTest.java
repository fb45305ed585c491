package io.github.lambdazip.pip;

import static io.github.lambdazip.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.ProjectProblemException;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.docker.DockerSession;
import io.github.lambdazip.docker.PullPolicy;
import io.github.lambdazip.lock.GreeterLocks;
import io.github.lambdazip.lock.GreeterLocks.Format;
import io.github.lambdazip.lock.LockFileResolver;
import io.github.lambdazip.lock.ResolvedDependencies;
import io.github.lambdazip.pep.MarkerEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What pip is handed for a lock file: the pinned requirements written from the resolved set, the local files it
 * names, its flags, and a cache key that follows the resolved set rather than the lock's bytes. No engine is needed
 * for any of it.
 */
class LockedInstallTest {

    @TempDir
    Path dir;

    private Path project() throws Exception {
        Path wheelhouse = dir.resolve("project/wheelhouse");
        Files.createDirectories(wheelhouse);
        try (Stream<Path> wheels = Files.list(GreeterLocks.WHEELHOUSE)) {
            for (Path wheel : wheels.toList()) {
                Files.copy(wheel, wheelhouse.resolve(wheel.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir.resolve("project");
    }

    private static ResolvedDependencies resolve(Path lock, Architecture architecture) throws Exception {
        return LockFileResolver.resolve(lock, MarkerEnvironment.lambda(PythonRuntime.PYTHON_3_11, architecture),
                List.of());
    }

    private static DependencySettings settings(Path project) {
        PipOptions pip = new PipOptions(null, List.of(), List.of("wheelhouse"), true, List.of("--no-build-isolation"),
                null);
        return new DependencySettings("lambdazip-test/python:3.11", PullPolicy.NEVER, pip, Duration.ofMinutes(5), true,
                project.resolve("cache"), false);
    }

    private String key(Path project, Path lock, Architecture architecture) throws Exception {
        return prepare(project, lock, architecture).key();
    }

    private DependencyInstaller.PipRun prepare(Path project, Path lock, Architecture architecture) throws Exception {
        InstallRequest request = new InstallRequest("greeter", lock, project, PythonRuntime.PYTHON_3_11, architecture,
                settings(project), resolve(lock, architecture));
        try (DockerSession never = new DockerSession(BuildLog.silent())) {
            return new DependencyInstaller(BuildLog.silent(), never, project.resolve("target/work")).prepare(request);
        }
    }

    @Test
    void lockedSetWithHashes_isOnePinnedLinePerPackage_readWithNoDepsAndRequireHashes() throws Exception {
        Path project = project();
        Path lock = GreeterLocks.write(project.resolve("src"), Format.UV);
        InstallInputs inputs = new RequirementsScanner().scan(resolve(lock, Architecture.X86_64), project,
                List.of("wheelhouse"));

        assertEquals("lzgreet==1.0 --hash=" + GreeterLocks.hash("lzgreet-1.0-py3-none-any.whl") + "\n"
                + "lzwords==1.0 --hash=" + GreeterLocks.hash("lzwords-1.0-py3-none-any.whl") + "\n"
                + "lzx86==1.0 --hash=" + GreeterLocks.hash("lzx86-1.0-py3-none-any.whl") + "\n",
                inputs.pinned().text());
        assertTrue(inputs.pinned().noDeps());
        assertTrue(inputs.pinned().requireHashes());
        assertNull(inputs.requirements(), "the lock itself is not sent");
        assertFalse(inputs.files().keySet().stream().anyMatch(f -> f.endsWith(".lock") || f.endsWith(".toml")),
                inputs.files().toString());
        assertTrue(inputs.files().containsKey("lzgreet-1.1-py3-none-any.whl"), "the find-links folder is the root");
        assertEquals(List.of(""), inputs.findLinks());
        assertEquals("/lambdazip/locked-requirements.txt", inputs.containerRequirements());
        assertEquals("/lambdazip", inputs.containerWorkingDirectory());

        List<String> arguments = new PipCommand(settings(project).pip(), inputs).arguments();
        assertEquals(List.of("--no-index", "--no-deps", "--require-hashes", "--no-build-isolation", "-r",
                "/lambdazip/locked-requirements.txt"), arguments.subList(arguments.size() - 6, arguments.size()));
        assertEquals("/lambdazip/project", arguments.get(arguments.indexOf("--find-links") + 1));
    }

    @Test
    void requirementsFile_isReadAsBefore_withoutNoDepsOrRequireHashes() throws Exception {
        Path project = project();
        Path requirements = write(project, "src/requirements.txt", "lzgreet==1.0\n");
        InstallInputs inputs = new RequirementsScanner().scan(requirements, project, List.of("wheelhouse"));
        assertNull(inputs.pinned());
        List<String> arguments = new PipCommand(settings(project).pip(), inputs).arguments();
        assertFalse(arguments.contains("--no-deps"));
        assertFalse(arguments.contains("--require-hashes"));
        assertEquals("/lambdazip/project/src/requirements.txt", arguments.get(arguments.size() - 1));
    }

    @Test
    void localFolder_isSentIn_andNamedByItsContainerPath_soHashesCannotBeRequired() throws Exception {
        Path project = project();
        write(project, "libs/shared/pyproject.toml", "[project]\nname = \"shared\"\nversion = \"0.3\"\n");
        write(project, "libs/shared/shared/__init__.py", "X = 1\n");
        Path lock = write(project, "src/pylock.toml", """
                lock-version = "1.0"
                created-by = "hand"

                [[packages]]
                name = "lzwords"
                version = "1.0"
                wheels = [{ name = "lzwords-1.0-py3-none-any.whl", hashes = { sha256 = "%s" } }]

                [[packages]]
                name = "shared"
                version = "0.3"
                directory = { path = "../libs/shared", editable = true }
                """.formatted(GreeterLocks.hash("lzwords-1.0-py3-none-any.whl").substring(7)));
        ResolvedDependencies resolved = resolve(lock, Architecture.X86_64);
        InstallInputs inputs = new RequirementsScanner().scan(resolved, project, List.of("wheelhouse"));

        assertEquals("lzwords==1.0\n/lambdazip/project/libs/shared\n", inputs.pinned().text(),
                "pip checks every line's hash or none, and a folder has none");
        assertTrue(inputs.files().containsKey("libs/shared/shared/__init__.py"), inputs.files().keySet().toString());
        assertTrue(inputs.files().containsKey("libs/shared/pyproject.toml"));
        assertTrue(inputs.files().containsKey("wheelhouse/lzwords-1.0-py3-none-any.whl"));
        assertTrue(inputs.pinned().noDeps());
        assertFalse(inputs.pinned().requireHashes(), "a folder has no file hash");
        assertEquals(List.of("wheelhouse"), inputs.findLinks());
    }

    @Test
    void missingLocalFolder_failsNamingThePackageAndThePath() throws Exception {
        Path project = project();
        Path lock = write(project, "src/pylock.toml", """
                lock-version = "1.0"
                created-by = "hand"

                [[packages]]
                name = "shared"
                directory = { path = "../libs/gone" }
                """);
        ProjectProblemException error = assertThrows(ProjectProblemException.class,
                () -> new RequirementsScanner().scan(resolve(lock, Architecture.X86_64), project, List.of()));
        assertTrue(error.getMessage().contains("locks shared to the local path '../libs/gone', which does not exist"),
                error.getMessage());
    }

    @Test
    void fileUrl_isRefused_asTheContainerCannotSeeIt() throws Exception {
        Path project = project();
        Path lock = write(project, "src/pylock.toml", """
                lock-version = "1.0"
                created-by = "hand"

                [[packages]]
                name = "shared"
                version = "0.3"
                archive = { url = "file:///home/me/shared-0.3.tar.gz", hashes = { sha256 = "%s" } }
                """.formatted("ab".repeat(32)));
        ProjectProblemException error = assertThrows(ProjectProblemException.class,
                () -> new RequirementsScanner().scan(resolve(lock, Architecture.X86_64), project, List.of()));
        assertTrue(error.getMessage().contains("a file: URL"), error.getMessage());
    }

    @Test
    void pyprojectWithoutLock_isNeitherLockedNorHashed() throws Exception {
        Path project = project();
        Path pyproject = write(project, "src/pyproject.toml",
                "[project]\nname = \"greeter\"\nversion = \"0.1\"\ndependencies = [\"lzgreet>=1.0\"]\n");
        InstallInputs inputs = new RequirementsScanner().scan(resolve(pyproject, Architecture.X86_64), project,
                List.of("wheelhouse"));
        assertEquals("lzgreet>=1.0\n", inputs.pinned().text());
        List<String> arguments = new PipCommand(settings(project).pip(), inputs).arguments();
        assertFalse(arguments.contains("--no-deps"), "pip resolves an unlocked project's dependencies");
        assertFalse(arguments.contains("--require-hashes"));
    }

    @Test
    void everyLockFormat_resolvingTheSameSet_sharesOneCacheKey() throws Exception {
        Path project = project();
        String pylock = key(project, GreeterLocks.write(project.resolve("a"), Format.PYLOCK), Architecture.X86_64);
        for (Format format : List.of(Format.UV, Format.POETRY, Format.PIPFILE)) {
            Path lock = GreeterLocks.write(project.resolve(format.name().toLowerCase()), format);
            assertEquals(pylock, key(project, lock, Architecture.X86_64), format.fileName());
        }
    }

    @Test
    void cacheKey_followsTheResolvedSet_notTheLocksBytes() throws Exception {
        Path project = project();
        Path lock = GreeterLocks.write(project.resolve("src"), Format.UV);
        String x86 = key(project, lock, Architecture.X86_64);
        String arm = key(project, lock, Architecture.ARM64);
        assertNotEquals(x86, arm, "another architecture resolves another set (and runs on another platform)");

        Files.writeString(lock, Files.readString(lock).replace("https://files.example/", "https://mirror.example/"));
        assertEquals(x86, key(project, lock, Architecture.X86_64), "where the lock found its files is not the set");
        assertEquals(arm, key(project, lock, Architecture.ARM64));

        Files.writeString(lock, Files.readString(lock).replace(GreeterLocks.hash("lzarm-1.0-py3-none-any.whl"),
                "sha256:" + "1".repeat(64)));
        assertEquals(x86, key(project, lock, Architecture.X86_64), "a change to an arm64-only entry keeps x86's key");
        assertNotEquals(arm, key(project, lock, Architecture.ARM64));

        Files.writeString(lock, Files.readString(lock).replace(
                "sha256:" + GreeterLocks.hash("lzwords-1.0-py3-none-any.whl").substring(7), "sha256:" + "0".repeat(64)));
        assertNotEquals(x86, key(project, lock, Architecture.X86_64), "another locked hash is another set");
    }

    @Test
    void offlineBuild_keepsTheLocksFlags_andTheOnlineBuildsKey() throws Exception {
        Path project = project();
        Path lock = GreeterLocks.write(project.resolve("src"), Format.PIPFILE);
        PipOptions online = new PipOptions("https://pypi.example.invalid/simple", List.of(), List.of("wheelhouse"),
                false, List.of(), new IndexCredentials("ci", "s3cret"));
        DependencySettings onlineSettings = new DependencySettings(null, PullPolicy.NEVER, online,
                Duration.ofMinutes(5), true, project.resolve("cache"), false);
        DependencySettings offlineSettings = new DependencySettings(null, PullPolicy.NEVER, online,
                Duration.ofMinutes(5), true, project.resolve("cache"), true);
        ResolvedDependencies resolved = resolve(lock, Architecture.X86_64);
        DependencyInstaller.PipRun onlineRun;
        DependencyInstaller.PipRun offlineRun;
        try (DockerSession never = new DockerSession(BuildLog.silent())) {
            DependencyInstaller installer = new DependencyInstaller(BuildLog.silent(), never, project.resolve("work"));
            onlineRun = installer.prepare(new InstallRequest("greeter", lock, project, PythonRuntime.PYTHON_3_11,
                    Architecture.X86_64, onlineSettings, resolved));
            offlineRun = installer.prepare(new InstallRequest("greeter", lock, project, PythonRuntime.PYTHON_3_11,
                    Architecture.X86_64, offlineSettings, resolved));
        }
        assertEquals(onlineRun.key(), offlineRun.key(), "an offline build hits what an online one stored");
        List<String> offline = offlineRun.pip().arguments();
        assertTrue(offline.containsAll(List.of("--no-index", "--no-deps", "--require-hashes")), offline.toString());
        assertFalse(offline.contains("https://pypi.example.invalid/simple"));
        assertEquals("https://ci:s3cret@pypi.example.invalid/simple", onlineRun.pip().environment().get("PIP_INDEX_URL"));
        assertTrue(onlineRun.pip().arguments().containsAll(List.of("--no-deps", "--require-hashes")));
    }

    @Test
    void cacheKey_coversTheFilesOfALocalFolder() throws Exception {
        Path project = project();
        write(project, "libs/shared/setup.py", "from setuptools import setup\nsetup(name='shared', version='0.3')\n");
        Path lock = write(project, "src/pylock.toml", """
                lock-version = "1.0"
                created-by = "hand"

                [[packages]]
                name = "shared"
                version = "0.3"
                directory = { path = "../libs/shared" }
                """);
        String before = key(project, lock, Architecture.X86_64);
        write(project, "libs/shared/shared.py", "X = 2\n");
        String after = key(project, lock, Architecture.X86_64);
        assertNotEquals(before, after);
        DependencyInstaller.PipRun run = prepare(project, lock, Architecture.X86_64);
        assertEquals("/lambdazip/project/libs/shared\n", run.inputs().pinned().text());
    }
}
