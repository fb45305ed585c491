package io.github.lambdazip.it;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.core.LambdaZipPackager;
import java.nio.file.Path;
import java.util.List;

/**
 * A packaging whose install never ends, run in its own JVM by {@link InterruptedBuildDockerIT} and then stopped
 * as Ctrl-C stops Maven.
 */
public final class SlowInstallMain {

    /** Prints what Maven would: the log, and a failure's message and fix. */
    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        BuildLog log = new BuildLog() {
            @Override
            public void debug(String message) {}

            @Override
            public void info(String message) {
                System.out.println("[INFO] " + message);
            }

            @Override
            public void warn(String message) {
                System.out.println("[WARNING] " + message);
            }
        };
        try {
            new LambdaZipPackager(log).packageAll(DockerTestSupport.request(project, Architecture.X86_64, args[1], false,
                    List.of(DockerTestSupport.nativeFunction("interrupted"))));
        } catch (LambdaZipException e) {
            System.out.println("[ERROR] " + e.describe());
        }
    }
}
