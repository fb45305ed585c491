package io.github.lambdazip.it;

import static io.github.lambdazip.TestFiles.write;
import static io.github.lambdazip.it.DockerTestSupport.elfMachine;
import static io.github.lambdazip.it.DockerTestSupport.entries;
import static io.github.lambdazip.it.DockerTestSupport.image;
import static io.github.lambdazip.it.DockerTestSupport.nativeFunction;
import static io.github.lambdazip.it.DockerTestSupport.nativeProject;
import static io.github.lambdazip.it.DockerTestSupport.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.github.lambdazip.TestFiles;
import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.ArtifactKind;
import io.github.lambdazip.core.ArtifactSpec;
import io.github.lambdazip.core.DependencyOptions;
import io.github.lambdazip.core.LambdaZipPackager;
import io.github.lambdazip.core.OutputTimestamp;
import io.github.lambdazip.core.PackageRequest;
import io.github.lambdazip.core.PackageResult;
import io.github.lambdazip.docker.DockerEngine;
import io.github.lambdazip.docker.DockerUnavailableException;
import io.github.lambdazip.it.DockerTestSupport.RecordingLog;
import io.github.lambdazip.pip.ImageMismatchException;
import io.github.lambdazip.pip.PipInstallFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dependencies installed by real pip in a real container, through docker-java; no mock stands in for the engine. */
class NativeDependenciesDockerIT {

    private static DockerEngine engine;
    private static DockerClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() throws Exception {
        engine = DockerEngine.connect(BuildLog.silent()); // fails the run when no engine is reachable: never skipped
        engine.ensureImage(image(), Architecture.X86_64.dockerPlatform(), io.github.lambdazip.docker.PullPolicy.NEVER,
                BuildLog.silent());
        client = DockerTestSupport.dockerClient();
    }

    @AfterAll
    static void close() throws Exception {
        engine.close();
        client.close();
    }

    @Test
    void nativeBuild_zipHoldsALinuxX86Extension_andTheHandlerRunsOnItInAFreshContainer() throws Exception {
        Path project = nativeProject(dir.resolve("project"));
        ArtifactSpec layer = new ArtifactSpec(ArtifactKind.LAYER, "deps", null, List.of(), "src/requirements.txt", List.of());
        RecordingLog log = new RecordingLog();
        new LambdaZipPackager(log).packageAll(request(project, Architecture.X86_64, image(), false,
                List.of(nativeFunction(), layer)));

        Path zip = project.resolve("target/lambda-zip/adder.zip");
        List<String> names = entries(zip);
        String so = "fastmath.cpython-311-x86_64-linux-gnu.so";
        assertTrue(names.contains(so), names.toString());
        assertEquals(62, elfMachine(zip, so), "x86-64 ELF");
        assertTrue(names.contains("app.py"));
        assertTrue(names.contains("purehelper/__init__.py"));
        assertFalse(names.contains("requirements.txt"), "excluded");
        assertTrue(names.stream().noneMatch(n -> n.endsWith(".pyc") || n.contains("__pycache__")), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.endsWith("direct_url.json") || n.startsWith("bin/")), names.toString());
        String record = TestFiles.contents(zip).get("purehelper-1.0.dist-info/RECORD");
        assertFalse(record.contains("direct_url.json"), record);

        Path layerZip = project.resolve("target/lambda-zip/deps.zip");
        assertTrue(entries(layerZip).contains("python/" + so), entries(layerZip).toString());
        assertTrue(entries(layerZip).stream().allMatch(n -> n.startsWith("python/")));

        assertTrue(log.contains("[pip]"), "pip's output streams into the log");
        assertEquals("{\"greeting\": \"hello, lambda\", \"sum\": 5}",
                DockerTestSupport.invoke(zip, "app", "handler", image(), Architecture.X86_64.dockerPlatform()));
    }

    @Test
    void unknownRequirement_failsShowingPipsError_writesNoZip_leavesNoContainer() throws Exception {
        Path project = nativeProject(dir.resolve("project"));
        Files.writeString(project.resolve("src/requirements.txt"), "fastmath==1.0\nno-such-package-lambdazip==9.9\n");
        List<String> before = DockerTestSupport.labelledContainers(client, Map.of());
        PipInstallFailedException error = assertThrows(PipInstallFailedException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(
                        request(project, Architecture.X86_64, image(), false, List.of(nativeFunction()))));
        assertTrue(error.getMessage().contains("no-such-package-lambdazip"), error.getMessage());
        assertTrue(error.getMessage().contains("No matching distribution"), error.getMessage());
        assertTrue(error.getMessage().contains("exit code 1"), error.getMessage());
        assertTrue(error.getMessage().contains("python3 -m pip install --target"), error.getMessage());
        assertFalse(Files.exists(project.resolve("target/lambda-zip/adder.zip")));
        assertEquals(before, DockerTestSupport.labelledContainers(client, Map.of()), "the failed container was removed");
        assertFalse(Files.exists(project.resolve("target/lambda-zip/.work")), "no temporary install left behind");
    }

    @Test
    void installOverItsTimeLimit_isStoppedAndItsContainerRemoved() throws Exception {
        Path project = nativeProject(dir.resolve("project"));
        write(project, "src/slowpkg/setup.py", "import time\ntime.sleep(120)\n");
        Files.writeString(project.resolve("src/requirements.txt"), "./slowpkg\n");
        PackageRequest slow = new PackageRequest(project, project.resolve("target/lambda-zip"), PythonRuntime.PYTHON_3_11,
                Architecture.X86_64, List.of(nativeFunction()), OutputTimestamp.DEFAULT, 2,
                DockerTestSupport.offlineDependencies(image(), false, project.resolve("cache"),
                        java.time.Duration.ofSeconds(4)));
        List<String> before = DockerTestSupport.labelledContainers(client, Map.of());
        long start = System.nanoTime();
        io.github.lambdazip.docker.ContainerTimeoutException error = assertThrows(
                io.github.lambdazip.docker.ContainerTimeoutException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(slow));
        assertTrue(System.nanoTime() - start < 60_000_000_000L, "stopped at the limit, not when pip gave up");
        assertTrue(error.getMessage().contains("did not finish within 4 s"), error.getMessage());
        assertTrue(error.fix().contains("installTimeout"), error.fix());
        assertEquals(before, DockerTestSupport.labelledContainers(client, Map.of()), "the timed-out container was removed");
        assertFalse(Files.exists(project.resolve("target/lambda-zip/adder.zip")));
    }

    /** A wheel as a manylinux build would publish it, for the tag given; its module returns the tag. */
    private static void wheel(Path wheelhouse, String tag) throws Exception {
        String dist = "glibcprobe-1.0";
        String module = "TAG = '" + tag + "'\n";
        String metadata = "Metadata-Version: 2.1\nName: glibcprobe\nVersion: 1.0\n";
        String wheelFile = "Wheel-Version: 1.0\nGenerator: lambdazip-test\nRoot-Is-Purelib: false\nTag: cp311-cp311-" + tag + "\n";
        String record = "glibcprobe.py,,\n" + dist + ".dist-info/METADATA,,\n" + dist + ".dist-info/WHEEL,,\n"
                + dist + ".dist-info/RECORD,,\n";
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(
                Files.newOutputStream(wheelhouse.resolve(dist + "-cp311-cp311-" + tag + ".whl")))) {
            for (String[] entry : new String[][] {{"glibcprobe.py", module}, {dist + ".dist-info/METADATA", metadata},
                    {dist + ".dist-info/WHEEL", wheelFile}, {dist + ".dist-info/RECORD", record}}) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry[0]));
                zip.write(entry[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    @Test
    void wheelsNewerThanTheRuntimesGlibc_areNotInstalled_evenThoughTheImageCouldRunThem() throws Exception {
        // The test image has glibc 2.36; python3.11 on Lambda has 2.26. pip must skip manylinux_2_35 and take 2_17.
        Path project = nativeProject(dir.resolve("project"));
        write(project, "src/app.py", "import glibcprobe\n\ndef handler(event, context):\n    return glibcprobe.TAG\n");
        Files.writeString(project.resolve("src/requirements.txt"), "glibcprobe==1.0\n");
        wheel(project.resolve("wheelhouse"), "manylinux_2_35_x86_64");
        PackageRequest only235 = request(project, Architecture.X86_64, image(), false, List.of(nativeFunction()));
        PipInstallFailedException refused = assertThrows(PipInstallFailedException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(only235));
        assertTrue(refused.getMessage().contains("glibcprobe"), refused.getMessage());

        wheel(project.resolve("wheelhouse"), "manylinux_2_17_x86_64");
        new LambdaZipPackager(BuildLog.silent()).packageAll(only235);
        assertTrue(TestFiles.contents(project.resolve("target/lambda-zip/adder.zip")).get("glibcprobe.py")
                .contains("manylinux_2_17_x86_64"), "the older wheel was chosen");
    }

    @Test
    void deadDockerHost_isAClearEnvironmentError() {
        String previous = System.getProperty("DOCKER_HOST");
        System.setProperty("DOCKER_HOST", "unix:///nonexistent/lambdazip-docker.sock");
        try {
            DockerUnavailableException error = assertThrows(DockerUnavailableException.class,
                    () -> DockerEngine.connect(BuildLog.silent()));
            assertTrue(error.getMessage().contains("unix:///nonexistent/lambdazip-docker.sock"), error.getMessage());
            assertTrue(error.fix().contains("DOCKER_HOST"), error.fix());
        } finally {
            if (previous == null) {
                System.clearProperty("DOCKER_HOST");
            } else {
                System.setProperty("DOCKER_HOST", previous);
            }
        }
    }

    @Test
    void secondBuild_withUnchangedRequirements_startsNoContainer_changedRequirementsReinstall() throws Exception {
        Path project = nativeProject(dir.resolve("project"));
        PackageRequest cached = request(project, Architecture.X86_64, image(), true, List.of(nativeFunction("cache-probe")));

        Thread.sleep(1100); // event times have one-second resolution: keep other tests' containers out
        long start = System.nanoTime();
        long since = Instant.now().getEpochSecond();
        new LambdaZipPackager(BuildLog.silent()).packageAll(cached);
        long first = System.nanoTime() - start;
        assertEquals(1, containersCreatedSince(since), "the first build installs in a container");
        byte[] firstZip = Files.readAllBytes(project.resolve("target/lambda-zip/cache-probe.zip"));

        Thread.sleep(1100); // event times have one-second resolution
        since = Instant.now().getEpochSecond();
        RecordingLog log = new RecordingLog();
        start = System.nanoTime();
        new LambdaZipPackager(log).packageAll(cached);
        long second = System.nanoTime() - start;
        assertEquals(0, containersCreatedSince(since), "a cache hit starts no container");
        assertTrue(log.contains("up to date in the cache"), log.lines.toString());
        assertTrue(second < first, "cache hit " + second / 1_000_000 + " ms vs install " + first / 1_000_000 + " ms");
        assertArrayEquals(firstZip, Files.readAllBytes(project.resolve("target/lambda-zip/cache-probe.zip")));

        Files.writeString(project.resolve("src/requirements.txt"), "# any byte counts\nfastmath==1.0\npurehelper==1.0\n");
        Thread.sleep(1100);
        since = Instant.now().getEpochSecond();
        new LambdaZipPackager(BuildLog.silent()).packageAll(cached);
        assertEquals(1, containersCreatedSince(since), "changed requirements reinstall");
        assertArrayEquals(firstZip, Files.readAllBytes(project.resolve("target/lambda-zip/cache-probe.zip")),
                "the same packages, reinstalled, give the same bytes");
    }

    @Test
    void twoBuildsWithTheCacheOff_giveByteIdenticalZips() throws Exception {
        Path project = nativeProject(dir.resolve("project"));
        PackageRequest uncached = request(project, Architecture.X86_64, image(), false, List.of(nativeFunction()));
        new LambdaZipPackager(BuildLog.silent()).packageAll(uncached);
        byte[] first = Files.readAllBytes(project.resolve("target/lambda-zip/adder.zip"));
        Path other = nativeProject(dir.resolve("another checkout"));
        new LambdaZipPackager(BuildLog.silent()).packageAll(
                request(other, Architecture.X86_64, image(), false, List.of(nativeFunction())));
        assertArrayEquals(first, Files.readAllBytes(other.resolve("target/lambda-zip/adder.zip")));
    }

    @Test
    void projectPathWithSpacesAndNonAsciiLetters_works() throws Exception {
        Path project = nativeProject(dir.resolve("My Lambda Prøject — ünïcode dir"));
        new LambdaZipPackager(BuildLog.silent()).packageAll(
                request(project, Architecture.X86_64, image(), false, List.of(nativeFunction())));
        Path zip = project.resolve("target/lambda-zip/adder.zip");
        assertTrue(entries(zip).contains("fastmath.cpython-311-x86_64-linux-gnu.so"));
        assertEquals("{\"greeting\": \"hello, lambda\", \"sum\": 5}",
                DockerTestSupport.invoke(zip, "app", "handler", image(), Architecture.X86_64.dockerPlatform()));
    }

    @Test
    void imageWithTheWrongPython_failsBeforePipRuns_namingTheImageToUse() throws Exception {
        Path project = nativeProject(dir.resolve("project"));
        PackageRequest wrong = new PackageRequest(project, project.resolve("target/lambda-zip"), PythonRuntime.PYTHON_3_12,
                Architecture.X86_64, List.of(nativeFunction()), OutputTimestamp.DEFAULT, 2,
                DockerTestSupport.offlineDependencies(image(), false, project.resolve("cache")));
        RecordingLog log = new RecordingLog();
        ImageMismatchException error = assertThrows(ImageMismatchException.class,
                () -> new LambdaZipPackager(log).packageAll(wrong));
        assertTrue(error.getMessage().contains("Python 3.11 on x86_64"), error.getMessage());
        assertTrue(error.getMessage().contains("needs Python 3.12"), error.getMessage());
        assertTrue(error.fix().contains("python:3.12-slim"), error.fix());
        assertFalse(log.lines.stream().anyMatch(l -> l.contains("Collecting") || l.contains("Processing")),
                "pip never ran: " + log.lines);
    }

    @Test
    void upToDateOrCachedBuild_needsNoDockerEngine_andOfflineNeverPulls() throws Exception {
        Path project = nativeProject(dir.resolve("project"));
        PackageRequest cached = request(project, Architecture.X86_64, image(), true, List.of(nativeFunction()));
        new LambdaZipPackager(BuildLog.silent()).packageAll(cached);

        System.setProperty("DOCKER_HOST", "tcp://127.0.0.1:9");
        try {
            PackageResult again = new LambdaZipPackager(BuildLog.silent()).packageAll(cached);
            assertEquals("1 up to date, 0 written", again.summary());
            write(project, "src/app.py", Files.readString(project.resolve("src/app.py")) + "\n# changed\n");
            RecordingLog changedLog = new RecordingLog();
            PackageResult changed = new LambdaZipPackager(changedLog).packageAll(cached);
            assertEquals("0 up to date, 1 written", changed.summary(), "dependencies came from the cache");
            // the installed packages' entries, and every other unchanged one, are copied from the last zip
            Path zip = project.resolve("target/lambda-zip/adder.zip");
            assertTrue(changedLog.contains("function adder: reused " + (entries(zip).size() - 1)
                    + " compressed entries from the previous zip, compressed 1"), changedLog.lines.toString());
            PackageRequest clean = new PackageRequest(project, project.resolve("target/clean"), cached.runtime(),
                    cached.architecture(), cached.artifacts(), cached.entryTime(), cached.threads(),
                    cached.dependencies(), cached.providedModules(), cached.virtualModules(),
                    cached.keepDependencyFiles(), cached.deflater());
            new LambdaZipPackager(BuildLog.silent()).packageAll(clean);
            assertArrayEquals(Files.readAllBytes(project.resolve("target/clean/adder.zip")), Files.readAllBytes(zip),
                    "the one-file rebuild has a clean build's bytes");
            DependencyOptions offline = withOffline(cached.dependencies(), true);
            PackageRequest offlineRequest = new PackageRequest(project, project.resolve("target/lambda-zip"),
                    PythonRuntime.PYTHON_3_11, Architecture.X86_64, List.of(nativeFunction()), OutputTimestamp.DEFAULT,
                    2, offline);
            write(project, "src/app.py", Files.readString(project.resolve("src/app.py")) + "\n# again\n");
            assertEquals("0 up to date, 1 written",
                    new LambdaZipPackager(BuildLog.silent()).packageAll(offlineRequest).summary(),
                    "an offline build still takes the online build's cache entry");
            assertThrows(io.github.lambdazip.docker.DockerUnavailableException.class,
                    () -> new LambdaZipPackager(BuildLog.silent()).packageAll(request(project, Architecture.X86_64,
                            image(), false, List.of(nativeFunction()))),
                    "without the cache the engine is needed, and its absence is reported");
        } finally {
            System.clearProperty("DOCKER_HOST");
        }

        DependencyOptions missingImage = withOffline(new DependencyOptions("lambdazip-test/absent:1", "always",
                cached.dependencies().index(), Duration.ofMinutes(5), false, project.resolve("cache"), false), true);
        io.github.lambdazip.docker.ImageUnavailableException error = assertThrows(
                io.github.lambdazip.docker.ImageUnavailableException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(new PackageRequest(project,
                        project.resolve("target/lambda-zip"), PythonRuntime.PYTHON_3_11, Architecture.X86_64,
                        List.of(nativeFunction()), OutputTimestamp.DEFAULT, 2, missingImage)));
        assertTrue(error.getMessage().contains("lambdazip-test/absent:1"), error.getMessage());
        assertTrue(error.getMessage().contains("offline"), error.getMessage());
    }

    private static DependencyOptions withOffline(DependencyOptions options, boolean offline) {
        return new DependencyOptions(options.image(), options.pullPolicy(), options.index(), options.installTimeout(),
                options.cache(), options.cacheDirectory(), offline);
    }

    private static int containersCreatedSince(long since) throws Exception {
        List<Event> events = new ArrayList<>();
        long until = Instant.now().getEpochSecond() + 1;
        Thread.sleep(1100);
        client.eventsCmd()
                .withSince(Long.toString(since)).withUntil(Long.toString(until))
                .withLabelFilter(Map.of(DockerEngine.LABEL, "true", DockerEngine.LABEL + ".artifact", "cache-probe"))
                .withEventFilter("create")
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        events.add(event);
                    }
                }).awaitCompletion();
        return events.size();
    }
}
