package io.github.lambdazip.bench;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.ArtifactKind;
import io.github.lambdazip.core.ArtifactSpec;
import io.github.lambdazip.core.DependencyOptions;
import io.github.lambdazip.core.LambdaZipPackager;
import io.github.lambdazip.core.OutputTimestamp;
import io.github.lambdazip.core.PackageRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One packaging of a tree by this plugin's core, in its own JVM as each {@code mvn} run is, so its peak memory can
 * be measured: stage, verify, write the zip, hashes and manifest. In {@code full} mode the last build's state is
 * removed first and {@code full <ns>} is printed; in {@code noop} mode the state is kept, the run must find the zip
 * up to date, and {@code noop <ns>} is printed; in {@code warm} mode the tree is packaged twice from scratch in the
 * one JVM and the second is printed as {@code warm <ns>}, as for the second function of a build; in {@code onefile}
 * mode the state is kept, {@code app.py} gets one more line, the run must copy every other entry from the last zip
 * (written with the same deflater), {@code onefile <ns>} is printed, then a clean build of the changed tree is
 * written to {@code OUTPUT_DIR-clean} (untimed) and {@code onefile-identical yes|no} says whether the two zips have
 * the same bytes; {@code app.py} is restored at the end. JVM start-up is in no number. The core's own phase timings
 * (its debug lines, "staged in 300 ms") follow as {@code phase <line>}, and
 * on Linux the CPU time of the zip phase by kind of thread as {@code phase cpu wall=N compressing=N ...} (see
 * {@link CpuAccount}).
 *
 * <p>Usage: PackOnce TREE OUTPUT_DIR THREADS full|noop|warm|onefile [auto|java|native]
 */
public final class PackOnce {

    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        int threads = Integer.parseInt(args[2]);
        String mode = args.length > 3 ? args[3] : "full";
        boolean noop = mode.equals("noop");
        String deflater = args.length > 4 ? args[4] : "auto";
        PackageRequest request = new PackageRequest(tree.getParent(), out, PythonRuntime.PYTHON_3_12, Architecture.X86_64,
                List.of(new ArtifactSpec(ArtifactKind.FUNCTION, "bench", "app.handler",
                        List.of(tree.getFileName().toString()), null, List.of())),
                OutputTimestamp.DEFAULT, threads, DependencyOptions.defaults(out.resolve("cache")), Set.of(), Set.of(),
                false, deflater);
        List<String> phases = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        // once before timing anything, so the classes the CPU account uses are loaded when it counts
        CpuAccount warmUp = CpuAccount.start();
        if (warmUp != null) {
            warmUp.since();
        }
        if (mode.equals("warm")) {
            forget(out);
            new LambdaZipPackager(recording(new ArrayList<>(), new ArrayList<>())).packageAll(request);
        }
        if (mode.equals("onefile")) {
            oneFileRebuild(request, tree, out, phases, infos);
            return;
        }
        if (!noop) {
            forget(out);
        }
        long start = System.nanoTime();
        new LambdaZipPackager(recording(phases, infos)).packageAll(request);
        long elapsed = System.nanoTime() - start;
        if (noop && infos.stream().noneMatch(line -> line.contains("up to date"))) {
            throw new IllegalStateException("the second run was expected to find the zip up to date: " + infos);
        }
        System.out.println(mode + " " + elapsed);
        phases.forEach(phase -> System.out.println("phase " + phase));
    }

    /**
     * Changes one source file, times the rebuild, and compares its zip with a clean build of the changed tree; the
     * file is restored whatever happens.
     */
    private static void oneFileRebuild(PackageRequest request, Path tree, Path out, List<String> phases,
            List<String> infos) throws Exception {
        Path changed = tree.resolve("app.py");
        byte[] original = Files.readAllBytes(changed);
        try {
            Files.writeString(changed, "# changed at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
            long start = System.nanoTime();
            new LambdaZipPackager(recording(phases, infos)).packageAll(request);
            long elapsed = System.nanoTime() - start;
            if (infos.stream().noneMatch(line -> line.contains(": reused "))) {
                throw new IllegalStateException("the one-file rebuild was expected to reuse the last zip: " + infos);
            }
            System.out.println("onefile " + elapsed);
            phases.forEach(phase -> System.out.println("phase " + phase));
            infos.stream().filter(line -> line.contains(": reused "))
                    .forEach(line -> System.out.println("phase " + line));
            Path clean = out.resolveSibling(out.getFileName() + "-clean");
            forget(clean);
            new LambdaZipPackager(recording(new ArrayList<>(), new ArrayList<>()))
                    .packageAll(withOutput(request, clean));
            boolean same = Arrays.equals(Files.readAllBytes(out.resolve("bench.zip")),
                    Files.readAllBytes(clean.resolve("bench.zip")));
            System.out.println("onefile-identical " + (same ? "yes" : "no"));
        } finally {
            Files.write(changed, original);
        }
    }

    private static PackageRequest withOutput(PackageRequest request, Path output) {
        return new PackageRequest(request.baseDirectory(), output, request.runtime(), request.architecture(),
                request.artifacts(), request.entryTime(), request.threads(), request.dependencies(),
                request.providedModules(), request.virtualModules(), request.keepDependencyFiles(), request.deflater());
    }

    /** Removes the last build's state, so the next packaging is a full one. */
    private static void forget(Path out) throws java.io.IOException {
        Path state = out.resolve(".lambda-zip-state");
        if (Files.isDirectory(state)) {
            try (var files = Files.list(state)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static BuildLog recording(List<String> phases, List<String> infos) {
        return new BuildLog() {
            private CpuAccount zip;

            @Override
            public void debug(String message) {
                if (message.contains(" in ") && message.endsWith(" ms")) {
                    phases.add(message);
                }
                // the zip phase: from the start of the writing (the checks run beside it) to the zip written
                if (message.startsWith("zips started in ")) {
                    zip = CpuAccount.start();
                } else if (message.contains(".zip compressed in ") && zip != null) {
                    try {
                        phases.add(zip.since());
                    } catch (java.io.IOException unreadable) {
                        // no CPU account for this run; the times stand on their own
                    }
                    zip = null;
                }
            }

            @Override
            public void info(String message) {
                infos.add(message);
            }

            @Override
            public void warn(String message) {}
        };
    }
}
