package io.github.lambdazip.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DependencyFileKindTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"requirements.txt, REQUIREMENTS", "requirements-prod.txt, REQUIREMENTS", "requirements.in, REQUIREMENTS",
            "deps/lambda.txt, REQUIREMENTS", "pylock.toml, PYLOCK", "pylock.orders.toml, PYLOCK", "lambda/uv.lock, UV_LOCK",
            "poetry.lock, POETRY_LOCK", "Pipfile.lock, PIPFILE_LOCK", "pyproject.toml, PYPROJECT"})
    void of_recognisesTheFileByName(String name, DependencyFileKind kind) throws Exception {
        assertEquals(kind, DependencyFileKind.of(Path.of(name)));
        assertEquals(kind == DependencyFileKind.REQUIREMENTS, kind.passthrough());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pipfile", "pdm.lock", "pylock.a.b.toml", "settings.toml", "Cargo.lock"})
    void of_refusesLockAndProjectFilesItCannotRead(String name) {
        LockFileException error = assertThrows(LockFileException.class, () -> DependencyFileKind.of(Path.of(name)));
        assertTrue(error.getMessage().startsWith(name + ": "), error.getMessage());
    }
}
