package io.github.lambdazip.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * Times this plugin's packaging against Info-ZIP ({@code zip -q -r -X -6}) and Python's {@code zipfile} (sorted
 * names, fixed date, deflate level 6) on the same synthetic tree, alternating the tools over several repetitions,
 * next to two floors measured in the same run: reading every file, and deflating every byte on one core with no
 * I/O. Prints medians, ratios to Info-ZIP, throughput, peak RSS, zip sizes, and whether each tool gave the same bytes
 * after every file's modification time changed.
 *
 * <p>Usage: ZipBenchmark PRESET REPETITIONS WORK_DIR CLASSPATH
 */
public final class ZipBenchmark {

    private static final String PYTHON_ZIP = String.join("\n",
            "import os, sys, zipfile",
            "root, out = sys.argv[1], sys.argv[2]",
            "names = []",
            "for folder, dirs, files in os.walk(root):",
            "    for f in files:",
            "        names.append(os.path.relpath(os.path.join(folder, f), root).replace(os.sep, '/'))",
            "with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=6) as z:",
            "    for name in sorted(names):",
            "        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))",
            "        info.external_attr = 0o100644 << 16",
            "        info.compress_type = zipfile.ZIP_DEFLATED",
            "        with open(os.path.join(root, name), 'rb') as f:",
            "            z.writestr(info, f.read(), compresslevel=6)",
            "");

    private record Run(double seconds, long rssKb, Path zip) {}

    /**
     * What our full packagings report besides their time: the measure (ns from the start of the zips, the checks running beside them), the no-op
     * rebuild that follows each (ns), the one-file rebuild after that when asked for (ns, and whether its zip had a
     * clean build's bytes), and the CPU account of each zip phase (see {@link CpuAccount}).
     */
    private record Measures(List<Long> fulls, List<Long> noops, boolean oneFileRebuilds, List<Long> oneFiles,
            List<Boolean> oneFileIdentical, List<Map<String, Long>> zipCpu) {
        static Measures collect() {
            return new Measures(new ArrayList<>(), new ArrayList<>(), false, new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>());
        }

        static Measures withOneFileRebuilds() {
            return new Measures(new ArrayList<>(), new ArrayList<>(), true, new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>());
        }
    }

    private ZipBenchmark() {}

    public static void main(String[] args) throws Exception {
        Preset preset = Preset.valueOf(args[0].toUpperCase(Locale.ROOT));
        int repetitions = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]).toAbsolutePath();
        String classpath = args[3];
        Path tree = work.resolve("tree-" + preset.name().toLowerCase(Locale.ROOT));
        if (!Files.exists(tree.resolve("app.py"))) {
            System.out.println("generating the " + preset.name().toLowerCase(Locale.ROOT) + " tree in " + tree + " ...");
            deleteTree(tree);
            TreeGenerator.generate(preset, tree);
        }
        List<Path> files = files(tree);
        settle(files);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        double mb = bytes / 1024.0 / 1024.0;
        System.out.printf(Locale.ROOT, "tree: %s, %d files, %.1f MiB; %d repetitions; %d processors%n", tree, files.size(),
                mb, repetitions, Runtime.getRuntime().availableProcessors());
        Path python = Files.writeString(work.resolve("python_zip.py"), PYTHON_ZIP);

        // One untimed pass first, so the floors and every tool read from the page cache, not the disk: the first
        // run after the tree was generated (or evicted) would otherwise be timed against the disk.
        readAll(files);
        double readFloor = median(repeat(repetitions, () -> readAll(files)));
        double deflateFloor = deflateFloor(files, repetitions);

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        Measures measures = Measures.withOneFileRebuilds();
        Measures builtInMeasures = Measures.collect();
        for (int rep = 0; rep < repetitions; rep++) {
            // alternate the order so no tool always runs on a warmer cache
            List<String> order = rep % 2 == 0
                    ? List.of("lambda-zip", "info-zip", "python-zipfile", "lambda-zip (built-in encoder)")
                    : List.of("lambda-zip (built-in encoder)", "python-zipfile", "info-zip", "lambda-zip");
            for (String tool : order) {
                Path out = work.resolve("out-" + tool + "-" + rep);
                deleteTree(out);
                Files.createDirectories(out);
                runs.computeIfAbsent(tool, k -> new ArrayList<>()).add(runTool(tool, classpath, python, tree, out,
                        tool.equals("lambda-zip (built-in encoder)") ? builtInMeasures : measures));
            }
        }

        // Same bytes after every file's modification time changes?
        touchAll(files);
        Map<String, Boolean> identical = new LinkedHashMap<>();
        for (String tool : runs.keySet()) {
            Path out = work.resolve("out-" + tool + "-again");
            deleteTree(out);
            Files.createDirectories(out);
            Run again = runTool(tool, classpath, python, tree, out, Measures.collect());
            identical.put(tool, Arrays.equals(Files.readAllBytes(runs.get(tool).get(0).zip()), Files.readAllBytes(again.zip())));
        }
        Path oneThread = work.resolve("out-lambda-zip-1thread");
        deleteTree(oneThread);
        Files.createDirectories(oneThread);
        Run single = ours(classpath, tree, oneThread, Measures.collect(), 1, "native");
        boolean threadInvariant = Arrays.equals(Files.readAllBytes(single.zip()),
                Files.readAllBytes(runs.get("lambda-zip").get(0).zip()));

        // The second packaging in one JVM, as for the second function of a build: the JIT has compiled the plugin.
        List<String> warmOutput = new ArrayList<>();
        Path warmDir = work.resolve("out-lambda-zip-warm");
        deleteTree(warmDir);
        Files.createDirectories(warmDir);
        timed(warmDir, warmOutput, Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                classpath, PackOnce.class.getName(), tree.toString(), warmDir.toString(),
                Integer.toString(Runtime.getRuntime().availableProcessors()), "warm");
        long warmFull = warmOutput.stream().filter(l -> l.startsWith("warm ")).mapToLong(l -> Long.parseLong(l.substring(5)))
                .findFirst().orElse(0);
        long warmVerified = zipsStartedMillis(warmOutput.stream().filter(l -> l.startsWith("phase ")).map(l -> l.substring(6))
                .toList());

        double infoZip = median(runs.get("info-zip").stream().map(Run::seconds).toList());
        System.out.println();
        System.out.printf(Locale.ROOT, "| tool | median s | x Info-ZIP | MB/s | peak RSS MiB | zip MiB | same bytes after mtime change |%n");
        System.out.printf(Locale.ROOT, "| --- | ---: | ---: | ---: | ---: | ---: | --- |%n");
        for (Map.Entry<String, List<Run>> entry : runs.entrySet()) {
            double seconds = median(entry.getValue().stream().map(Run::seconds).toList());
            long rss = entry.getValue().stream().mapToLong(Run::rssKb).max().orElse(0);
            double zipMb = Files.size(entry.getValue().get(0).zip()) / 1024.0 / 1024.0;
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.0f | %.0f | %.2f | %s |%n", entry.getKey(), seconds,
                    seconds / infoZip, mb / seconds, rss / 1024.0, zipMb, identical.get(entry.getKey()) ? "yes" : "no");
        }
        System.out.printf(Locale.ROOT, "| floor: read every file | %.2f | %.2f | %.0f | | | |%n", readFloor, readFloor / infoZip, mb / readFloor);
        System.out.printf(Locale.ROOT, "| floor: deflate level 6, one core, in memory | %.2f | %.2f | %.0f | | | |%n",
                deflateFloor, deflateFloor / infoZip, mb / deflateFloor);
        System.out.printf(Locale.ROOT, "| floor: the same on %d cores (÷%d) | %.2f | %.2f | | | | |%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors(),
                deflateFloor / Runtime.getRuntime().availableProcessors(),
                deflateFloor / Runtime.getRuntime().availableProcessors() / infoZip);
        double ours = median(runs.get("lambda-zip").stream().map(Run::seconds).toList());
        double noop = median(measures.noops().stream().map(n -> n / 1e9).toList());
        double sizeRatio = (double) Files.size(runs.get("lambda-zip").get(0).zip()) / Files.size(runs.get("info-zip").get(0).zip());
        System.out.println();
        double twoCoreFloor = deflateFloor / Math.min(2, Runtime.getRuntime().availableProcessors());
        double written = median(measures.fulls().stream().map(n -> n / 1e9).toList());
        System.out.printf(Locale.ROOT, "lambda-zip, whole run (stage, verify, zip, hashes, manifest): %.2f s = %.2f x Info-ZIP, "
                + "%.2f x the two-core deflate floor%n", ours, ours / infoZip, ours / twoCoreFloor);
        System.out.printf(Locale.ROOT, "lambda-zip, zip + hashes + manifest of the staged tree: %.2f s = %.2f x Info-ZIP "
                + "(target <= 0.45), %.2f x the two-core deflate floor (target <= 1.3)%n", written, written / infoZip,
                written / twoCoreFloor);
        printZipCpu(measures.zipCpu(), deflateFloor, 0.45 * infoZip, written);
        double warmWritten = (warmFull - warmVerified * 1_000_000) / 1e9;
        System.out.printf(Locale.ROOT, "lambda-zip, second packaging in one JVM: whole run %.2f s = %.2f x Info-ZIP; zip + hashes "
                + "+ manifest %.2f s = %.2f x Info-ZIP, %.2f x the two-core deflate floor%n", warmFull / 1e9,
                warmFull / 1e9 / infoZip, warmWritten, warmWritten / infoZip, warmWritten / twoCoreFloor);
        System.out.printf(Locale.ROOT, "lambda-zip zip size / Info-ZIP zip size: %.4f (target within 1%%)%n", sizeRatio);
        System.out.printf(Locale.ROOT, "no-op rebuild: %.3f s = %.1f%% of a full packaging (target < 10%%)%n", noop,
                100 * noop / ours);
        double oneFile = median(measures.oneFiles().stream().map(n -> n / 1e9).toList());
        System.out.printf(Locale.ROOT, "one-file rebuild (app.py changed, the other entries copied from the last zip): "
                + "%.3f s = %.1f%% of a full packaging (target <= 15%%); same bytes as a clean build: %s%n", oneFile,
                100 * oneFile / ours, measures.oneFileIdentical().stream().allMatch(b -> b) ? "yes" : "no");
        double builtInWritten = median(builtInMeasures.fulls().stream().map(n -> n / 1e9).toList());
        boolean sameEncoderBytes = Arrays.equals(Files.readAllBytes(runs.get("lambda-zip").get(0).zip()),
                Files.readAllBytes(runs.get("lambda-zip (built-in encoder)").get(0).zip()));
        System.out.printf(Locale.ROOT, "built-in encoder: zip + hashes + manifest %.2f s = %.2f x the JDK zlib's %.2f s "
                + "(target <= 2); same bytes as the JDK's zlib: %s%n", builtInWritten, builtInWritten / written, written,
                sameEncoderBytes ? "yes" : "no");
        System.out.printf(Locale.ROOT, "lambda-zip bytes with 1 thread == with %d threads: %s%n",
                Runtime.getRuntime().availableProcessors(), threadInvariant ? "yes" : "no");
    }

    /** One packaging of the tree by the named tool into {@code out/bench.zip}. */
    private static Run runTool(String tool, String classpath, Path python, Path tree, Path out, Measures measures)
            throws Exception {
        Path zip = out.resolve("bench.zip");
        return switch (tool) {
            case "lambda-zip" -> ours(classpath, tree, out, measures, Runtime.getRuntime().availableProcessors(), "native");
            case "lambda-zip (built-in encoder)" ->
                    ours(classpath, tree, out, measures, Runtime.getRuntime().availableProcessors(), "java");
            case "info-zip" -> external(tree, zip, "zip", "-q", "-r", "-X", "-6", zip.toString(), ".");
            default -> external(tree, zip, "python3", python.toString(), tree.toString(), zip.toString());
        };
    }

    /**
     * Runs PackOnce in its own JVM (heap capped at 256 MiB), then once more in another JVM with nothing changed, as
     * two {@code mvn} runs would; the times are the packaging itself, not JVM start-up. For the main tool, two more
     * JVMs then package the tree with {@code auto} into a folder of their own ({@code native} leaves nothing to copy
     * from), and package it again after one file changed ({@code onefile}).
     */
    private static Run ours(String classpath, Path tree, Path out, Measures measures, int threads, String deflater)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> output = new ArrayList<>();
        long rss = timed(out, output, java, "-Xmx256m", "-cp", classpath, PackOnce.class.getName(), tree.toString(),
                out.toString(), Integer.toString(threads), "full", deflater);
        List<String> again = new ArrayList<>();
        timed(out, again, java, "-Xmx256m", "-cp", classpath, PackOnce.class.getName(), tree.toString(),
                out.toString(), Integer.toString(threads), "noop", deflater);
        String oneFile = "";
        if (measures.oneFileRebuilds()) {
            Path rebuilt = out.resolveSibling(out.getFileName() + "-onefile");
            Files.createDirectories(rebuilt);
            timed(rebuilt, new ArrayList<>(), java, "-Xmx256m", "-cp", classpath, PackOnce.class.getName(),
                    tree.toString(), rebuilt.toString(), Integer.toString(threads), "full", "auto");
            List<String> changed = new ArrayList<>();
            timed(rebuilt, changed, java, "-Xmx256m", "-cp", classpath, PackOnce.class.getName(), tree.toString(),
                    rebuilt.toString(), Integer.toString(threads), "onefile", "auto");
            for (String line : changed) {
                if (line.startsWith("onefile ")) {
                    long nanos = Long.parseLong(line.substring(8).trim());
                    measures.oneFiles().add(nanos);
                    oneFile = String.format(Locale.ROOT, "; one-file rebuild %.2f s", nanos / 1e9);
                } else if (line.startsWith("onefile-identical ")) {
                    measures.oneFileIdentical().add(line.endsWith("yes"));
                }
            }
        }
        long full = 0;
        List<String> phases = new ArrayList<>();
        for (String line : output) {
            if (line.startsWith("full ")) {
                full = Long.parseLong(line.substring(5).trim());
            } else if (line.startsWith("phase cpu ")) {
                measures.zipCpu().add(cpuAccount(line.substring("phase cpu ".length())));
            } else if (line.startsWith("phase ")) {
                phases.add(line.substring(6));
            }
        }
        List<Long> noops = measures.noops();
        for (String line : again) {
            if (line.startsWith("noop ")) {
                noops.add(Long.parseLong(line.substring(5).trim()));
            }
        }
        measures.fulls().add(full - zipsStartedMillis(phases) * 1_000_000);
        System.out.printf(Locale.ROOT, "lambda-zip (%s), %d threads: %.2f s (%s); no-op rebuild %.2f s%s%n", deflater,
                threads, full / 1e9,
                String.join(", ", phases), noops.get(noops.size() - 1) / 1e9, oneFile);
        return new Run(full / 1e9, rss, out.resolve("bench.zip"));
    }

    /**
     * Where the CPU time of the zip phase went (medians over the repetitions), and what the 0.45 x Info-ZIP target
     * leaves for everything but deflate: the zip phase may take what the target allows less the end of the
     * packaging (hashes, manifest, state), on every core, and deflating the bytes takes the one-core floor of that.
     */
    private static void printZipCpu(List<Map<String, Long>> accounts, double deflateFloor, double target, double written) {
        if (accounts.isEmpty()) {
            System.out.println("lambda-zip, CPU in the zip phase: not measured (needs Linux's /proc)");
            return;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Double> median = new LinkedHashMap<>();
        for (String field : accounts.get(0).keySet()) {
            median.put(field, median(accounts.stream().map(a -> a.get(field) / 1e9).toList()));
        }
        double wall = median.get("wall");
        double used = median.get("compressing") + median.get("caller") + median.get("jit") + median.get("gc")
                + median.get("other");
        System.out.printf(Locale.ROOT, "lambda-zip, CPU in the zip phase (medians): %.2f s on %d cores = %.2f core-s; "
                + "compressing threads %.2f (deflate alone: %.2f), writing thread %.2f, JIT compilers %.2f, GC %.2f, "
                + "other %.2f; not used %.2f%n", wall, cores, wall * cores, median.get("compressing"), deflateFloor,
                median.get("caller"), median.get("jit"), median.get("gc"), median.get("other"),
                Math.max(0, wall * cores - used));
        double zipBudget = (target - (written - wall)) * cores;
        System.out.printf(Locale.ROOT, "for zip + hashes + manifest <= 0.45 x Info-ZIP (%.2f s) the zip phase may take "
                + "%.2f s = %.2f core-s: deflate alone needs %.2f, leaving %.2f core-s for everything else (reading the "
                + "files, CRCs, headers, the writing thread, the JIT, GC), which takes %.2f here%n", target,
                zipBudget / cores, zipBudget, deflateFloor, zipBudget - deflateFloor, used - deflateFloor);
    }

    /** {@code wall=N compressing=N ...} as a map. */
    private static Map<String, Long> cpuAccount(String fields) {
        Map<String, Long> account = new LinkedHashMap<>();
        for (String field : fields.trim().split(" ")) {
            int equals = field.indexOf('=');
            account.put(field.substring(0, equals), Long.parseLong(field.substring(equals + 1)));
        }
        return account;
    }

    /**
     * When the zips started, from the core's "zips started in N ms" line: where the measure starts (the checks
     * run beside the writing since, so the end of the checks no longer marks it).
     */
    private static long zipsStartedMillis(List<String> phases) {
        return phases.stream().filter(p -> p.startsWith("zips started in ")).map(p -> p.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(0);
    }

    private static Run external(Path cwd, Path zip, String... command) throws Exception {
        List<String> output = new ArrayList<>();
        long start = System.nanoTime();
        long rss = timed(cwd, output, command);
        return new Run((System.nanoTime() - start) / 1e9, rss, zip);
    }

    /** Runs a command under GNU time and returns its peak RSS in KiB; its stdout lines go to {@code output}. */
    private static long timed(Path cwd, List<String> output, String... command) throws Exception {
        Path rssFile = Files.createTempFile("rss", ".txt");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", rssFile.toString()));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).directory(cwd.toFile()).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("failed: " + full + "\n" + text);
        }
        output.addAll(text.lines().toList());
        long rss = Long.parseLong(Files.readString(rssFile).trim().lines().reduce((a, b) -> b).orElse("0").trim());
        Files.delete(rssFile);
        return rss;
    }

    private static double deflateFloor(List<Path> files, int repetitions) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        for (Path file : files) {
            contents.add(Files.readAllBytes(file));
        }
        List<Double> times = new ArrayList<>();
        byte[] buffer = new byte[256 * 1024];
        for (int rep = 0; rep < repetitions; rep++) {
            long start = System.nanoTime();
            long sink = 0;
            // one zlib state, reset between files, as the fastest single-threaded writer would use it
            Deflater deflater = new Deflater(6, true);
            for (byte[] content : contents) {
                deflater.reset();
                deflater.setInput(content);
                deflater.finish();
                while (!deflater.finished()) {
                    sink += deflater.deflate(buffer);
                }
            }
            deflater.end();
            times.add((System.nanoTime() - start) / 1e9);
            if (sink < 0) {
                System.out.println(sink);
            }
        }
        return median(times);
    }

    private interface Timed {
        void run() throws IOException;
    }

    private static List<Double> repeat(int repetitions, Timed body) throws IOException {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            body.run();
            times.add((System.nanoTime() - start) / 1e9);
        }
        return times;
    }

    private static void readAll(List<Path> files) throws IOException {
        for (Path file : files) {
            Files.readAllBytes(file);
        }
    }

    /**
     * Gives every file a new modification time, a day in the past: a time in the future would make every later read
     * update the access time (relatime does while it is older than the modification time), and slow the next runs.
     */
    private static void touchAll(List<Path> files) throws IOException {
        FileTime earlier = FileTime.fromMillis(System.currentTimeMillis() - 86_400_000L - new java.util.Random().nextInt(60_000));
        for (Path file : files) {
            Files.setLastModifiedTime(file, earlier);
        }
    }

    /** A tree left with modification times in the future (by an older benchmark) gets times in the past first. */
    private static void settle(List<Path> files) throws IOException {
        long now = System.currentTimeMillis();
        for (Path file : files) {
            if (Files.getLastModifiedTime(file).toMillis() > now) {
                touchAll(files);
                return;
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }
}
