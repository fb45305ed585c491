package io.github.lambdazip.lock;

import static io.github.lambdazip.lock.Fixtures.env;
import static io.github.lambdazip.lock.Fixtures.find;
import static io.github.lambdazip.lock.Fixtures.fixture;
import static io.github.lambdazip.lock.Fixtures.resolve;
import static io.github.lambdazip.lock.Fixtures.sha;
import static io.github.lambdazip.lock.Fixtures.versions;
import static io.github.lambdazip.lock.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.pep.PythonFullVersionNeededException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PylockParserTest {

    private static final Path LOCK = fixture("pylock/pylock.toml");

    @TempDir
    Path dir;

    @Test
    void resolve_installsThePackagesWhoseMarkerHoldsWithTheirHashes() throws Exception {
        ResolvedDependencies resolved = resolve(LOCK, env("python3.12", "x86_64"));
        assertEquals(Map.of("attrs", "24.2.0", "cattrs", "24.1.2", "internal-tool", "0.5.0", "numpy", "2.1.1"),
                versions(resolved));
        assertTrue(resolved.hashesComplete());
        assertEquals(List.of(), resolved.warnings());
        assertEquals(List.of(sha("numpy-311-x86"), sha("numpy-312-x86")).stream().sorted().toList(),
                find(resolved, "numpy").hashes());
        String expected = "# PEP 751 lock file pylock.toml, resolved\n"
                + "attrs==24.2.0 --hash=" + String.join(" --hash=",
                        List.of(sha("attrs-sdist"), sha("attrs-whl")).stream().sorted().toList()) + "\n"
                + "cattrs==24.1.2 --hash=" + sha("cattrs-whl") + "\n"
                + "internal-tool @ https://artifacts.example/internal_tool-0.5.0-py3-none-any.whl --hash="
                + sha("internal-tool-whl") + "\n"
                + "numpy==2.1.1 --hash=" + String.join(" --hash=",
                        List.of(sha("numpy-311-x86"), sha("numpy-312-x86")).stream().sorted().toList()) + "\n";
        assertEquals(expected, resolved.pipRequirements());
    }

    @Test
    void resolve_narrowsPerArchitectureAndPython() throws Exception {
        ResolvedDependencies arm = resolve(LOCK, env("python3.12", "arm64"));
        assertEquals(Map.of("attrs", "24.2.0", "cattrs", "24.1.2", "graviton-accel", "0.9.1", "internal-tool", "0.5.0",
                "numpy", "2.1.1"), versions(arm));
        assertEquals(List.of(sha("numpy-312-arm")), find(arm, "numpy").hashes());
        assertEquals(List.of(sha("graviton-whl")), find(arm, "graviton-accel").hashes(), "md5 is not a pip hash");
        Map<String, String> py311 = versions(resolve(LOCK, env("python3.11", "x86_64")));
        assertTrue(py311.containsKey("exceptiongroup"));
        assertTrue(!py311.containsKey("internal-tool"));
    }

    @Test
    void resolve_evaluatesExtrasAndDependencyGroups() throws Exception {
        Map<String, String> all = versions(resolve(LOCK, env("python3.12", "x86_64").withExtras(List.of("fast")), "dev"));
        assertEquals("3.10.7", all.get("orjson"));
        assertEquals("8.3.3", all.get("pytest"));
        LockFileException group = assertThrows(LockFileException.class,
                () -> resolve(LOCK, env("python3.12", "x86_64"), "docs"));
        assertTrue(group.getMessage().contains("no dependency group 'docs' (it has default, dev)"), group.getMessage());
        LockFileException extra = assertThrows(LockFileException.class,
                () -> resolve(LOCK, env("python3.12", "x86_64").withExtras(List.of("slow"))));
        assertEquals(4, extra.line());
    }

    @Test
    void resolve_readsVcsDirectoryAndArchiveEntries() throws Exception {
        Path lock = write(dir, "pylock.functions.toml", """
                lock-version = "1.0"
                created-by = "hand"

                [[packages]]
                name = "internal-sdk"
                vcs = { type = "git", url = "https://github.com/example/internal-sdk.git", requested-revision = "v1.4.0", commit-id = "0123456789abcdef0123456789abcdef01234567", subdirectory = "python" }

                [[packages]]
                name = "shared-lib"
                directory = { path = "libs/shared-lib", editable = true }

                [[packages]]
                name = "vendored"
                version = "2.0.0"
                archive = { path = "vendor/vendored-2.0.0-py3-none-any.whl", hashes = { sha256 = "ABCDEF01" } }
                """);
        ResolvedDependencies resolved = resolve(lock, env("python3.12", "x86_64"));
        assertEquals("git+https://github.com/example/internal-sdk.git@0123456789abcdef0123456789abcdef01234567"
                + "#subdirectory=python", find(resolved, "internal-sdk").source().location());
        assertEquals(new PackageSource(SourceKind.EDITABLE, "libs/shared-lib"), find(resolved, "shared-lib").source());
        assertEquals(List.of("sha256:abcdef01"), find(resolved, "vendored").hashes());
        assertEquals("# PEP 751 lock file pylock.functions.toml, resolved\n"
                + "internal-sdk @ git+https://github.com/example/internal-sdk.git@0123456789abcdef0123456789abcdef01234567"
                + "#subdirectory=python\n"
                + "./libs/shared-lib\n"
                + "./vendor/vendored-2.0.0-py3-none-any.whl --hash=sha256:abcdef01\n", resolved.pipRequirements());
    }

    @Test
    void resolve_failsOnWhatThePepSaysMustFail() {
        assertFails("lock-version = \"2.0\"\ncreated-by = \"x\"\n", 1, "unknown lock-version '2.0'");
        assertFails("lock-version = \"1.0\"\nenvironments = [\"sys_platform == 'win32'\"]\n", 2,
                "the lock is for other environments");
        assertFails("lock-version = \"1.0\"\nrequires-python = \">=3.13\"\n", 2,
                "requires Python >=3.13, but the Lambda runtime has 3.12");
        assertFails("""
                lock-version = "1.0"

                [[packages]]
                name = "six"
                version = "1.16.0"
                wheels = [{ url = "https://files.example/six-1.16.0-py2.py3-none-any.whl", hashes = { sha256 = "11" } }]

                [[packages]]
                name = "six"
                version = "1.17.0"
                marker = "sys_platform == 'linux'"
                wheels = [{ url = "https://files.example/six-1.17.0-py2.py3-none-any.whl", hashes = { sha256 = "22" } }]
                """, 4, "two entries for six hold for this environment");
        assertFails("""
                lock-version = "1.0"

                [[packages]]
                name = "sdk"
                vcs = { type = "git", url = "https://github.com/example/sdk.git", requested-revision = "main" }
                """, 4, "sdk is locked to https://github.com/example/sdk.git without a commit-id");
        assertFails("""
                lock-version = "1.0"

                [[packages]]
                name = "six"
                version = "1.16.0"
                marker = "platform_machine = 'x86_64'"
                wheels = [{ url = "https://files.example/six-1.16.0-py2.py3-none-any.whl", hashes = { sha256 = "11" } }]
                """, 6, "the marker of six cannot be evaluated: Invalid environment marker 'platform_machine = 'x86_64'' "
                + "at position 17");
        assertFails("""
                lock-version = "1.0"

                [[packages]]
                name = "six"
                version = "1.16.0"
                directory = { path = "six" }
                wheels = [{ url = "https://files.example/six-1.16.0-py2.py3-none-any.whl", hashes = { sha256 = "11" } }]
                """, 4, "six has conflicting sources");
    }

    @Test
    void resolve_asksForThePatchReleaseOnlyWhenTheAnswerDependsOnIt() throws Exception {
        String lock = """
                lock-version = "1.0"
                requires-python = ">=3.9"

                [[packages]]
                name = "six"
                version = "1.16.0"
                marker = "python_full_version < '3.12.4'"
                wheels = [{ url = "https://files.example/six-1.16.0-py2.py3-none-any.whl", hashes = { sha256 = "11" } }]

                [[packages]]
                name = "six"
                version = "1.17.0"
                marker = "python_full_version >= '3.12.4'"
                wheels = [{ url = "https://files.example/six-1.17.0-py2.py3-none-any.whl", hashes = { sha256 = "22" } }]
                """;
        Path file = write(dir, "pylock.toml", lock);
        PythonFullVersionNeededException needed = assertThrows(PythonFullVersionNeededException.class,
                () -> resolve(file, env("python3.12", "x86_64")));
        assertEquals("python_full_version < '3.12.4'", needed.condition());
        assertEquals("1.17.0", find(resolve(file, env("python3.12", "x86_64").withPythonFullVersion("3.12.7")), "six")
                .version());
        assertEquals("1.16.0", find(resolve(file, env("python3.12", "x86_64").withPythonFullVersion("3.12.3")), "six")
                .version());
        assertEquals("1.17.0", find(resolve(file, env("python3.13", "x86_64")), "six").version(),
                "every 3.13.x is at least 3.12.4: no image needed");
    }

    @Test
    void resolve_checksAPatchLevelRequiresPythonAgainstTheImagesVersion() throws Exception {
        Path file = write(dir, "pylock.toml", "lock-version = \"1.0\"\nrequires-python = \">=3.12.4\"\n");
        assertThrows(PythonFullVersionNeededException.class, () -> resolve(file, env("python3.12", "x86_64")));
        assertTrue(resolve(file, env("python3.12", "x86_64").withPythonFullVersion("3.12.4")).packages().isEmpty());
        LockFileException old = assertThrows(LockFileException.class,
                () -> resolve(file, env("python3.12", "x86_64").withPythonFullVersion("3.12.2")));
        assertTrue(old.getMessage().contains("requires Python >=3.12.4, but the Lambda runtime has 3.12.2"),
                old.getMessage());
    }

    private void assertFails(String content, int line, String problem) {
        Path lock = write(dir, "pylock.toml", content);
        LockFileException error = assertThrows(LockFileException.class, () -> resolve(lock, env("python3.12", "x86_64")));
        assertEquals(line, error.line(), error.getMessage());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
        assertTrue(error.getMessage().startsWith(lock + ":" + line + ": "), error.getMessage());
    }
}
