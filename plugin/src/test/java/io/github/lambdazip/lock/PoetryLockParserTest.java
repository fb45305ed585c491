package io.github.lambdazip.lock;

import static io.github.lambdazip.lock.Fixtures.copy;
import static io.github.lambdazip.lock.Fixtures.env;
import static io.github.lambdazip.lock.Fixtures.find;
import static io.github.lambdazip.lock.Fixtures.fixture;
import static io.github.lambdazip.lock.Fixtures.resolve;
import static io.github.lambdazip.lock.Fixtures.sha;
import static io.github.lambdazip.lock.Fixtures.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoetryLockParserTest {

    private static final Path POETRY2 = fixture("poetry2/poetry.lock");
    private static final Path POETRY1 = fixture("poetry1/poetry.lock");

    @TempDir
    Path dir;

    private static Map<String, String> billingMain() {
        return new TreeMap<>(Map.of("annotated-types", "0.7.0", "certifi", "2024.8.30", "charset-normalizer", "3.3.2",
                "idna", "3.8", "pydantic", "2.9.1", "pydantic-core", "2.23.3", "requests", "2.32.3",
                "typing-extensions", "4.12.2", "urllib3", "2.2.2"));
    }

    @Test
    void lock21_installsTheMainGroupWhoseMarkersHold() throws Exception {
        ResolvedDependencies resolved = resolve(POETRY2, env("python3.12", "x86_64"));
        assertEquals(billingMain(), versions(resolved));
        assertEquals(List.of(), resolved.warnings(), "the content-hash matches the pyproject");
        assertTrue(resolved.hashesComplete());
        assertEquals(List.of(sha("requests-sdist"), sha("requests-whl")).stream().sorted().toList(),
                find(resolved, "requests").hashes());
    }

    @Test
    void lock21_givesArm64ItsOwnSetAndReadsPerGroupMarkers() throws Exception {
        Map<String, String> arm = billingMain();
        arm.put("graviton-accel", "0.9.1");
        arm.put("cffi", "1.17.1");
        arm.put("pycparser", "2.22");
        assertEquals(arm, versions(resolve(POETRY2, env("python3.12", "arm64"))));
        Map<String, String> py313 = billingMain();
        py313.put("tzdata", "2024.1");
        assertEquals(py313, versions(resolve(POETRY2, env("python3.13", "x86_64"))), "marked python_version >= \"3.13\"");
    }

    @Test
    void lock20_walksToTheSameSetsAsLock21() throws Exception {
        Path project = copy("poetry2", dir.resolve("lock20"));
        Path lock = project.resolve("poetry.lock");
        StringBuilder older = new StringBuilder();
        for (String line : Files.readAllLines(lock)) {
            if (!line.startsWith("groups = ") && !line.startsWith("markers = ")) {
                older.append(line.replace("lock-version = \"2.1\"", "lock-version = \"2.0\"")).append('\n');
            }
        }
        Files.writeString(lock, older);
        for (String runtime : List.of("python3.12", "python3.13")) {
            for (String architecture : List.of("x86_64", "arm64")) {
                for (List<String> extras : List.of(List.<String>of(), List.of("socks"))) {
                    for (String[] groups : List.of(new String[0], new String[] {"dev"})) {
                        var environment = env(runtime, architecture).withExtras(extras);
                        assertEquals(versions(resolve(POETRY2, environment, groups)),
                                versions(resolve(lock, environment, groups)),
                                runtime + " " + architecture + " " + extras + " " + List.of(groups));
                    }
                }
            }
        }
    }

    @Test
    void lock21_addsExtrasAndGroups() throws Exception {
        assertEquals("1.7.1", versions(resolve(POETRY2, env("python3.12", "x86_64").withExtras(List.of("socks"))))
                .get("pysocks"));
        Map<String, String> dev = versions(resolve(POETRY2, env("python3.12", "x86_64"), "dev"));
        Map<String, String> expected = billingMain();
        expected.putAll(Map.of("pytest", "8.3.3", "iniconfig", "2.0.0", "packaging", "24.1", "pluggy", "1.5.0",
                "cffi", "1.17.1", "pycparser", "2.22"));
        assertEquals(expected, dev, "colorama is for win32 only");
    }

    private static Map<String, String> reportsMain() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("boto3", "1.28.85");
        expected.put("botocore", "1.31.85");
        expected.put("internal-sdk", "1.4.0");
        expected.put("jmespath", "1.0.1");
        expected.put("numpy", "1.26.4");
        expected.put("python-dateutil", "2.8.2");
        expected.put("pyyaml", "6.0.1");
        expected.put("s3transfer", "0.7.0");
        expected.put("shared-lib", "0.3.0");
        expected.put("six", "1.16.0");
        expected.put("urllib3", "2.0.7");
        return expected;
    }

    @Test
    void lock11_walksFromThePyprojectsDependencies() throws Exception {
        ResolvedDependencies resolved = resolve(POETRY1, env("python3.12", "x86_64"));
        assertEquals(reportsMain(), versions(resolved));
        assertEquals(List.of(sha("p1-boto3-sdist"), sha("p1-boto3-whl")).stream().sorted().toList(),
                find(resolved, "boto3").hashes());
        assertEquals(new PackageSource(SourceKind.EDITABLE, "../shared-lib"), find(resolved, "shared-lib").source());
        assertEquals("git+https://github.com/example/internal-sdk.git@0123456789abcdef0123456789abcdef01234567",
                find(resolved, "internal-sdk").source().location());
        assertEquals(1, resolved.warnings().size(), "only the packages without hashes: " + resolved.warnings());
    }

    @Test
    void lock11_choosesVersionsByPythonAndArchitecture() throws Exception {
        Map<String, String> expected = reportsMain();
        expected.remove("pyyaml");
        expected.put("numpy", "1.24.4");
        expected.put("urllib3", "1.26.18");
        expected.put("tomli", "2.0.1");
        assertEquals(expected, versions(resolve(POETRY1, env("python3.9", "arm64"))));
    }

    @Test
    void lock11_addsPoetryExtrasAndTheLegacyDevGroup() throws Exception {
        Map<String, String> all = versions(resolve(POETRY1, env("python3.12", "x86_64").withExtras(List.of("fast")), "dev"));
        Map<String, String> expected = reportsMain();
        expected.putAll(Map.of("orjson", "3.9.10", "pytest", "7.4.3", "iniconfig", "2.0.0", "packaging", "23.2",
                "pluggy", "1.3.0"));
        assertEquals(expected, all);
    }

    @Test
    void contentHash_isPoetrysForBothLayouts() throws Exception {
        TomlMapper toml = new TomlMapper();
        for (String folder : List.of("poetry1", "poetry2")) {
            String recorded = toml.readTree(Files.readString(fixture(folder + "/poetry.lock")))
                    .path("metadata").path("content-hash").asText();
            assertTrue(PoetryContentHash.of(toml.readTree(Files.readString(fixture(folder + "/pyproject.toml"))))
                    .contains(recorded), folder);
        }
    }

    @Test
    void resolve_warnsWhenThePyprojectChangedAfterLocking() throws Exception {
        Path project = copy("poetry2", dir.resolve("billing"));
        Files.writeString(project.resolve("pyproject.toml"), Files.readString(project.resolve("pyproject.toml"))
                .replace("\"pydantic (>=2.8,<3.0)\",", "\"pydantic (>=2.9,<3.0)\","));
        ResolvedDependencies resolved = resolve(project.resolve("poetry.lock"), env("python3.12", "x86_64"));
        assertEquals(1, resolved.warnings().size());
        assertTrue(resolved.warnings().get(0).contains("poetry.lock is older than the pyproject.toml beside it"));
        assertEquals(billingMain(), versions(resolved), "a stale lock still installs what it locks");
    }

    @Test
    void resolve_failsOnWhatItCannotHonour() throws Exception {
        Path project = copy("poetry2", dir.resolve("p"));
        Path lock = project.resolve("poetry.lock");
        LockFileException group = assertThrows(LockFileException.class,
                () -> resolve(lock, env("python3.12", "x86_64"), "docs"));
        assertTrue(group.getMessage().contains("no dependency group 'docs' (there are dev, main)"), group.getMessage());

        Files.writeString(lock, Files.readString(lock).replace("lock-version = \"2.1\"", "lock-version = \"3.0\""));
        LockFileException version = assertThrows(LockFileException.class, () -> resolve(lock, env("python3.12", "x86_64")));
        assertEquals(255, version.line());
        assertTrue(version.getMessage().contains("unknown lock-version '3.0'"), version.getMessage());

        LockFileException python = assertThrows(LockFileException.class, () -> resolve(POETRY2, env("python3.10", "x86_64")));
        assertEquals(256, python.line());
        assertTrue(python.getMessage().contains("the lock is for Python >=3.11,<4, but the Lambda runtime has 3.10"),
                python.getMessage());

        Path alone = copy("poetry2", dir.resolve("alone"));
        Files.delete(alone.resolve("pyproject.toml"));
        LockFileException missing = assertThrows(LockFileException.class,
                () -> resolve(alone.resolve("poetry.lock"), env("python3.12", "x86_64")));
        assertTrue(missing.getMessage().contains("pyproject.toml"), missing.getMessage());

        Path reports = copy("poetry1", dir.resolve("r"));
        Files.writeString(reports.resolve("poetry.lock"), Files.readString(reports.resolve("poetry.lock"))
                .replace("resolved_reference = \"0123456789abcdef0123456789abcdef01234567\"\n", ""));
        LockFileException git = assertThrows(LockFileException.class,
                () -> resolve(reports.resolve("poetry.lock"), env("python3.12", "x86_64")));
        assertTrue(git.getMessage().contains("internal-sdk is locked to https://github.com/example/internal-sdk.git "
                + "without a resolved_reference"), git.getMessage());
        assertEquals(61, git.line());

        Path gap = copy("poetry1", dir.resolve("gap"));
        Files.writeString(gap.resolve("poetry.lock"), Files.readString(gap.resolve("poetry.lock"))
                .replace("name = \"jmespath\"", "name = \"jmespath-renamed\""));
        LockFileException missingEntry = assertThrows(LockFileException.class,
                () -> resolve(gap.resolve("poetry.lock"), env("python3.12", "x86_64")));
        assertTrue(missingEntry.getMessage().contains("boto3 1.28.85 depends on jmespath >=0.7.1,<2.0.0, which the lock "
                + "has no entry for"), missingEntry.getMessage());
    }
}
