package io.github.lambdazip.bench;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.ArtifactKind;
import io.github.lambdazip.core.ArtifactSpec;
import io.github.lambdazip.core.DependencyOptions;
import io.github.lambdazip.core.IndexOptions;
import io.github.lambdazip.core.LambdaZipPackager;
import io.github.lambdazip.core.LockSelection;
import io.github.lambdazip.core.OutputTimestamp;
import io.github.lambdazip.core.PackageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Cold-start imports with and without {@code compileBytecode}: one handler importing requests, jinja2, yaml and
 * dateutil (wheels repacked from Debian's pure-Python packages by {@code debian-wheels.py}), packaged by this
 * plugin's core both ways; each zip is unzipped into a folder bound read-only at {@code /var/task} of a fresh
 * container with no network (as Lambda runs it), where a fresh interpreter times {@code import handler}. The two
 * variants alternate, one untimed run each first; prints the median and spread of each, their ratio, and both zips'
 * sizes.
 *
 * <p>Usage: ColdStartBenchmark WHEELS_DIR WORK_DIR IMAGE RUNS
 */
public final class ColdStartBenchmark {

    private static final String HANDLER = String.join("\n",
            "import json",
            "",
            "import dateutil.parser",
            "import dateutil.tz",
            "import jinja2",
            "import requests",
            "import yaml",
            "",
            "TEMPLATE = jinja2.Environment(autoescape=True).from_string('<p>{{ who }} at {{ when }}</p>')",
            "",
            "",
            "def handler(event, context):",
            "    when = dateutil.parser.isoparse(event['when']).astimezone(dateutil.tz.UTC)",
            "    session = requests.Session()",
            "    return {'html': TEMPLATE.render(who=event['who'], when=when.isoformat()),",
            "            'yaml': yaml.safe_dump(event), 'adapters': sorted(session.adapters), 'json': json.dumps(event)}",
            "");

    /**
     * Runs in the container: the wall and CPU time of the handler's import alone, and how many modules came from
     * /var/task. The CPU time is the steadier figure on a busy machine; both are printed.
     */
    private static final String TIMER = String.join("\n",
            "import sys, time",
            "sys.path.insert(0, '/var/task')",
            "start, cpu = time.perf_counter(), time.process_time()",
            "import handler",
            "elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu",
            "modules = sum(1 for m in list(sys.modules.values()) if (getattr(m, '__file__', None) or '').startswith('/var/task'))",
            "print('IMPORT %.6f %d %.6f' % (elapsed, modules, cpu))",
            "");

    private ColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path wheels = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        String image = args[2];
        int runs = Integer.parseInt(args[3]);
        Path project = work.resolve("project");
        writeProject(project, wheels);

        Variant plain = new Variant("source only", package_(project, work, image, false));
        Variant compiled = new Variant("compileBytecode", package_(project, work, image, true));
        for (Variant variant : List.of(plain, compiled)) {
            variant.task = unzip(variant.zip, work.resolve("task-" + (variant == plain ? "plain" : "compiled")));
            variant.time(image); // untimed: the image and files in the page cache
            variant.seconds.clear();
            variant.cpuSeconds.clear();
        }
        for (int i = 0; i < runs; i++) {
            plain.time(image);
            compiled.time(image);
        }
        System.out.println("Cold-start import of the handler (requests, jinja2, yaml, dateutil; " + plain.modules
                + " modules from /var/task), " + image + ", read-only /var/task, no network, " + runs
                + " runs each, alternated:");
        for (Variant variant : List.of(plain, compiled)) {
            System.out.println(variant.report());
        }
        System.out.printf(Locale.ROOT, "ratio (source only / compileBytecode, medians): %.2fx faster import "
                + "(CPU: %.2fx)%n", plain.median() / compiled.median(),
                Variant.median(plain.cpuSeconds) / Variant.median(compiled.cpuSeconds));
        System.out.printf(Locale.ROOT, "zip size growth: %+.1f %% (%,d -> %,d bytes)%n",
                100.0 * (Files.size(compiled.zip) - Files.size(plain.zip)) / Files.size(plain.zip),
                Files.size(plain.zip), Files.size(compiled.zip));
    }

    private static void writeProject(Path project, Path wheels) throws IOException {
        Files.createDirectories(project.resolve("src"));
        Files.writeString(project.resolve("src/handler.py"), HANDLER, StandardCharsets.UTF_8);
        List<String> pins = new ArrayList<>();
        try (Stream<Path> files = Files.list(wheels)) {
            for (Path wheel : files.filter(f -> f.toString().endsWith(".whl")).sorted().toList()) {
                String[] parts = wheel.getFileName().toString().split("-");
                pins.add(parts[0] + "==" + parts[1]);
            }
        }
        Files.writeString(project.resolve("requirements.txt"), String.join("\n", pins) + "\n");
    }

    private static Path package_(Path project, Path work, String image, boolean compile) throws Exception {
        Path out = work.resolve(compile ? "out-compiled" : "out-plain");
        IndexOptions index = new IndexOptions(null, List.of(), List.of(work.resolve("wheels").toString()), true,
                List.of(), null, null);
        DependencyOptions dependencies = new DependencyOptions(image, "never", index, Duration.ofMinutes(10), true,
                work.resolve("cache"), false);
        ArtifactSpec spec = new ArtifactSpec(ArtifactKind.FUNCTION, "coldstart", "handler.handler", List.of("src"),
                "requirements.txt", List.of(), List.of(), LockSelection.NONE, compile);
        new LambdaZipPackager(BuildLog.silent()).packageAll(new PackageRequest(project, out, PythonRuntime.PYTHON_3_11,
                Architecture.X86_64, List.of(spec), OutputTimestamp.DEFAULT, 2, dependencies));
        return out.resolve("coldstart.zip");
    }

    private static Path unzip(Path zip, Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Collections.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                Path target = folder.resolve(entry.getName());
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
        return folder;
    }

    /** One way of packaging: its zip, the unzipped folder, and the import times measured. */
    private static final class Variant {
        final String name;
        final Path zip;
        final List<Double> seconds = new ArrayList<>();
        final List<Double> cpuSeconds = new ArrayList<>();
        Path task;
        int modules;

        Variant(String name, Path zip) {
            this.name = name;
            this.zip = zip;
        }

        void time(String image) throws IOException, InterruptedException {
            Process process = new ProcessBuilder("docker", "run", "--rm", "--network", "none",
                    "-v", task + ":/var/task:ro", "-w", "/var/task", image, "python3", "-c", TIMER)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0 || !output.contains("IMPORT ")) {
                throw new IllegalStateException("the import failed in the container: " + output);
            }
            String[] fields = output.substring(output.indexOf("IMPORT ")).trim().split("\\s+");
            seconds.add(Double.parseDouble(fields[1]));
            modules = Integer.parseInt(fields[2]);
            cpuSeconds.add(Double.parseDouble(fields[3]));
        }

        double median() {
            return median(seconds);
        }

        static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        String report() throws IOException {
            double min = Collections.min(seconds);
            double max = Collections.max(seconds);
            long unzipped;
            int entries;
            try (ZipFile file = new ZipFile(zip.toFile())) {
                entries = file.size();
                unzipped = Collections.list(file.entries()).stream().mapToLong(ZipEntry::getSize).sum();
            }
            return String.format(Locale.ROOT, "  %-16s median %6.1f ms  (min %6.1f, max %6.1f)  CPU median %6.1f ms  "
                    + "zip %,d bytes, %,d unzipped, %d entries", name, median() * 1000, min * 1000, max * 1000,
                    median(cpuSeconds) * 1000, Files.size(zip), unzipped, entries);
        }
    }
}
