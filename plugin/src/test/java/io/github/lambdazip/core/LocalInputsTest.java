package io.github.lambdazip.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.LocalInputs.InputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files that decide the zips: what staging packages, and what an install reads. */
class LocalInputsTest {

    @TempDir
    Path base;

    private Path write(String relative) throws IOException {
        Path file = base.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, relative + "\n");
        return file.toAbsolutePath().normalize();
    }

    @Test
    void sourcesAndRequirements_areListedAsPackagedAndRead() throws Exception {
        Path app = write("fn/app.py");
        write("fn/__pycache__/app.cpython-311.pyc");
        write("fn/README.md");
        write("fn/requirements.txt"); // at the top of a source folder: not packaged
        Path shared = write("shared/util.py");
        Path requirements = write("deps/requirements.txt");
        Files.writeString(requirements, "-c ../constraints/pins.txt\nfastmath==1.0\n");
        Path pins = write("constraints/pins.txt");
        Path wheel = write("wheels/fastmath-1.0.tar.gz");
        Path layerFile = write("layer/common.py");

        PackageRequest request = new PackageRequest(base, base.resolve("target/lambda-zip"), PythonRuntime.PYTHON_3_11,
                Architecture.X86_64, List.of(
                        new ArtifactSpec(ArtifactKind.FUNCTION, "fn", "app.handler", List.of("fn", "shared"),
                                "deps/requirements.txt", List.of("*.md")),
                        new ArtifactSpec(ArtifactKind.LAYER, "common", null, List.of("layer"), null, List.of())),
                OutputTimestamp.DEFAULT, 1, new DependencyOptions(null, "never",
                        new IndexOptions(null, List.of(), List.of("wheels"), true, List.of(), null, null),
                        Duration.ofSeconds(1), true, base.resolve("cache"), false));

        assertEquals(List.of(
                new InputFile(pins, "fn", "requirements"),
                new InputFile(requirements, "fn", "requirements"),
                new InputFile(app, "fn", "source"),
                new InputFile(layerFile, "common", "source"),
                new InputFile(shared, "fn", "source"),
                new InputFile(wheel, "fn", "requirements")), LocalInputs.of(request));
    }
}
