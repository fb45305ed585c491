package io.github.lambdazip.pip;

import static io.github.lambdazip.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.ProjectProblemException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequirementsScannerTest {

    @TempDir
    Path dir;

    @Test
    void scan_findsNestedFilesLocalArchivesAndFindLinksFolders() throws Exception {
        Path project = dir.resolve("project");
        Path requirements = write(project, "lambda/requirements.txt", String.join("\n",
                "# comment",
                "-r base.txt",
                "--constraint=../constraints.txt",
                "requests==2.31.0 \\",
                "    --hash=sha256:abc",
                "./vendor/local_pkg-1.0-py3-none-any.whl ; python_version >= '3.9'",
                "-f ../wheels",
                "-r https://example.invalid/remote.txt",
                ""));
        write(project, "lambda/base.txt", "boto3\n-c ../constraints.txt\n");
        write(project, "constraints.txt", "urllib3<2\n");
        write(project, "lambda/vendor/local_pkg-1.0-py3-none-any.whl", "wheel");
        write(project, "wheels/a-1.0.tar.gz", "sdist");
        write(project, "extra/b-1.0-py3-none-any.whl", "wheel");

        InstallInputs inputs = new RequirementsScanner().scan(requirements, project, List.of("extra"));
        assertEquals(project.toAbsolutePath().normalize(), inputs.root());
        assertEquals(List.of("constraints.txt", "extra/b-1.0-py3-none-any.whl", "lambda/base.txt",
                "lambda/requirements.txt", "lambda/vendor/local_pkg-1.0-py3-none-any.whl", "wheels/a-1.0.tar.gz"),
                List.copyOf(inputs.files().keySet()));
        assertEquals("/lambdazip/project/lambda/requirements.txt", inputs.containerRequirements());
        assertEquals("/lambdazip/project/lambda", inputs.containerWorkingDirectory());
        assertEquals(List.of("extra"), inputs.findLinks());
    }

    @Test
    void scan_mirrorsFromTheCommonFolderWhenInputsLieOutsideTheProject() throws Exception {
        Path project = dir.resolve("repo/module");
        Path requirements = write(project, "requirements.txt", "pkg\n");
        write(dir, "repo/wheelhouse/pkg-1.0-py3-none-any.whl", "w");
        InstallInputs inputs = new RequirementsScanner().scan(requirements, project, List.of("../wheelhouse"));
        assertEquals(dir.resolve("repo").toAbsolutePath().normalize(), inputs.root());
        assertEquals("module/requirements.txt", inputs.requirements());
        assertEquals(List.of("wheelhouse"), inputs.findLinks());
    }

    @Test
    void scan_refusesAbsolutePathsAndMissingFiles() {
        Path project = dir.resolve("p");
        Path absolute = write(project, "requirements.txt", "/opt/wheels/x-1.0-py3-none-any.whl\n");
        ProjectProblemException error = assertThrows(ProjectProblemException.class,
                () -> new RequirementsScanner().scan(absolute, project, List.of()));
        assertTrue(error.getMessage().contains("absolute path"), error.getMessage());

        Path nested = write(project, "nested.txt", "-r missing.txt\n");
        assertThrows(ProjectProblemException.class, () -> new RequirementsScanner().scan(nested, project, List.of()));
        assertThrows(ProjectProblemException.class,
                () -> new RequirementsScanner().scan(write(project, "ok.txt", "x\n"), project, List.of("nowhere")));
    }
}
