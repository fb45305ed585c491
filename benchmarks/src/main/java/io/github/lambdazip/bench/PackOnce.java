package io.github.lambdazip.bench;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.ArtifactKind;
import io.github.lambdazip.core.ArtifactSpec;
import io.github.lambdazip.core.LambdaZipPackager;
import io.github.lambdazip.core.OutputTimestamp;
import io.github.lambdazip.core.PackageRequest;
import io.github.lambdazip.pip.DependencySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One packaging of a tree by this plugin's core, in its own JVM so its peak memory can be measured: stage, verify,
 * write the zip, hashes and manifest. Prints {@code full <ns>} and, after a second run with nothing changed,
 * {@code noop <ns>}; JVM start-up is not in either number. The core's own phase timings (its debug lines, "staged
 * in 300 ms") of the full run are printed as {@code phase <line>}.
 *
 * <p>Usage: PackOnce TREE OUTPUT_DIR THREADS
 */
public final class PackOnce {

    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        int threads = Integer.parseInt(args[2]);
        Path state = out.resolve(".lambda-zip-state");
        if (Files.isDirectory(state)) {
            try (var files = Files.list(state)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        PackageRequest request = new PackageRequest(tree.getParent(), out, PythonRuntime.PYTHON_3_12, Architecture.X86_64,
                List.of(new ArtifactSpec(ArtifactKind.FUNCTION, "bench", "app.handler",
                        List.of(tree.getFileName().toString()), null, List.of())),
                OutputTimestamp.DEFAULT, threads, DependencySettings.defaults(out.resolve("cache")));
        long start = System.nanoTime();
        List<String> phases = new java.util.ArrayList<>();
        new LambdaZipPackager(phaseLog(phases)).packageAll(request);
        System.out.println("full " + (System.nanoTime() - start));
        phases.forEach(phase -> System.out.println("phase " + phase));
        start = System.nanoTime();
        new LambdaZipPackager(BuildLog.silent()).packageAll(request);
        System.out.println("noop " + (System.nanoTime() - start));
    }

    private static BuildLog phaseLog(List<String> phases) {
        return new BuildLog() {
            @Override
            public void debug(String message) {
                if (message.contains(" in ") && message.endsWith(" ms")) {
                    phases.add(message);
                }
            }

            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {}
        };
    }
}
