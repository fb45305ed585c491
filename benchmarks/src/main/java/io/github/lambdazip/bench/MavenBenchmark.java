package io.github.lambdazip.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Times what users run: real {@code mvn -o -q package} on a Maven project generated around a synthetic tree, next to
 * {@code mvn -o -q validate} on the same project (Maven's own start-up and project reading) and Info-ZIP
 * ({@code zip -q -r -X -6}) on the same tree, alternating in pairs so that a busy machine slows both sides. Per pair it
 * runs: {@code validate}; a full {@code package} (after removing {@code target/}, as {@code mvn clean} would); a no-op
 * {@code package} (nothing changed); a one-file {@code package} (one {@code .py} module's content changed); and
 * Info-ZIP. Prints medians as Markdown tables with the command that reproduces each figure, peak RSS and CPU time
 * from GNU time.
 *
 * <p>Then the fixed cost: a one-file function against the same project without the plugin ({@code mvn validate} on
 * both: what declaring the plugin costs a build that does not run it), and {@code mvn package} of the one-file
 * function against Info-ZIP on that file.
 *
 * <p>Each pair also runs the core alone in a JVM of its own ({@link PackOnce}, as {@code benchmarks/run.sh} without
 * {@code --maven} does), so the gap between the bare JVM and Maven is measured in the same run, and the floors the
 * targets meet: {@code package} with the goal skipped (what Maven costs to run any mojo), and {@link Floors} (reading
 * every file's attributes, and deflating every byte on all threads, each in a fresh JVM).
 *
 * <p>Usage: MavenBenchmark WORK_DIR PAIRS PLUGIN_VERSION CLASSPATH PRESET... where WORK_DIR holds the local repository
 * {@code maven-repo/} with the plugin installed (benchmarks/run.sh --maven prepares it). The large
 * preset runs with {@code MAVEN_OPTS=-Xmx256m} added to the environment's.
 */
public final class MavenBenchmark {

    /** The one module changed by the one-file rebuild (every preset has it). */
    private static final String CHANGED_MODULE = "pkg0/sub0/mod0.py";

    /** One timed command: wall seconds, CPU seconds (user + system, all threads), peak RSS. */
    private record Timing(double seconds, double cpu, long rssKb, String output, Map<String, Double> threads) {}

    private final Path work;
    private final int pairs;
    private final String pluginVersion;
    private final String classpath;

    private MavenBenchmark(Path work, int pairs, String pluginVersion, String classpath) {
        this.work = work;
        this.pairs = pairs;
        this.pluginVersion = pluginVersion;
        this.classpath = classpath;
    }

    public static void main(String[] args) throws Exception {
        MavenBenchmark bench = new MavenBenchmark(Path.of(args[0]).toAbsolutePath(), Integer.parseInt(args[1]), args[2],
                args[3]);
        System.out.printf(Locale.ROOT, "%s UTC; %d processors, load average %s; %s; Java %s; %s; MAVEN_OPTS=%s%n",
                java.time.Instant.now().toString().substring(0, 16).replace('T', ' '),
                Runtime.getRuntime().availableProcessors(), loadAverage(), line("Apache Maven", "mvn", "-v"),
                System.getProperty("java.version"), line("This is Zip", "zip", "-v"),
                mavenOpts(null).isEmpty() ? "(none)" : mavenOpts(null));
        for (int i = 4; i < args.length; i++) {
            bench.preset(Preset.valueOf(args[i].toUpperCase(Locale.ROOT)));
        }
        bench.fixedCost();
        System.out.printf(Locale.ROOT, "%nload average at the end: %s (other processes on this machine slow both sides of each "
                + "pair; compare ratios, not seconds)%n", loadAverage());
    }

    /** The 1, 5 and 15 minute load averages, where Linux gives them. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The pairs on one preset's tree, and its table. */
    private void preset(Preset preset) throws Exception {
        String name = preset.name().toLowerCase(Locale.ROOT);
        Path tree = work.resolve("tree-" + name);
        if (!Files.exists(tree.resolve("app.py"))) {
            System.out.println("generating the " + name + " tree in " + tree + " ...");
            ZipBenchmark.deleteTree(tree);
            TreeGenerator.generate(preset, tree);
        }
        List<Path> files = ZipBenchmark.files(tree);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        Path project = project("maven-" + name, "../tree-" + name, true);
        String opts = mavenOpts(preset == Preset.LARGE ? "-Xmx256m" : null);
        Path zip = work.resolve("info-zip-" + name + ".zip");
        Path changed = tree.resolve(CHANGED_MODULE);
        byte[] original = Files.readAllBytes(changed);
        Path ourZip = project.resolve("target/lambda-zip/bench.zip");

        // untimed: the page cache holds the tree, and Maven's and the JIT's files are warm, for both sides
        ZipBenchmark.deleteTree(project.resolve("target"));
        mvn(project, opts, "package");
        infoZip(tree, zip);

        Map<String, List<Timing>> runs = new LinkedHashMap<>();
        for (String step : List.of("validate", "full", "noop", "onefile", "info-zip", "bare", "skipped", "walk",
                "deflate", "copy")) {
            runs.put(step, new ArrayList<>());
        }
        try {
            for (int pair = 0; pair < pairs; pair++) {
                List<String> order = pair % 2 == 0
                        ? List.of("validate", "maven", "info-zip", "bare", "skipped", "walk", "deflate", "copy")
                        : List.of("copy", "deflate", "walk", "skipped", "bare", "info-zip", "maven", "validate");
                for (String step : order) {
                    switch (step) {
                        case "validate" -> runs.get("validate").add(mvn(project, opts, "validate"));
                        case "info-zip" -> runs.get("info-zip").add(infoZip(tree, zip));
                        case "bare" -> runs.get("bare").add(bare(tree));
                        case "skipped" -> runs.get("skipped").add(mvn(project, opts, "package", "-Dlambdazip.skip=true"));
                        case "walk", "deflate" -> runs.get(step).add(floor(step, tree.toString()));
                        case "copy" -> runs.get(step).add(floor(step, ourZip.toString(),
                                work.resolve("floor-copy.zip").toString()));
                        default -> {
                            ZipBenchmark.deleteTree(project.resolve("target"));
                            runs.get("full").add(mvn(project, opts, "package"));
                            long written = Files.getLastModifiedTime(ourZip).toMillis();
                            runs.get("noop").add(mvn(project, opts, "package"));
                            if (Files.getLastModifiedTime(ourZip).toMillis() != written) {
                                throw new IllegalStateException("the no-op rebuild rewrote " + ourZip);
                            }
                            byte[] before = Files.readAllBytes(ourZip);
                            Files.write(changed, concat(original, ("# pair " + pair + "\n").getBytes(StandardCharsets.UTF_8)));
                            runs.get("onefile").add(mvn(project, opts, "package"));
                            if (java.util.Arrays.equals(before, Files.readAllBytes(ourZip))) {
                                throw new IllegalStateException("the one-file rebuild did not change " + ourZip);
                            }
                        }
                    }
                }
            }
        } finally {
            Files.write(changed, original);
        }

        double mib = bytes / 1024.0 / 1024.0;
        String cd = "cd " + relative(project);
        String mvn = (opts.isEmpty() ? "" : "MAVEN_OPTS=" + opts + " ") + "mvn -o -q";
        double validate = median(runs.get("validate"), Timing::seconds);
        double full = median(runs.get("full"), Timing::seconds);
        double noop = median(runs.get("noop"), Timing::seconds);
        double onefile = median(runs.get("onefile"), Timing::seconds);
        double info = median(runs.get("info-zip"), Timing::seconds);
        double fullNet = full - validate;
        System.out.println();
        System.out.printf(Locale.ROOT, "Through Maven, %s preset: %,d files, %.1f MiB, %d pairs (medians)%s; project: %s%n%n",
                name, files.size(), mib, pairs, opts.isEmpty() ? "" : ", MAVEN_OPTS=" + opts, relative(project));
        System.out.println("| measure | median s | ratio | target | peak RSS MiB | CPU s | command |");
        System.out.println("| --- | ---: | ---: | --- | ---: | ---: | --- |");
        row("Info-ZIP `zip -r -X -6`", runs.get("info-zip"), "1.00 × Info-ZIP", "",
                "cd " + relative(tree) + " && zip -q -r -X -6 " + relative(tree, zip) + " .");
        row("bare JVM: the core alone, JVM start-up excluded (`-Xmx256m`)", runs.get("bare"),
                ratio(median(runs.get("bare"), Timing::seconds) / info, "× Info-ZIP"), "", "bash benchmarks/run.sh " + name);
        row("`mvn validate` (Maven's start-up)", runs.get("validate"), "", "", cd + " && " + mvn + " validate");
        row("`mvn package`, full", runs.get("full"), "", "", cd + " && rm -rf target && " + mvn + " package");
        row("**full: package − validate**", fullNet, ratio(fullNet / info, "× Info-ZIP"),
                preset == Preset.MEDIUM ? "≤ 0.55 ×" : preset == Preset.SMALL ? "≤ 1.0 ×" : "",
                cpuDelta(runs.get("full"), runs.get("validate")), "");
        row("`mvn package`, no-op", runs.get("noop"), "", "", cd + " && " + mvn + " package   # again, nothing changed");
        row("**no-op: package − validate**", noop - validate, ratio(100 * (noop - validate) / fullNet, "% of full"),
                preset == Preset.MEDIUM ? "≤ 5 %" : preset == Preset.LARGE ? "≤ 8 %" : "",
                cpuDelta(runs.get("noop"), runs.get("validate")), "");
        row("`mvn package`, one `.py` changed", runs.get("onefile"), "", "",
                cd + " && echo '# x' >> " + relative(project, tree.resolve(CHANGED_MODULE)) + " && " + mvn + " package");
        row("**one file: package − validate**", onefile - validate, ratio(100 * (onefile - validate) / fullNet, "% of full"),
                "≤ 15 %", cpuDelta(runs.get("onefile"), runs.get("validate")), "");
        System.out.printf(Locale.ROOT, "%nfull packaging through Maven: %.2f MB/s of input; Info-ZIP %.2f MB/s%n",
                mib / fullNet, mib / info);
        floors(runs, name, preset, fullNet, info, cd, mvn);
        cpuAccount(runs);
    }

    /**
     * What no packaging can go below in these pairs: a mojo that returns at once (Maven resolving, loading and
     * configuring it), a fresh JVM reading the attributes of every file (what a no-op must read), and the deflate
     * level 6 of every byte on the machine's threads in a fresh JVM; each against its target.
     */
    private static void floors(Map<String, List<Timing>> runs, String name, Preset preset, double fullNet, double info,
            String cd, String mvn) {
        double validate = median(runs.get("validate"), Timing::seconds);
        double skipped = median(runs.get("skipped"), Timing::seconds) - validate;
        double walk = median(runs.get("walk"), Timing::seconds);
        double deflate = median(runs.get("deflate"), Timing::seconds);
        String noopTarget = preset == Preset.MEDIUM ? "≤ 5 %" : preset == Preset.LARGE ? "≤ 8 %" : "";
        System.out.printf(Locale.ROOT, "%nFloors, %s preset, in the same pairs (medians)%n%n", name);
        System.out.println("| floor | median s | ratio | target | command |");
        System.out.println("| --- | ---: | ---: | --- | --- |");
        String floors = "java -cp benchmarks/target/classes " + Floors.class.getName();
        floorRow("a mojo that returns at once: `package -Dlambdazip.skip=true` − validate", skipped,
                ratio(100 * skipped / fullNet, "% of full"), "",
                cd + " && " + mvn + " package -Dlambdazip.skip=true");
        floorRow("a fresh JVM reading every file's attributes (`unix` view), start-up excluded", walk,
                ratio(100 * walk / fullNet, "% of full"), "", floors + " walk benchmarks/target/work/tree-" + name);
        floorRow("**no-op floor: the two above**", skipped + walk, ratio(100 * (skipped + walk) / fullNet, "% of full"),
                noopTarget, "");
        double copy = median(runs.get("copy"), Timing::seconds);
        floorRow("a fresh JVM copying the last zip to a new file with its SHA-256", copy,
                ratio(100 * copy / fullNet, "% of full"), "",
                floors + " copy benchmarks/target/work/maven-" + name + "/target/lambda-zip/bench.zip /tmp/copy.zip");
        floorRow("**one-file floor: the three above**", skipped + walk + copy,
                ratio(100 * (skipped + walk + copy) / fullNet, "% of full"), "≤ 15 %", "");
        floorRow("**deflate level 6 on " + Runtime.getRuntime().availableProcessors()
                + " threads, in memory, fresh JVM**", deflate, ratio(deflate / info, "× Info-ZIP"),
                preset == Preset.MEDIUM ? "≤ 0.55 × (the whole packaging)" : "",
                floors + " deflate benchmarks/target/work/tree-" + name);
    }

    private static void floorRow(String floor, double seconds, String ratio, String target, String command) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %s | %s | %s |%n", floor, seconds, ratio, target,
                command.isEmpty() ? "" : "`" + command + "`");
    }

    /** One of {@link Floors} in a JVM of its own: its own figure, JVM start-up excluded. */
    private Timing floor(String... arguments) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, Floors.class.getName()));
        command.addAll(List.of(arguments));
        Timing run = timed(work, null, command.toArray(String[]::new));
        long nanos = run.output().lines().filter(l -> l.startsWith("floor ")).mapToLong(l -> Long.parseLong(l.substring(6).trim()))
                .findFirst().orElseThrow();
        return new Timing(nanos / 1e9, run.cpu(), run.rssKb(), run.output(), run.threads());
    }

    /**
     * Where the CPU time went, by kind of thread (medians, sampled from /proc): the bare JVM (whole process, start-up
     * included), {@code mvn package}, {@code mvn validate}, and the difference, which is what the goal cost under
     * Maven. The compressing threads do the same work on both sides; the rest is what Maven changes.
     */
    private static void cpuAccount(Map<String, List<Timing>> runs) {
        System.out.println();
        System.out.println("| CPU seconds (medians) | compressing threads | main thread | JIT compilers | GC | other | "
                + "whole process (GNU time) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Map<String, Double> bare = kinds(runs.get("bare"));
        Map<String, Double> full = kinds(runs.get("full"));
        Map<String, Double> validate = kinds(runs.get("validate"));
        Map<String, Double> delta = new LinkedHashMap<>();
        full.forEach((kind, seconds) -> delta.put(kind, seconds - validate.get(kind)));
        cpuRow("bare JVM, whole process (JVM start-up included)", bare);
        cpuRow("`mvn package`, full", full);
        cpuRow("`mvn validate`", validate);
        cpuRow("**package − validate**", delta);
    }

    private static Map<String, Double> kinds(List<Timing> runs) {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String kind : ThreadSampler.KINDS) {
            medians.put(kind, median(runs, run -> run.threads().get(kind)));
        }
        medians.put("process", median(runs, Timing::cpu));
        return medians;
    }

    private static void cpuRow(String what, Map<String, Double> seconds) {
        StringBuilder row = new StringBuilder("| " + what + " |");
        for (double value : seconds.values()) {
            row.append(String.format(Locale.ROOT, " %.2f |", value));
        }
        System.out.println(row);
    }

    /**
     * The fixed cost of the plugin: {@code mvn validate} on a one-file function against the same project without the
     * plugin, and {@code mvn package} of that function against Info-ZIP on its one file.
     */
    private void fixedCost() throws Exception {
        Path withPlugin = project("maven-one-file", "src", true);
        Path without = project("maven-no-plugin", "src", false);
        for (Path project : List.of(withPlugin, without)) {
            Files.createDirectories(project.resolve("src"));
            Files.writeString(project.resolve("src/app.py"),
                    "import json\n\n\ndef handler(event, context):\n    return json.dumps(event)\n");
        }
        Path zip = work.resolve("info-zip-one-file.zip");
        String opts = mavenOpts(null);
        ZipBenchmark.deleteTree(withPlugin.resolve("target"));
        mvn(withPlugin, opts, "package");
        mvn(without, opts, "validate");
        infoZip(withPlugin.resolve("src"), zip);
        List<Timing> bare = new ArrayList<>();
        List<Timing> declared = new ArrayList<>();
        List<Timing> packaged = new ArrayList<>();
        List<Timing> info = new ArrayList<>();
        // twice the pairs: these runs are short, and the differences sought are a tenth of a second
        for (int pair = 0; pair < 2 * pairs; pair++) {
            List<String> order = pair % 2 == 0 ? List.of("bare", "declared", "package", "zip")
                    : List.of("zip", "package", "declared", "bare");
            for (String step : order) {
                switch (step) {
                    case "bare" -> bare.add(mvn(without, opts, "validate"));
                    case "declared" -> declared.add(mvn(withPlugin, opts, "validate"));
                    case "zip" -> info.add(infoZip(withPlugin.resolve("src"), zip));
                    default -> {
                        ZipBenchmark.deleteTree(withPlugin.resolve("target"));
                        packaged.add(mvn(withPlugin, opts, "package"));
                    }
                }
            }
        }
        String mvn = (opts.isEmpty() ? "" : "MAVEN_OPTS=" + opts + " ") + "mvn -o -q";
        double declaredDelta = median(declared, Timing::seconds) - median(bare, Timing::seconds);
        double packageNet = median(packaged, Timing::seconds) - median(declared, Timing::seconds);
        System.out.println();
        System.out.printf(Locale.ROOT, "Through Maven, the fixed cost: a one-file function, %d pairs (medians)%n%n", 2 * pairs);
        System.out.println("| measure | median s | ratio | target | peak RSS MiB | CPU s | command |");
        System.out.println("| --- | ---: | ---: | --- | ---: | ---: | --- |");
        row("`mvn validate`, no plugin declared", bare, "", "", "cd " + relative(without) + " && " + mvn + " validate");
        row("`mvn validate`, the plugin declared", declared, "", "", "cd " + relative(withPlugin) + " && " + mvn + " validate");
        row("**what declaring the plugin adds to `mvn validate`**", declaredDelta, "", "≤ 0.2 s",
                cpuDelta(declared, bare), "");
        row("`mvn package`, one-file function", packaged, "", "",
                "cd " + relative(withPlugin) + " && rm -rf target && " + mvn + " package");
        row("**one-file function: package − validate**", packageNet, "", "", cpuDelta(packaged, declared), "");
        row("Info-ZIP on the one file", info, "", "", "cd " + relative(withPlugin.resolve("src")) + " && zip -q -r -X -6 "
                + relative(withPlugin.resolve("src"), zip) + " .");
    }

    /** Writes a project (pom.xml and .mvn/maven.config, so plain {@code mvn -o} finds the prepared repository). */
    private Path project(String name, String source, boolean withPlugin) throws IOException {
        Path project = work.resolve(name);
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve(".mvn/maven.config"), "-Dmaven.repo.local=" + work.resolve("maven-repo") + "\n");
        String plugin = !withPlugin ? "" : """
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.github.lambdazip</groupId>
                        <artifactId>lambda-zip-maven-plugin</artifactId>
                        <version>%s</version>
                        <executions>
                          <execution>
                            <goals>
                              <goal>package</goal>
                            </goals>
                          </execution>
                        </executions>
                        <configuration>
                          <functions>
                            <function><name>bench</name><handler>app.handler</handler><sources><source>%s</source></sources></function>
                          </functions>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                """.formatted(pluginVersion, source);
        Files.writeString(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- generated by benchmarks/run.sh, Maven mode -->
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.github.lambdazip.bench</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0.0</version>
                  <packaging>pom</packaging>
                  <properties>
                    <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>
                  </properties>
                %s</project>
                """.formatted(name, plugin));
        return project;
    }

    private Timing mvn(Path project, String opts, String phase, String... properties) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-o", "-q", phase));
        command.addAll(List.of(properties));
        return timed(project, opts, command.toArray(String[]::new));
    }

    /**
     * The core's full packaging in a JVM of its own, as the bare-JVM benchmark times it: the seconds are the
     * packaging's own (JVM start-up excluded), the CPU time is the whole process's.
     */
    private Timing bare(Path tree) throws Exception {
        Path out = work.resolve("out-bare");
        ZipBenchmark.deleteTree(out);
        Files.createDirectories(out);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Timing run = timed(out, null, java, "-Xmx256m", "-cp", classpath, PackOnce.class.getName(), tree.toString(),
                out.toString(), Integer.toString(Runtime.getRuntime().availableProcessors()), "full");
        long nanos = run.output().lines().filter(l -> l.startsWith("full ")).mapToLong(l -> Long.parseLong(l.substring(5).trim()))
                .findFirst().orElseThrow();
        return new Timing(nanos / 1e9, run.cpu(), run.rssKb(), run.output(), run.threads());
    }

    private Timing infoZip(Path tree, Path zip) throws Exception {
        Files.deleteIfExists(zip);
        return timed(tree, null, "zip", "-q", "-r", "-X", "-6", zip.toString(), ".");
    }

    /** Runs a command under GNU time in {@code cwd}; MAVEN_OPTS replaced by {@code opts} when it is not null. */
    private static Timing timed(Path cwd, String opts, String... command) throws Exception {
        Path report = Files.createTempFile("time", ".txt");
        try {
            List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S %M", "-o", report.toString()));
            full.addAll(List.of(command));
            ProcessBuilder builder = new ProcessBuilder(full).directory(cwd.toFile()).redirectErrorStream(true);
            if (opts != null) {
                builder.environment().put("MAVEN_OPTS", opts);
            }
            long start = System.nanoTime();
            Process process = builder.start();
            String output;
            Map<String, Double> threads;
            try (ThreadSampler sampler = ThreadSampler.of(process)) {
                output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException("failed in " + cwd + ": " + String.join(" ", command) + "\n" + output);
                }
                threads = sampler.byKind();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String[] fields = Files.readString(report).trim().lines().reduce((a, b) -> b).orElseThrow().trim().split(" ");
            return new Timing(seconds, Double.parseDouble(fields[0]) + Double.parseDouble(fields[1]), Long.parseLong(fields[2]),
                    output, threads);
        } finally {
            Files.delete(report);
        }
    }

    private static void row(String measure, List<Timing> runs, String ratio, String target, String command) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %s | %s | %.0f | %.2f | `%s` |%n", measure, median(runs, Timing::seconds),
                ratio, target, runs.stream().mapToLong(Timing::rssKb).max().orElse(0) / 1024.0,
                median(runs, Timing::cpu), command);
    }

    private static void row(String measure, double seconds, String ratio, String target, double cpu, String command) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %s | %s | | %.2f | %s |%n", measure, seconds, ratio, target, cpu,
                command.isEmpty() ? "" : "`" + command + "`");
    }

    private static String ratio(double value, String unit) {
        return String.format(Locale.ROOT, unit.startsWith("%") ? "**%.1f %s**" : "**%.2f %s**", value, unit);
    }

    private static double cpuDelta(List<Timing> runs, List<Timing> base) {
        return median(runs, Timing::cpu) - median(base, Timing::cpu);
    }

    private static double median(List<Timing> runs, ToDoubleFunction<Timing> field) {
        return ZipBenchmark.median(runs.stream().map(field::applyAsDouble).toList());
    }

    /** The environment's MAVEN_OPTS with {@code extra} appended. */
    private static String mavenOpts(String extra) {
        String opts = System.getenv().getOrDefault("MAVEN_OPTS", "").trim();
        return extra == null ? opts : (opts + " " + extra).trim();
    }

    /** A path as the user can paste it from the repository's root (where run.sh works). */
    private static String relative(Path path) {
        return relative(Path.of("").toAbsolutePath(), path);
    }

    /** A path as seen from the folder a command runs in. */
    private static String relative(Path from, Path path) {
        return from.relativize(path).toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The first line of a command's output that contains {@code start}, for the conditions line. */
    private static String line(String start, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("\u001B\\[[0-9;]*m", "");
            process.waitFor();
            return text.lines().filter(l -> l.contains(start)).findFirst().orElse(command[0] + ": ?").trim();
        } catch (IOException | InterruptedException e) {
            return command[0] + ": " + e.getMessage();
        }
    }
}
