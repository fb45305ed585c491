package io.github.lambdazip.pip;

import static io.github.lambdazip.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipCommandTest {

    @TempDir
    Path dir;

    private InstallInputs inputs() throws Exception {
        Path requirements = write(dir, "lambda/requirements.txt", "pkg\n");
        write(dir, "wheel house/pkg-1.0-py3-none-any.whl", "w");
        return new RequirementsScanner().scan(requirements, dir, List.of("wheel house"));
    }

    @Test
    void arguments_includeEveryOptionOneArgumentEach() throws Exception {
        PipOptions options = new PipOptions("https://pypi.example.invalid/simple", List.of("https://extra.invalid/simple"),
                List.of("wheel house"), true, List.of("--no-build-isolation", "--pre"), null);
        PipCommand command = new PipCommand(options, inputs());
        List<String> arguments = command.arguments();
        assertEquals(List.of("install", "--target", "/lambdazip/out", "--no-compile"), arguments.subList(0, 4));
        assertTrue(arguments.containsAll(List.of("--index-url", "https://pypi.example.invalid/simple",
                "--extra-index-url", "https://extra.invalid/simple", "--no-index", "--no-build-isolation", "--pre")));
        int findLinks = arguments.indexOf("--find-links");
        assertEquals("/lambdazip/project/wheel house", arguments.get(findLinks + 1));
        assertEquals(List.of("-r", "/lambdazip/project/lambda/requirements.txt"),
                arguments.subList(arguments.size() - 2, arguments.size()));
        assertTrue(command.display().contains("--find-links '/lambdazip/project/wheel house'"));
    }

    @Test
    void credentials_travelInTheEnvironmentAndAreMaskedEverywhere() throws Exception {
        PipOptions options = new PipOptions("https://repo.example.invalid/pypi/simple", List.of(), List.of(), false,
                List.of(), new IndexCredentials("deploy", "s3cr3t/p@ss"));
        PipCommand command = new PipCommand(options, inputs());
        assertFalse(String.join(" ", command.arguments()).contains("s3cr3t"));
        assertFalse(command.arguments().contains("--index-url"));
        assertEquals("https://deploy:s3cr3t%2Fp%40ss@repo.example.invalid/pypi/simple",
                command.environment().get("PIP_INDEX_URL"));
        assertFalse(command.display().contains("s3cr3t"), command.display());
        assertTrue(command.display().contains("deploy:****@repo.example.invalid"), command.display());
        assertEquals("Looking in indexes: https://deploy:****@repo", command.mask("Looking in indexes: https://deploy:s3cr3t%2Fp%40ss@repo"));
        assertEquals("password **** leaked", command.mask("password s3cr3t/p@ss leaked"));
        assertFalse(command.keyMaterial(options).contains("s3cr3t"));
        assertFalse(command.keyMaterial(options).contains("deploy"));
    }

    @Test
    void manylinuxPolicy_capsAtTheRuntimeGlibc() {
        String module = new String(ManylinuxPolicy.moduleFor(new io.github.lambdazip.common.GlibcVersion(2, 26)),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(module.contains("GLIBC_CEILING = (2, 26)"));
        assertTrue(module.contains("def manylinux_compatible(major, minor, arch):"));
    }
}
