package io.github.lambdazip.it;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.core.LambdaZipPackager;
import java.nio.file.Path;
import java.util.List;

/**
 * A packaging whose install never ends, run in its own JVM by {@link InterruptedBuildDockerIT} and then stopped
 * as Ctrl-C stops Maven.
 */
public final class SlowInstallMain {

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        new LambdaZipPackager(BuildLog.silent()).packageAll(DockerTestSupport.request(project, Architecture.X86_64,
                args[1], false, List.of(DockerTestSupport.nativeFunction("interrupted"))));
    }
}
