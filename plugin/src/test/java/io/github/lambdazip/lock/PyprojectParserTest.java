package io.github.lambdazip.lock;

import static io.github.lambdazip.lock.Fixtures.copy;
import static io.github.lambdazip.lock.Fixtures.env;
import static io.github.lambdazip.lock.Fixtures.find;
import static io.github.lambdazip.lock.Fixtures.fixture;
import static io.github.lambdazip.lock.Fixtures.resolve;
import static io.github.lambdazip.lock.Fixtures.versions;
import static io.github.lambdazip.lock.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyprojectParserTest {

    private static final Path PYPROJECT = fixture("pyproject/pyproject.toml");

    @TempDir
    Path dir;

    @Test
    void resolve_listsTheProjectDependenciesUnpinnedWithAWarning() throws Exception {
        ResolvedDependencies resolved = resolve(PYPROJECT, env("python3.12", "x86_64"));
        assertEquals(Map.of("boto3", "boto3", "internal-sdk", "null", "requests", "requests>=2.31,<3"),
                versions(resolved));
        assertFalse(resolved.locked());
        assertFalse(resolved.hashesComplete());
        assertEquals(1, resolved.warnings().size());
        assertTrue(resolved.warnings().get(0).startsWith("pyproject.toml is not a lock file: pip resolves its 3 "
                + "dependencies when the function is built"), resolved.warnings().get(0));
        assertEquals("# pyproject.toml without lock pyproject.toml, not locked\n"
                + "boto3\n"
                + "internal-sdk @ git+https://github.com/example/internal-sdk@0123456789abcdef0123456789abcdef01234567\n"
                + "requests>=2.31,<3\n", resolved.pipRequirements());
        assertEquals(SourceKind.URL, find(resolved, "internal-sdk").source().kind());
    }

    @Test
    void resolve_addsExtrasAndIncludedGroupsAndMergesRepeatedProjects() throws Exception {
        ResolvedDependencies resolved = resolve(PYPROJECT, env("python3.10", "arm64").withExtras(List.of("fast")), "dev");
        assertEquals(Map.of("boto3", "boto3", "graviton-accel", "graviton-accel==0.9.1", "internal-sdk", "null",
                "orjson", "orjson>=3.10", "pytest", "pytest>=8", "requests", "requests[socks]>=2.31,<3",
                "ruff", "ruff==0.6.4", "tomli", "tomli>=2"), versions(resolved));
    }

    @Test
    void resolve_pointsAtALockBesideIt() throws Exception {
        Path project = copy("pyproject", dir.resolve("p"));
        write(project, "uv.lock", "version = 1\n");
        ResolvedDependencies resolved = resolve(project.resolve("pyproject.toml"), env("python3.12", "x86_64"));
        assertTrue(resolved.warnings().get(1).contains("has a uv.lock beside it, which is not used"),
                resolved.warnings().toString());
    }

    @Test
    void resolve_failsOnWhatItCannotRead() {
        Path poetry = write(dir.resolve("a"), "pyproject.toml", "[tool.poetry]\nname = \"x\"\n\n[tool.poetry.dependencies]\n"
                + "python = \"^3.12\"\n");
        LockFileException noProject = assertThrows(LockFileException.class,
                () -> resolve(poetry, env("python3.12", "x86_64")));
        assertTrue(noProject.fix().contains("poetry lock"), noProject.fix());

        Path bad = write(dir.resolve("b"), "pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\n"
                + "    \"requests>=2\",\n    \"boto3 >= \",\n]\n");
        LockFileException requirement = assertThrows(LockFileException.class,
                () -> resolve(bad, env("python3.12", "x86_64")));
        assertEquals(5, requirement.line());
        assertTrue(requirement.getMessage().contains("Invalid requirement 'boto3 >= '"), requirement.getMessage());

        LockFileException group = assertThrows(LockFileException.class,
                () -> resolve(PYPROJECT, env("python3.12", "x86_64"), "docs"));
        assertTrue(group.getMessage().contains("no dependency group 'docs' in [dependency-groups] (there are dev, lint)"),
                group.getMessage());
        LockFileException extra = assertThrows(LockFileException.class,
                () -> resolve(PYPROJECT, env("python3.12", "x86_64").withExtras(List.of("slow"))));
        assertTrue(extra.getMessage().contains("has no extra 'slow' (it has fast)"), extra.getMessage());
    }
}
