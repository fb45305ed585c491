package io.github.lambdazip.it;

import static io.github.lambdazip.it.DockerTestSupport.arm64Image;
import static io.github.lambdazip.it.DockerTestSupport.elfMachine;
import static io.github.lambdazip.it.DockerTestSupport.entries;
import static io.github.lambdazip.it.DockerTestSupport.nativeFunction;
import static io.github.lambdazip.it.DockerTestSupport.nativeProject;
import static io.github.lambdazip.it.DockerTestSupport.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.core.LambdaZipPackager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native build for arm64, under qemu emulation. Run alone with
 * {@code mvn -pl plugin verify -Dit.test=Arm64NativeBuildDockerIT -Dinvoker.skip -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class Arm64NativeBuildDockerIT {

    @TempDir
    Path dir;

    @Test
    void arm64Build_zipHoldsAnAarch64Extension_andTheHandlerRunsOnArm64() throws Exception {
        Path project = nativeProject(dir.resolve("project"));
        new LambdaZipPackager(BuildLog.silent()).packageAll(
                request(project, Architecture.ARM64, arm64Image(), false, List.of(nativeFunction())));
        Path zip = project.resolve("target/lambda-zip/adder.zip");
        String so = "fastmath.cpython-311-aarch64-linux-gnu.so";
        assertTrue(entries(zip).contains(so), entries(zip).toString());
        assertEquals(183, elfMachine(zip, so), "aarch64 ELF");
        assertEquals("{\"greeting\": \"hello, lambda\", \"sum\": 5}",
                DockerTestSupport.invoke(zip, "app", "handler", arm64Image(), Architecture.ARM64.dockerPlatform()));
    }
}
