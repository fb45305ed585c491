package io.github.lambdazip.lock;

import static io.github.lambdazip.lock.Fixtures.copy;
import static io.github.lambdazip.lock.Fixtures.env;
import static io.github.lambdazip.lock.Fixtures.find;
import static io.github.lambdazip.lock.Fixtures.fixture;
import static io.github.lambdazip.lock.Fixtures.resolve;
import static io.github.lambdazip.lock.Fixtures.sha;
import static io.github.lambdazip.lock.Fixtures.versions;
import static io.github.lambdazip.lock.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UvLockParserTest {

    private static final Path LOCK = fixture("uv/uv.lock");

    @TempDir
    Path dir;

    private static Map<String, String> common() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("aws-lambda-powertools", "3.1.0");
        expected.put("aws-xray-sdk", "2.14.0");
        expected.put("boto3", "1.35.10");
        expected.put("botocore", "1.35.10");
        expected.put("internal-sdk", "1.4.0");
        expected.put("jmespath", "1.0.1");
        expected.put("python-dateutil", "2.9.0.post0");
        expected.put("s3transfer", "0.10.2");
        expected.put("shared-lib", "0.3.0");
        expected.put("six", "1.16.0");
        expected.put("typing-extensions", "4.12.2");
        expected.put("urllib3", "2.2.2");
        expected.put("wrapt", "1.16.0");
        return expected;
    }

    @Test
    void resolve_walksTheProjectsGraphForX86() throws Exception {
        ResolvedDependencies resolved = resolve(LOCK, env("python3.12", "x86_64"));
        Map<String, String> expected = common();
        expected.put("intel-accel", "2.3.0");
        expected.put("numpy", "2.1.0");
        assertEquals(expected, versions(resolved));
        assertTrue(resolved.locked());
        assertEquals(DependencyFileKind.UV_LOCK, resolved.kind());
    }

    @Test
    void resolve_givesArm64ItsOwnSetFromTheSameLock() throws Exception {
        Map<String, String> expected = common();
        expected.put("graviton-accel", "0.9.1");
        expected.put("numpy", "2.1.0");
        assertEquals(expected, versions(resolve(LOCK, env("python3.12", "arm64"))));
    }

    @Test
    void resolve_takesTheForkedVersionForThePython() throws Exception {
        assertEquals("1.26.4", versions(resolve(LOCK, env("python3.11", "x86_64"))).get("numpy"));
        assertEquals("2.1.0", versions(resolve(LOCK, env("python3.13", "x86_64"))).get("numpy"));
    }

    @Test
    void resolve_addsRequestedExtrasAndGroups() throws Exception {
        ResolvedDependencies resolved = resolve(LOCK, env("python3.12", "x86_64").withExtras(List.of("fast")), "dev");
        Map<String, String> versions = versions(resolved);
        assertEquals("3.10.7", versions.get("orjson"));
        assertEquals("8.3.3", versions.get("pytest"));
        assertEquals("2.0.0", versions.get("iniconfig"));
        assertEquals("1.5.0", versions.get("pluggy"));
        assertFalse(versions(resolve(LOCK, env("python3.12", "x86_64"))).containsKey("pytest"),
                "the dev group is not installed unless asked");
    }

    @Test
    void resolve_keepsSourcesAndHashes() throws Exception {
        ResolvedDependencies resolved = resolve(LOCK, env("python3.12", "x86_64"));
        assertEquals(List.of(sha("boto3-sdist"), sha("boto3-whl")).stream().sorted().toList(),
                find(resolved, "boto3").hashes());
        assertEquals(new PackageSource(SourceKind.INDEX, "https://pypi.org/simple"), find(resolved, "boto3").source());
        assertEquals(new PackageSource(SourceKind.VCS,
                "git+https://github.com/example/internal-sdk@0123456789abcdef0123456789abcdef01234567"),
                find(resolved, "internal-sdk").source());
        assertEquals(new PackageSource(SourceKind.EDITABLE, "libs/shared-lib"), find(resolved, "shared-lib").source());
        assertEquals(List.of(find(resolved, "shared-lib")), resolved.localPackages());
        assertFalse(resolved.hashesComplete(), "a git checkout and a local folder have no hash");
        assertEquals(1, resolved.warnings().size(), resolved.warnings().toString());
        assertTrue(resolved.warnings().get(0).contains("2 of 15 packages carry no hash (internal-sdk, shared-lib)"));
        String text = resolved.pipRequirements(path -> "/lambdazip/project/" + path);
        assertTrue(text.contains("\nboto3==1.35.10 --hash=" + List.of(sha("boto3-sdist"), sha("boto3-whl")).stream()
                .sorted().reduce((a, b) -> a + " --hash=" + b).orElseThrow() + "\n"), text);
        assertTrue(text.contains("\ninternal-sdk @ git+https://github.com/example/internal-sdk@"
                + "0123456789abcdef0123456789abcdef01234567\n"), text);
        assertTrue(text.contains("\n/lambdazip/project/libs/shared-lib\n"), text);
        assertEquals("boto3==1.35.10 (from uv.lock)", find(resolved, "boto3").toString());
    }

    @Test
    void resolve_warnsWhenThePyprojectChangedAfterLocking() throws Exception {
        Path project = copy("uv", dir.resolve("p"));
        String pyproject = Files.readString(project.resolve("pyproject.toml"))
                .replace("\"boto3>=1.35\",", "\"boto3>=1.36\",\n    \"requests>=2.32\",");
        Files.writeString(project.resolve("pyproject.toml"), pyproject);
        ResolvedDependencies resolved = resolve(project.resolve("uv.lock"), env("python3.12", "x86_64"));
        String warning = resolved.warnings().stream().filter(w -> w.contains("older than")).findFirst().orElseThrow();
        assertTrue(warning.contains("added requests"), warning);
        assertTrue(warning.contains("changed boto3"), warning);
        assertTrue(warning.contains("run 'uv lock'"), warning);
    }

    @Test
    void resolve_startsFromANamedWorkspaceMemberAndHonoursConflictMarkers() throws Exception {
        Path lock = write(dir, "uv.lock", """
                version = 1
                revision = 3
                requires-python = ">=3.12"

                [manifest]
                members = ["fn-a", "fn-b"]

                [[package]]
                name = "fn-a"
                version = "0.1.0"
                source = { editable = "functions/a" }
                dependencies = [
                    { name = "six" },
                    { name = "torch", version = "2.4.0", source = { registry = "https://pypi.org/simple" }, marker = "extra == 'extra-4-fn-a-cpu'" },
                    { name = "torch", version = "2.4.0+cu121", source = { registry = "https://download.example/whl/cu121" }, marker = "extra == 'extra-4-fn-a-gpu'" },
                ]

                [package.optional-dependencies]
                cpu = [{ name = "torch", version = "2.4.0", source = { registry = "https://pypi.org/simple" } }]
                gpu = [{ name = "torch", version = "2.4.0+cu121", source = { registry = "https://download.example/whl/cu121" } }]

                [[package]]
                name = "fn-b"
                version = "0.1.0"
                source = { editable = "functions/b" }
                dependencies = [{ name = "fn-a" }, { name = "requests" }]

                [[package]]
                name = "requests"
                version = "2.32.3"
                source = { registry = "https://pypi.org/simple" }
                wheels = [{ url = "https://files.example/requests-2.32.3-py3-none-any.whl", hash = "sha256:11" }]

                [[package]]
                name = "six"
                version = "1.16.0"
                source = { registry = "https://pypi.org/simple" }
                wheels = [{ url = "https://files.example/six-1.16.0-py2.py3-none-any.whl", hash = "sha256:22" }]

                [[package]]
                name = "torch"
                version = "2.4.0"
                source = { registry = "https://pypi.org/simple" }
                wheels = [{ url = "https://files.example/torch-2.4.0-cp312-cp312-manylinux_2_28_x86_64.whl", hash = "sha256:33" }]

                [[package]]
                name = "torch"
                version = "2.4.0+cu121"
                source = { registry = "https://download.example/whl/cu121" }
                wheels = [{ url = "https://download.example/whl/cu121/torch-2.4.0%2Bcu121-cp312-cp312-linux_x86_64.whl", hash = "sha256:44" }]
                """);
        assertEquals(Map.of("six", "1.16.0"), versions(resolve(lock, env("python3.12", "x86_64"), "fn-a")));
        assertEquals(Map.of("six", "1.16.0", "torch", "2.4.0+cu121"),
                versions(resolve(lock, env("python3.12", "x86_64").withExtras(List.of("gpu")), "fn-a")));
        ResolvedDependencies b = resolve(lock, env("python3.12", "x86_64"), "fn-b");
        assertEquals(Map.of("fn-a", "0.1.0", "requests", "2.32.3", "six", "1.16.0"), versions(b));
        assertEquals(SourceKind.EDITABLE, find(b, "fn-a").source().kind());
        LockFileException noRoot = assertThrows(LockFileException.class,
                () -> resolve(lock, env("python3.12", "x86_64")));
        assertTrue(noRoot.fix().contains("fn-a, fn-b"), noRoot.fix());
    }

    @Test
    void resolve_failsOnAnUnknownLockVersionNamingTheLine() {
        Path lock = write(dir, "uv.lock", "# written by a future uv\nversion = 2\n\n[[package]]\nname = \"x\"\n");
        LockFileException error = assertThrows(LockFileException.class, () -> resolve(lock, env("python3.12", "x86_64")));
        assertEquals(2, error.line());
        assertTrue(error.getMessage().startsWith(lock + ":2: unknown lock version 2"), error.getMessage());
    }

    @Test
    void resolve_failsForARuntimeOutsideRequiresPython() {
        LockFileException error = assertThrows(LockFileException.class, () -> resolve(LOCK, env("python3.10", "x86_64")));
        assertEquals(3, error.line());
        assertTrue(error.getMessage().contains("the lock requires Python >=3.11, but the Lambda runtime has 3.10"),
                error.getMessage());
    }

    @Test
    void resolve_failsOnMalformedTomlNamingTheLine() {
        Path lock = write(dir, "uv.lock", "version = 1\n\n[[package]]\nname = \"six\nversion = \"1.16.0\"\n");
        LockFileException error = assertThrows(LockFileException.class, () -> resolve(lock, env("python3.12", "x86_64")));
        assertEquals(4, error.line());
        assertTrue(error.getMessage().contains("malformed TOML"), error.getMessage());
    }

    @Test
    void resolve_failsOnAMarkerItCannotParseNamingThePackageAndMarker() {
        Path lock = write(dir, "uv.lock", """
                version = 1

                [[package]]
                name = "app"
                version = "0.1.0"
                source = { virtual = "." }
                dependencies = [
                    { name = "six", marker = "python_version <> '3.12'" },
                ]

                [[package]]
                name = "six"
                version = "1.16.0"
                source = { registry = "https://pypi.org/simple" }
                """);
        LockFileException error = assertThrows(LockFileException.class, () -> resolve(lock, env("python3.12", "x86_64")));
        assertEquals(8, error.line());
        assertTrue(error.getMessage().contains("six (a dependency of app 0.1.0)"), error.getMessage());
        assertTrue(error.getMessage().contains("Invalid environment marker 'python_version <> '3.12'' at position 16"),
                error.getMessage());
    }

    @Test
    void resolve_failsOnAGitEntryWithoutCommitAndOnAnUnknownGroup() {
        Path lock = write(dir, "uv.lock", """
                version = 1

                [[package]]
                name = "app"
                version = "0.1.0"
                source = { virtual = "." }
                dependencies = [{ name = "sdk" }]

                [package.dev-dependencies]
                dev = []

                [[package]]
                name = "sdk"
                version = "1.0.0"
                source = { git = "https://github.com/example/sdk?branch=main" }
                """);
        LockFileException git = assertThrows(LockFileException.class, () -> resolve(lock, env("python3.12", "x86_64")));
        assertEquals(13, git.line());
        assertTrue(git.getMessage().contains("sdk 1.0.0 is locked to https://github.com/example/sdk?branch=main "
                + "without a commit"), git.getMessage());
        LockFileException group = assertThrows(LockFileException.class,
                () -> resolve(lock, env("python3.12", "x86_64"), "docs"));
        assertTrue(group.getMessage().contains("no dependency group 'docs' (it has dev)"), group.getMessage());
    }
}
