package io.github.lambdazip.it;

import static io.github.lambdazip.TestFiles.write;
import static io.github.lambdazip.it.DockerTestSupport.entries;
import static io.github.lambdazip.it.DockerTestSupport.image;
import static io.github.lambdazip.it.DockerTestSupport.nativeProject;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.github.lambdazip.TestFiles;
import io.github.lambdazip.bytecode.BytecodeCompiler;
import io.github.lambdazip.bytecode.BytecodeRequest;
import io.github.lambdazip.bytecode.BytecodeSource;
import io.github.lambdazip.bytecode.CompiledBytecode;
import io.github.lambdazip.bytecode.SourceSyntaxException;
import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.ProjectProblemException;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.ArtifactKind;
import io.github.lambdazip.core.ArtifactSpec;
import io.github.lambdazip.core.LambdaZipPackager;
import io.github.lambdazip.core.LambdaZipVerifier;
import io.github.lambdazip.core.LockSelection;
import io.github.lambdazip.core.OutputTimestamp;
import io.github.lambdazip.core.PackageRequest;
import io.github.lambdazip.core.VerifyRequest;
import io.github.lambdazip.core.VerifySubject;
import io.github.lambdazip.docker.ContainerResult;
import io.github.lambdazip.docker.ContainerSpec;
import io.github.lambdazip.docker.DockerEngine;
import io.github.lambdazip.docker.DockerSession;
import io.github.lambdazip.docker.PullPolicy;
import io.github.lambdazip.docker.TarBuilder;
import io.github.lambdazip.verify.Rule;
import io.github.lambdazip.verify.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compileBytecode}: the zips hold PEP 552 unchecked-hash bytecode of the runtime's Python, the same bytes on
 * every build, which Lambda's Python uses as it is from a read-only folder; a syntax error in the project's code
 * fails the build.
 */
class BytecodeDockerIT {

    private static final String PYC = "__pycache__/app.cpython-311.pyc";
    /** The magic number of Python 3.11's .pyc files and PEP 552's unchecked-hash flags word. */
    private static final int MAGIC_311 = 3495;
    private static final int UNCHECKED_HASH = 0b01;

    @TempDir
    Path dir;

    /**
     * The native sample (a C extension, a pure wheel), a wheel that ships a Python 2 file, a layer with its own code,
     * all compiled.
     */
    private Path project(String name) throws Exception {
        Path project = nativeProject(dir.resolve(name));
        write(project, "src/app.py", String.join("\n",
                "import fastmath",
                "import purehelper",
                "import legacy",
                "import shared",
                "",
                "",
                "def handler(event, context):",
                "    return {\"sum\": fastmath.add(2, 3), \"greeting\": purehelper.greet(\"lambda\"),",
                "            \"legacy\": legacy.NAME, \"shared\": shared.VALUE, \"file\": __file__}",
                ""));
        Files.writeString(project.resolve("src/requirements.txt"), "fastmath==1.0\npurehelper==1.0\nlegacy==1.0\n");
        write(project, "layer/shared/__init__.py", "VALUE = 'from the layer'\n");
        pureWheel(project.resolve("wheelhouse"), "legacy", Map.of(
                "legacy/__init__.py", "NAME = 'legacy'\n",
                "legacy/py2_only.py", "print 'this is Python 2'\n"));
        return project;
    }

    private static List<ArtifactSpec> specs() {
        return List.of(
                new ArtifactSpec(ArtifactKind.FUNCTION, "adder", "app.handler", List.of("src"), "src/requirements.txt",
                        List.of("requirements.txt"), List.of(), LockSelection.NONE, true),
                new ArtifactSpec(ArtifactKind.LAYER, "shared", null, List.of("layer"), null, List.of(), List.of(),
                        LockSelection.NONE, true));
    }

    private static void build(Path project, BuildLog log) throws Exception {
        new LambdaZipPackager(log).packageAll(DockerTestSupport.request(project, Architecture.X86_64, image(), true,
                specs()));
    }

    @Test
    void compiledBuild_twice_isByteIdentical_uncheckedHash_andRunsFromReadOnlyFolders() throws Exception {
        Path first = project("first");
        Path second = project("second-at-another-path");
        build(first, BuildLog.silent());
        build(second, BuildLog.silent());
        Path zip = first.resolve("target/lambda-zip/adder.zip");
        Path layerZip = first.resolve("target/lambda-zip/shared.zip");
        assertArrayEquals(Files.readAllBytes(zip), Files.readAllBytes(second.resolve("target/lambda-zip/adder.zip")),
                "two clean builds at different paths, each compiling in its own container, give the same zip");
        assertArrayEquals(Files.readAllBytes(layerZip),
                Files.readAllBytes(second.resolve("target/lambda-zip/shared.zip")));

        List<String> names = entries(zip);
        assertTrue(names.contains(PYC), names.toString());
        assertTrue(names.contains("purehelper/__pycache__/__init__.cpython-311.pyc"), names.toString());
        assertTrue(names.contains("legacy/__pycache__/__init__.cpython-311.pyc"), names.toString());
        assertTrue(names.contains("legacy/py2_only.py"), "an installed file that does not compile still ships");
        assertFalse(names.contains("legacy/__pycache__/py2_only.cpython-311.pyc"), "…without bytecode");
        assertTrue(entries(layerZip).contains("python/shared/__pycache__/__init__.cpython-311.pyc"),
                entries(layerZip).toString());
        for (String name : names) {
            if (name.endsWith(".pyc")) {
                byte[] header = read(zip, name);
                assertEquals(MAGIC_311, (header[0] & 0xff) | (header[1] & 0xff) << 8, name);
                assertEquals('\r', header[2]);
                assertEquals('\n', header[3]);
                assertEquals(UNCHECKED_HASH, (header[4] & 0xff) | (header[5] & 0xff) << 8 | (header[6] & 0xff) << 16
                        | (header[7] & 0xff) << 24, name + ": PEP 552 flags");
            }
        }

        VerificationReport report = new LambdaZipVerifier(BuildLog.silent()).verify(new VerifyRequest(
                List.of(new VerifySubject("adder", ArtifactKind.FUNCTION, "app.handler", zip, List.of(layerZip))),
                PythonRuntime.PYTHON_3_11, Architecture.X86_64, Set.of(), dir.resolve("reports"), false, false, image(),
                Duration.ofMinutes(2)));
        assertTrue(report.entries().stream().flatMap(e -> e.findings().stream())
                .noneMatch(f -> f.rule() == Rule.BYTECODE_STALE), report.toString());

        String run = runReadOnly(zip, layerZip);
        assertTrue(run.contains("\"sum\": 5"), run);
        assertTrue(run.contains("\"shared\": \"from the layer\""), run);
        assertTrue(run.contains("\"compiled_from_source\": []"), "no module of /var/task or /opt compiled: " + run);
        assertTrue(run.contains("\"bytecode_written\": []"), "Python tried to write no bytecode: " + run);
        assertTrue(run.contains("\"co_filename\": \"/var/task/app.py\""), run);
        assertTrue(run.contains("\"layer_co_filename\": \"/opt/python/shared/__init__.py\""), run);
    }

    @Test
    void uncompiledBuild_isCompiledAtEveryImport_soTheProbeSeesIt() throws Exception {
        Path project = project("plain");
        new LambdaZipPackager(BuildLog.silent()).packageAll(DockerTestSupport.request(project, Architecture.X86_64,
                image(), true, uncompiled()));
        Path out = project.resolve("target/lambda-zip");
        assertTrue(entries(out.resolve("adder.zip")).stream().noneMatch(n -> n.endsWith(".pyc")));
        String run = runReadOnly(out.resolve("adder.zip"), out.resolve("shared.zip"));
        assertTrue(run.contains("\"/var/task/app.py\""), "app.py compiled from source: " + run);
        assertTrue(run.contains("\"/opt/python/shared/__init__.py\""), run);
    }

    @Test
    void rebuild_takesBytecodeFromTheCache_withoutAContainer() throws Exception {
        Path project = project("cached");
        build(project, BuildLog.silent());
        Files.writeString(project.resolve("src/extra.py"), "X = 1\n");
        DockerTestSupport.RecordingLog log = new DockerTestSupport.RecordingLog();
        build(project, log);
        assertTrue(log.lines.stream().anyMatch(l -> l.contains("Compiling 1 of ")), log.lines.toString());
        assertTrue(entries(project.resolve("target/lambda-zip/adder.zip")).contains("__pycache__/extra.cpython-311.pyc"));
        DockerTestSupport.RecordingLog again = new DockerTestSupport.RecordingLog();
        build(project, again);
        assertTrue(again.contains("is up to date in the cache; no container started"), again.lines.toString());
        assertTrue(again.contains("function adder: up to date ("), again.lines.toString());

        DockerTestSupport.RecordingLog off = new DockerTestSupport.RecordingLog();
        new LambdaZipPackager(off).packageAll(DockerTestSupport.request(project, Architecture.X86_64, image(), true,
                uncompiled()));
        assertFalse(off.contains("function adder: up to date ("), "compiled and uncompiled are different inputs");
        assertTrue(entries(project.resolve("target/lambda-zip/adder.zip")).stream().noneMatch(n -> n.endsWith(".pyc")));
    }

    private static List<ArtifactSpec> uncompiled() {
        return specs().stream().map(s -> new ArtifactSpec(s.kind(), s.name(), s.handler(), s.sources(),
                s.requirements(), s.excludes(), s.layers(), s.lock(), false)).toList();
    }

    @Test
    void syntaxErrorInTheProjectsCode_failsWithFileAndLine_writesNothing_leavesNoContainer() throws Exception {
        Path project = project("broken");
        write(project, "src/orders/parse.py", "def parse(text):\n    return text.split(\n\nVALUE = 1\n");
        DockerClient client = DockerTestSupport.dockerClient();
        List<String> before = DockerTestSupport.labelledContainers(client, Map.of());
        SourceSyntaxException error = assertThrows(SourceSyntaxException.class, () -> build(project, BuildLog.silent()));
        assertTrue(error.getMessage().contains("src/orders/parse.py:2: '(' was never closed"), error.getMessage());
        assertTrue(error.getMessage().startsWith("'adder' has code that Python 3.11 cannot compile"), error.getMessage());
        assertTrue(error.settings().contains("compileBytecode"), error.settings().toString());
        assertFalse(Files.exists(project.resolve("target/lambda-zip/adder.zip")));
        assertFalse(Files.exists(project.resolve("target/lambda-zip/shared.zip")), "nothing is written");
        assertEquals(before, DockerTestSupport.labelledContainers(client, Map.of()));
        client.close();
    }

    @Test
    void imageWithAnotherPython_failsNamingBoth() throws Exception {
        Path project = dir.resolve("other-python");
        write(project, "src/app.py", "def handler(event, context):\n    return 1\n");
        ArtifactSpec function = new ArtifactSpec(ArtifactKind.FUNCTION, "app", "app.handler", List.of("src"), null,
                List.of(), List.of(), LockSelection.NONE, true);
        PackageRequest python312 = new PackageRequest(project,
                project.resolve("target/lambda-zip"), PythonRuntime.PYTHON_3_12, Architecture.X86_64, List.of(function),
                OutputTimestamp.DEFAULT, 2,
                DockerTestSupport.offlineDependencies(image(), true, project.resolve("cache")));
        ProjectProblemException error = assertThrows(ProjectProblemException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(python312));
        assertTrue(error.getMessage().contains("has Python 3.11, but 'app' runs on python3.12"), error.getMessage());
        assertTrue(error.fix().contains("use an image with Python 3.12"), error.fix());
        assertFalse(Files.exists(project.resolve("target/lambda-zip/app.zip")));
    }

    /**
     * marshal's output must not depend on what else the process compiled: every Python file of the Debian packages
     * fetched for the verify tests, compiled in one container in name order and again in two containers in reverse
     * order, gives the same bytes.
     */
    @Test
    void realModules_compileToTheSameBytes_inAnyOrderAndAnyContainer() throws Exception {
        List<BytecodeSource> sources = new ArrayList<>();
        Path debian = Path.of(System.getProperty("lambdazip.test.debian",
                System.getProperty("user.home") + "/.cache/lambdazip-test/debian"));
        for (String pkg : List.of("python3-requests", "python3-urllib3", "python3-idna", "python3-certifi",
                "python3-charset-normalizer", "python3-chardet", "python3-jinja2", "python3-markupsafe", "python3-yaml",
                "python3-dateutil", "python3-six", "python3-attr", "python3-packaging", "python3-pyparsing",
                "python3-cryptography", "python3-openssl", "python3-jmespath", "python3-simplejson")) {
            Path root = debian.resolve(pkg + "_amd64/usr/lib/python3/dist-packages");
            assertTrue(Files.isDirectory(root), "missing test fixture " + root + ": run .ci/debian-test-packages.sh");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".py")).sorted().toList()) {
                    String name = root.relativize(file).toString();
                    sources.add(new BytecodeSource(name, file, false, name));
                }
            }
        }
        assertTrue(sources.size() > 300, "real modules: " + sources.size());
        List<BytecodeSource> reversed = new ArrayList<>(sources);
        Collections.reverse(reversed);
        int half = reversed.size() / 2;
        try (DockerSession docker = new DockerSession(BuildLog.silent())) {
            BytecodeCompiler compiler = new BytecodeCompiler(BuildLog.silent(), docker, dir.resolve("work"));
            try (CompiledBytecode once = compiler.compile(request(sources));
                    CompiledBytecode firstHalf = compiler.compile(request(reversed.subList(0, half)));
                    CompiledBytecode secondHalf = compiler.compile(request(reversed.subList(half, reversed.size())))) {
                assertEquals(sources.size(), once.files().size(), "every module compiles");
                int compared = 0;
                for (BytecodeSource source : sources) {
                    Path other = firstHalf.files().getOrDefault(source.name(), secondHalf.files().get(source.name()));
                    assertArrayEquals(Files.readAllBytes(once.files().get(source.name())), Files.readAllBytes(other),
                            source.name());
                    compared++;
                }
                assertEquals(sources.size(), compared);
            }
        }
    }

    private static BytecodeRequest request(List<BytecodeSource> sources) {
        return new BytecodeRequest("determinism", sources, "/var/task/", PythonRuntime.PYTHON_3_11,
                Architecture.X86_64, image(), PullPolicy.NEVER, false, Duration.ofMinutes(5), null);
    }

    private static byte[] read(Path zip, String name) throws Exception {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.getInputStream(file.getEntry(name)).readAllBytes();
        }
    }

    /**
     * Unzips the function into /var/task and the layer into /opt of a fresh container with no network, makes both
     * read-only for the user the handler runs as (not root), and imports the handler the way Lambda does, noting
     * every module Python compiles from source, every bytecode file it tries to write, and the file name the shipped
     * bytecode records (Python replaces it by the real path when it loads a .pyc with its source, so it is read here).
     */
    private static String runReadOnly(Path zip, Path layerZip) throws Exception {
        Path tar = Files.createTempFile("lambda-bytecode", ".tar");
        TarBuilder builder = new TarBuilder();
        for (Map.Entry<Path, String> unzip : Map.of(zip, "var/task/", layerZip, "opt/").entrySet()) {
            try (ZipFile file = new ZipFile(unzip.getKey().toFile())) {
                for (ZipEntry entry : Collections.list(file.entries())) {
                    builder.addBytes(unzip.getValue() + entry.getName(), file.getInputStream(entry).readAllBytes(), 0644);
                }
            }
        }
        builder.addBytes("probe.py", String.join("\n",
                "import json, os, sys",
                "os.setgid(65534)",
                "os.setuid(65534)",
                "import importlib._bootstrap_external as external",
                "compiled, written = [], []",
                "to_code = external.SourceLoader.source_to_code",
                "def source_to_code(self, data, path, *args, **kwargs):",
                "    compiled.append(path)",
                "    return to_code(self, data, path, *args, **kwargs)",
                "external.SourceLoader.source_to_code = source_to_code",
                "set_data = external.SourceFileLoader.set_data",
                "def record_write(self, path, data, *args, **kwargs):",
                "    written.append(path)",
                "    return set_data(self, path, data, *args, **kwargs)",
                "external.SourceFileLoader.set_data = record_write",
                "sys.path[:0] = ['/var/task', '/opt/python']",
                "import app, shared",
                "result = app.handler({}, None)",
                "result['compiled_from_source'] = [p for p in compiled if p.startswith(('/var/task', '/opt'))]",
                "result['bytecode_written'] = written",
                "import marshal",
                "def recorded(pyc):",
                "    if not os.path.exists(pyc):",
                "        return None",
                "    with open(pyc, 'rb') as f:",
                "        return marshal.loads(f.read()[16:]).co_filename",
                "result['co_filename'] = recorded('/var/task/__pycache__/app.cpython-311.pyc')",
                "result['layer_co_filename'] = recorded('/opt/python/shared/__pycache__/__init__.cpython-311.pyc')",
                "print('RESULT ' + json.dumps(result, sort_keys=True))",
                "").getBytes(StandardCharsets.UTF_8), 0644);
        builder.writeTo(tar);
        List<String> output = new ArrayList<>();
        try (DockerEngine engine = DockerEngine.connect(BuildLog.silent())) {
            ContainerSpec spec = ContainerSpec.builder(image(), Architecture.X86_64.dockerPlatform(),
                            List.of("sh", "-c", "chmod -R a-w /var/task /opt && python3 /probe.py"))
                    .label("io.github.lambdazip.test", "bytecode").inputTar(tar).timeout(Duration.ofMinutes(5), "test")
                    .withoutNetwork().outputLines(output::add).build();
            ContainerResult result = engine.run(spec, stream -> {});
            assertEquals(0, result.exitCode(), String.join("\n", output));
        } finally {
            Files.deleteIfExists(tar);
        }
        return output.stream().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result: " + output));
    }

    /** A pure-Python wheel with the given files, written into the wheelhouse. */
    private static void pureWheel(Path wheelhouse, String name, Map<String, String> files) throws Exception {
        String info = name + "-1.0.dist-info/";
        Map<String, String> all = new java.util.TreeMap<>(files);
        all.put(info + "METADATA", "Metadata-Version: 2.1\nName: " + name + "\nVersion: 1.0\n");
        all.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: lambdazip-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        all.keySet().forEach(file -> record.append(file).append(",,\n"));
        all.put(info + "RECORD", record + info + "RECORD,,\n");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(
                wheelhouse.resolve(name + "-1.0-py3-none-any.whl")))) {
            for (Map.Entry<String, String> file : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
