package io.github.lambdazip.it;

import static io.github.lambdazip.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.docker.DockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build stopped while pip runs (Ctrl-C, or CI cancelling the job) leaves no container behind. */
class InterruptedBuildDockerIT {

    @TempDir
    Path dir;

    @Test
    void stoppedBuild_removesItsContainer_andSaysOnlyThat() throws Exception {
        Path project = DockerTestSupport.nativeProject(dir.resolve("project"));
        write(project, "src/slowpkg/setup.py", "import time\ntime.sleep(600)\n");
        Files.writeString(project.resolve("src/requirements.txt"), "./slowpkg\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process build = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowInstallMain.class.getName(), project.toString(), DockerTestSupport.image())
                .redirectErrorStream(true).redirectOutput(dir.resolve("build.log").toFile()).start();
        try (DockerClient engine = DockerTestSupport.dockerClient()) {
            assertTrue(waitFor(() -> !containers(engine).isEmpty(), 60), "the install container never started");
            build.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertTrue(build.waitFor(60, TimeUnit.SECONDS), "the build did not stop");
            assertTrue(waitFor(() -> containers(engine).isEmpty(), 30),
                    "a container was left behind: " + containers(engine) + "\n" + Files.readString(dir.resolve("build.log")));
            assertEquals(List.of(), containers(engine));
            assertFalse(Files.exists(project.resolve("target/lambda-zip/interrupted.zip")));
            String log = Files.readString(dir.resolve("build.log"));
            assertTrue(log.contains("interrupted; container "), log);
            assertTrue(log.contains(" removed"), log);
            for (String misleading : List.of("pip install failed", "could not remove", "Connection pool shut down",
                    "Error during callback", "exit code 137", "fix the requirement")) {
                assertFalse(log.contains(misleading), "the stop is reported, nothing else: " + log);
            }
        } finally {
            build.destroyForcibly();
        }
    }

    private static List<String> containers(DockerClient engine) {
        return DockerTestSupport.labelledContainers(engine, Map.of(DockerEngine.LABEL + ".artifact", "interrupted"));
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static boolean waitFor(Condition condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return true;
            }
            Thread.sleep(250);
        }
        return condition.holds();
    }
}
