package io.github.lambdazip.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.lock.GreeterLocks.Format;
import io.github.lambdazip.pep.MarkerEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * it-projects/package-lock-* hold the greeter locks {@link GreeterLocks} writes, so their hashes are the real sha256
 * of the wheels in lock-wheelhouse, and each resolves without a warning to the x86_64 set its verify.groovy expects.
 * The test fails when they drift; {@code -Dlambdazip.updateItLocks=true} rewrites them.
 */
class ItProjectLocksTest {

    private static final Path IT_PROJECTS = Path.of("../it-projects");
    private static final Map<String, Format> PROJECTS = Map.of("package-lock-pylock/deps", Format.PYLOCK,
            "package-lock-uv/src", Format.UV, "package-lock-poetry/src", Format.POETRY,
            "package-lock-pipfile/src", Format.PIPFILE);

    @TempDir
    Path dir;

    @Test
    void itProjectLocks_areTheGreeterLocks_withTheWheelhousesHashes() throws Exception {
        for (Map.Entry<String, Format> project : PROJECTS.entrySet()) {
            Path expected = dir.resolve(project.getKey());
            GreeterLocks.write(expected, project.getValue());
            Path committed = IT_PROJECTS.resolve(project.getKey());
            try (Stream<Path> files = Files.list(expected)) {
                for (Path file : files.toList()) {
                    Path target = committed.resolve(file.getFileName());
                    if (Boolean.getBoolean("lambdazip.updateItLocks")) {
                        Files.createDirectories(committed);
                        Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    assertTrue(Files.isRegularFile(target), target + " is missing; run with -Dlambdazip.updateItLocks=true");
                    assertEquals(Files.readString(file, StandardCharsets.UTF_8), Files.readString(target, StandardCharsets.UTF_8),
                            target + " is out of date; run with -Dlambdazip.updateItLocks=true");
                }
            }
            ResolvedDependencies resolved = LockFileResolver.resolve(committed.resolve(project.getValue().fileName()),
                    MarkerEnvironment.lambda(PythonRuntime.PYTHON_3_11, Architecture.X86_64), List.of());
            assertEquals(GreeterLocks.X86_64, resolved.packages().stream().map(p -> p.name() + "==" + p.version())
                    .toList(), project.getKey());
            assertEquals(List.of(), resolved.warnings(), project.getKey());
            assertTrue(resolved.hashesComplete(), project.getKey());
        }
    }
}
