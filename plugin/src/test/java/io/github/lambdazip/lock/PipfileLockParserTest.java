package io.github.lambdazip.lock;

import static io.github.lambdazip.lock.Fixtures.copy;
import static io.github.lambdazip.lock.Fixtures.env;
import static io.github.lambdazip.lock.Fixtures.find;
import static io.github.lambdazip.lock.Fixtures.fixture;
import static io.github.lambdazip.lock.Fixtures.resolve;
import static io.github.lambdazip.lock.Fixtures.versions;
import static io.github.lambdazip.lock.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipfileLockParserTest {

    private static final Path LOCK = fixture("pipenv/Pipfile.lock");

    @TempDir
    Path dir;

    private static Map<String, String> main() {
        return new TreeMap<>(Map.of("certifi", "2024.8.30", "idna", "3.8", "internal-sdk", "null", "requests", "2.32.3",
                "shared-lib", "null", "urllib3", "2.2.2"));
    }

    @Test
    void resolve_installsTheDefaultSectionWhoseMarkersHold() throws Exception {
        ResolvedDependencies resolved = resolve(LOCK, env("python3.12", "x86_64"));
        assertEquals(main(), versions(resolved));
        assertEquals(new PackageSource(SourceKind.EDITABLE, "./libs/shared-lib"), find(resolved, "shared-lib").source());
        assertEquals("git+https://github.com/example/internal-sdk.git@0123456789abcdef0123456789abcdef01234567",
                find(resolved, "internal-sdk").source().location());
        assertEquals(2, find(resolved, "requests").hashes().size());
        assertEquals("https://pypi.org/simple", find(resolved, "requests").source().location());
    }

    @Test
    void resolve_givesArm64ItsPackageFromItsIndex() throws Exception {
        ResolvedDependencies arm = resolve(LOCK, env("python3.12", "arm64"));
        Map<String, String> expected = main();
        expected.put("graviton-accel", "0.9.1");
        assertEquals(expected, versions(arm));
        assertEquals("https://pypi.internal.example/simple", find(arm, "graviton-accel").source().location());
    }

    @Test
    void resolve_addsTheDevelopSectionWhenAsked() throws Exception {
        Map<String, String> expected = main();
        expected.put("iniconfig", "2.0.0");
        expected.put("pytest", "8.3.3");
        assertEquals(expected, versions(resolve(LOCK, env("python3.12", "x86_64"), "develop")));
        assertEquals(expected, versions(resolve(LOCK, env("python3.12", "x86_64"), "dev-packages")));
        LockFileException unknown = assertThrows(LockFileException.class,
                () -> resolve(LOCK, env("python3.12", "x86_64"), "docs"));
        assertTrue(unknown.getMessage().contains("no section 'docs' (there are default, develop)"), unknown.getMessage());
    }

    @Test
    void resolve_failsOnUnknownSpecMalformedJsonAndAGitEntryWithoutRef() throws Exception {
        Path project = copy("pipenv", dir.resolve("p"));
        Path lock = project.resolve("Pipfile.lock");
        String original = Files.readString(lock);
        Files.writeString(lock, original.replace("\"pipfile-spec\": 6", "\"pipfile-spec\": 7"));
        LockFileException spec = assertThrows(LockFileException.class, () -> resolve(lock, env("python3.12", "x86_64")));
        assertEquals(6, spec.line());
        assertTrue(spec.getMessage().contains("unknown pipfile-spec 7"), spec.getMessage());

        Files.writeString(lock, original.replace("\"ref\": \"0123456789abcdef0123456789abcdef01234567\"", "\"x\": 1"));
        LockFileException git = assertThrows(LockFileException.class, () -> resolve(lock, env("python3.12", "x86_64")));
        assertEquals(49, git.line());
        assertTrue(git.getMessage().contains("internal-sdk is locked to https://github.com/example/internal-sdk.git "
                + "without a ref"), git.getMessage());

        Path broken = write(dir, "Pipfile.lock", "{\n  \"_meta\": {\n    \"pipfile-spec\": 6,\n  }\n}\n");
        LockFileException json = assertThrows(LockFileException.class, () -> resolve(broken, env("python3.12", "x86_64")));
        assertEquals(4, json.line());
        assertTrue(json.getMessage().contains("malformed JSON"), json.getMessage());
    }
}
