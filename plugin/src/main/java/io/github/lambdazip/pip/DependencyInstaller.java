package io.github.lambdazip.pip;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.EnvironmentProblemException;
import io.github.lambdazip.common.FileTrees;
import io.github.lambdazip.common.GlibcVersion;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.docker.ContainerResult;
import io.github.lambdazip.docker.ContainerSpec;
import io.github.lambdazip.docker.ContainerTimeoutException;
import io.github.lambdazip.docker.DockerEngine;
import io.github.lambdazip.docker.DockerSession;
import io.github.lambdazip.docker.PullPolicy;
import io.github.lambdazip.docker.SafeTarExtractor;
import io.github.lambdazip.docker.TarBuilder;
import io.github.lambdazip.docker.UnpinnedImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Installs a requirements file, or the resolved set of a lock file, into a folder of Linux packages for the Lambda
 * runtime, inside a container of the build image: inputs go in as a tar, pip runs with the runtime's glibc ceiling,
 * the result comes out as a tar. Results are cached by content; a cache hit starts no container.
 */
public final class DependencyInstaller {

    /** A container's exit code when its process got SIGKILL (out of memory, docker kill) or SIGTERM. */
    private static final int KILLED = 137;
    private static final int TERMINATED = 143;
    /** Wheels built from sdists embed no build time with this (1980-01-01), whatever the day. */
    private static final String SOURCE_DATE_EPOCH = "315532800";

    private final BuildLog log;
    private final DockerSession docker;
    private final Path workDirectory;

    /**
     * @param docker the build's engine, connected only when an install is not in the cache
     * @param workDirectory where temporary trees and tars go (under the build's output folder)
     */
    public DependencyInstaller(BuildLog log, DockerSession docker, Path workDirectory) {
        this.log = log;
        this.docker = docker;
        this.workDirectory = workDirectory;
    }

    /** One install about to run: what goes into the container, what pip is told, and the key of its result. */
    record PipRun(InstallRequest request, InstallInputs inputs, PipCommand pip, byte[] driver, byte[] policy,
            String image, String platform, String key) {}

    /**
     * The installed tree for the request: from the cache when an entry for everything that decides it exists,
     * without contacting the engine (unless {@code pullPolicy} is {@code always}, which asks the engine for the
     * tag's image again and misses when it moved), else from pip in a container.
     */
    public InstalledDependencies install(InstallRequest request) throws LambdaZipException, IOException {
        BuildLog log = this.log.prefixed("[" + request.artifact() + "] ");
        DependencySettings settings = request.settings();
        PipRun run = prepare(request);
        String key = run.key();
        String image = run.image();
        String platform = run.platform();
        DependencyCache cache = settings.cacheEnabled() ? new DependencyCache(settings.cacheDirectory(), log) : null;
        String imageId = null;
        if (cache != null) {
            Path hit = cache.lookup(key);
            if (hit != null && settings.pullPolicy() == PullPolicy.ALWAYS && !settings.offline()) {
                imageId = docker.engine().ensureImage(image, platform, settings.pullPolicy(), log);
                if (!imageId.equals(cache.imageId(key))) {
                    log.info("The image " + image + " changed since the cached install; installing again");
                    hit = null;
                }
            }
            if (hit != null) {
                log.info("Dependencies are up to date in the cache (" + key.substring(0, 12) + "); no container started");
                return new InstalledDependencies(hit, false);
            }
        }
        UnpinnedImages.warnOnce(image, log);
        DockerEngine engine = docker.engine();
        if (imageId == null) {
            imageId = engine.ensureImage(image, platform, settings.pullPolicy(), settings.offline(), log);
        }
        Files.createDirectories(workDirectory);
        Path work = Files.createTempDirectory(workDirectory, "deps-" + request.artifact() + "-");
        try {
            Path tree = work.resolve("tree");
            runPip(engine, run, work, tree, log);
            if (cache != null) {
                Path cached = cache.publish(key, tree, imageId);
                FileTrees.deleteRecursively(work);
                return new InstalledDependencies(cached, false);
            }
            return new InstalledDependencies(tree, true);
        } catch (LambdaZipException | IOException | RuntimeException e) {
            FileTrees.deleteRecursively(work);
            throw e;
        }
    }

    /**
     * The build image's full Python version, for a lock whose markers depend on the patch release: from what an
     * earlier build was told when it can, else from the image (see {@link ImagePythonVersion}).
     */
    public String imagePythonVersion(PythonRuntime runtime, Architecture architecture, DependencySettings settings)
            throws LambdaZipException, IOException {
        return new ImagePythonVersion(log, docker).of(runtime, architecture, settings);
    }

    /**
     * Everything about an install that needs no engine: its inputs (for a lock, the pinned file written from the
     * resolved set), pip's command, and the cache key. The offline command differs from the online one, but the
     * key is the online one's, so an offline build hits what an online build stored.
     */
    PipRun prepare(InstallRequest request) throws LambdaZipException, IOException {
        DependencySettings settings = request.settings();
        RequirementsScanner scanner = new RequirementsScanner();
        InstallInputs inputs = request.resolved() == null
                ? scanner.scan(request.requirements(), request.baseDirectory(), settings.pip().findLinks())
                : scanner.scan(request.resolved(), request.baseDirectory(), settings.pip().findLinks());
        PipCommand keyed = new PipCommand(settings.pip(), inputs);
        PipCommand pip = settings.offline() ? new PipCommand(settings.pip().offline(), inputs) : keyed;
        String image = request.image();
        String platform = request.architecture().dockerPlatform();
        byte[] driver = driverScript();
        byte[] policy = ManylinuxPolicy.moduleFor(request.runtime().glibc());
        CacheKey key = new CacheKey()
                .field("image", image).field("platform", platform)
                .field("runtime", request.runtime().id()).field("glibc", request.runtime().glibc().toString())
                .field("pip", keyed.keyMaterial(settings.pip()))
                .bytes("driver", driver).bytes("policy", policy);
        if (inputs.pinned() != null) {
            // the resolved set, not the lock: two locks that resolve alike share an entry
            key.bytes("pinned", inputs.pinned().text().getBytes(StandardCharsets.UTF_8));
        }
        return new PipRun(request, inputs, pip, driver, policy, image, platform, key.files(inputs.files()).value());
    }

    private static void runPip(DockerEngine engine, PipRun run, Path work, Path tree, BuildLog log)
            throws LambdaZipException, IOException {
        InstallRequest request = run.request();
        PipCommand pip = run.pip();
        TarBuilder tar = new TarBuilder()
                .addBytes(DriverProtocol.SCRIPT_PATH.substring(1), run.driver(), 0644)
                .addBytes(DriverProtocol.POLICY_PATH.substring(1) + "/_manylinux.py", run.policy(), 0644);
        for (Map.Entry<String, Path> file : run.inputs().files().entrySet()) {
            tar.addFile(run.inputs().containerPath(file.getKey()).substring(1), file.getValue(), false);
        }
        if (run.inputs().pinned() != null) {
            tar.addBytes(InstallInputs.Pinned.CONTAINER_PATH.substring(1),
                    run.inputs().pinned().text().getBytes(StandardCharsets.UTF_8), 0644);
        }
        Path inputTar = work.resolve("input.tar");
        tar.writeTo(inputTar);

        List<String> command = new ArrayList<>(List.of("python3", DriverProtocol.SCRIPT_PATH,
                "--python", request.runtime().pythonVersion(), "--machine", request.architecture().machine(),
                "--policy", DriverProtocol.POLICY_PATH, "--target", PipCommand.TARGET, "--"));
        command.addAll(pip.arguments());
        Map<String, String> environment = new TreeMap<>(pip.environment());
        environment.put("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH);
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        environment.put("PYTHONHASHSEED", "0");
        environment.put("TMPDIR", "/tmp/lambdazip-build");
        // Debug info records pip's randomly named build folder; without it native builds are byte-stable.
        environment.put("CFLAGS", "-g0");

        log.info("Installing dependencies in " + run.image() + " (" + run.platform() + "): " + pip.display());
        PipOutput output = new PipOutput(run, log);
        ContainerSpec spec = ContainerSpec.builder(run.image(), run.platform(), command)
                .environment(environment)
                .workingDirectory(run.inputs().containerWorkingDirectory())
                .label(DockerEngine.ARTIFACT_LABEL, request.artifact())
                .inputTar(inputTar)
                .outputPath(PipCommand.TARGET)
                .timeout(request.settings().installTimeout(), "installTimeout")
                .outputLines(output)
                .build();
        ContainerResult result;
        try {
            result = engine.run(spec, stream -> extract(stream, tree));
        } catch (ContainerTimeoutException e) {
            throw new ContainerTimeoutException("pip install for '" + request.artifact() + "'",
                    request.settings().installTimeout(), "installTimeout");
        }
        if (result.exitCode() == DriverProtocol.MISMATCH_EXIT && output.mismatch != null) {
            throw mismatch(request, run.image(), output.mismatch);
        }
        if (result.exitCode() != 0 && !output.hashes.mismatches().isEmpty()) {
            throw new HashMismatchException(request.artifact(), request.requirements().getFileName().toString(),
                    output.hashes.mismatches());
        }
        if (result.exitCode() == KILLED || result.exitCode() == TERMINATED) {
            throw new EnvironmentProblemException("pip for '" + request.artifact() + "' was killed (exit code "
                    + result.exitCode() + "): the container ran out of memory or was stopped from outside",
                    "give the Docker engine more memory, or run the build again");
        }
        if (result.exitCode() != 0) {
            List<String> lastLines = result.lastLines().stream().map(pip::mask).toList();
            throw new PipInstallFailedException(request.artifact(), pip.display(), result.exitCode(), lastLines,
                    GlibcCeiling.noCandidateExplanation(lastLines, request.runtime(), run.inputs()));
        }
        if (!Files.isDirectory(tree)) {
            Files.createDirectories(tree);
        }
    }

    /**
     * Reads the container's output as it comes: the driver's own lines (the image probe) are told apart from pip's,
     * pip's errors go to the log at ERROR, and a source build in an image with a newer glibc than Lambda's is
     * pointed out once, as it starts.
     */
    private static final class PipOutput implements Consumer<String> {
        private final PipRun run;
        private final BuildLog log;
        private final HashMismatchReport hashes = new HashMismatchReport();
        private String mismatch;
        private GlibcVersion imageGlibc;
        private boolean warned;

        PipOutput(PipRun run, BuildLog log) {
            this.run = run;
            this.log = log;
        }

        @Override
        public void accept(String line) {
            String safe = run.pip().mask(line);
            hashes.accept(safe);
            if (DriverProtocol.isMismatch(safe)) {
                mismatch = safe;
            } else if (safe.startsWith(DriverProtocol.INFO_PREFIX)) {
                imageGlibc = GlibcCeiling.imageGlibc(safe);
                log.info(safe.substring(DriverProtocol.INFO_PREFIX.length()).trim());
            } else if (safe.startsWith("ERROR:")) {
                log.error("[pip] " + safe);
            } else {
                warnOnSourceBuild(safe);
                log.info("[pip] " + safe);
            }
        }

        private void warnOnSourceBuild(String line) {
            String pkg = GlibcCeiling.sourceBuild(line);
            InstallRequest request = run.request();
            if (pkg != null && !warned && imageGlibc != null && imageGlibc.compareTo(request.runtime().glibc()) > 0) {
                warned = true;
                log.warn(GlibcCeiling.sourceBuildWarning(pkg, run.image(), imageGlibc, request.runtime(),
                        request.architecture()));
            }
        }
    }

    private static void extract(InputStream stream, Path tree) throws IOException, LambdaZipException {
        SafeTarExtractor.extract(stream, tree, "out");
    }

    private static ImageMismatchException mismatch(InstallRequest request, String image, String line) {
        return mismatch(request.runtime(), request.architecture(), image, DriverProtocol.field(line, "python"),
                DriverProtocol.field(line, "machine"));
    }

    /** The image has Python {@code python} (major.minor) on {@code machine}, which is not what the function needs. */
    static ImageMismatchException mismatch(PythonRuntime runtime, Architecture architecture, String image,
            String python, String machine) {
        String wanted = "Python " + runtime.pythonVersion() + " on " + architecture.machine()
                + " (" + runtime.id() + ", " + architecture.id() + ")";
        String suggestion;
        if (!python.equals(runtime.pythonVersion())) {
            suggestion = "use an image with Python " + runtime.pythonVersion() + ", e.g. <image>"
                    + runtime.defaultImage() + "</image> (or remove <image> for that default), or set "
                    + "<runtime>python" + python + "</runtime> if the function really runs on Python " + python;
        } else {
            suggestion = "use an image built for " + architecture.dockerPlatform()
                    + " (a multi-platform image such as " + runtime.defaultImage()
                    + " works), or set <architecture> to the function's real architecture";
        }
        return new ImageMismatchException(image, "Python " + python + " on " + machine, wanted, suggestion);
    }

    private static byte[] driverScript() {
        try (InputStream in = DependencyInstaller.class.getResourceAsStream("driver.py")) {
            if (in == null) {
                throw new IllegalStateException("driver.py is missing from the plugin jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
