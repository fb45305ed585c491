package io.github.lambdazip.pip;

import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.FileTrees;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.docker.ContainerResult;
import io.github.lambdazip.docker.ContainerSpec;
import io.github.lambdazip.docker.ContainerTimeoutException;
import io.github.lambdazip.docker.DockerEngine;
import io.github.lambdazip.docker.DockerSession;
import io.github.lambdazip.docker.SafeTarExtractor;
import io.github.lambdazip.docker.TarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Installs a requirements file into a folder of Linux packages for the Lambda runtime, inside a container of the
 * build image: inputs go in as a tar, pip runs with the runtime's glibc ceiling, the result comes out as a tar.
 * Results are cached by content; a cache hit starts no container.
 */
public final class DependencyInstaller {

    private static final String ARTIFACT_LABEL = DockerEngine.LABEL + ".artifact";
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

    /** One install about to run: what goes into the container and what pip is told. */
    private record PipRun(InstallRequest request, InstallInputs inputs, PipCommand pip, byte[] driver, byte[] policy,
            String image, String platform) {}

    public InstalledDependencies install(InstallRequest request) throws LambdaZipException, IOException {
        DependencySettings settings = request.settings();
        InstallInputs inputs = new RequirementsScanner()
                .scan(request.requirements(), request.baseDirectory(), settings.pip().findLinks());
        PipCommand pip = new PipCommand(settings.pip(), inputs);
        String image = request.image();
        String platform = request.architecture().dockerPlatform();
        DockerEngine engine = docker.engine();
        if (!image.contains("@sha256:")) {
            log.debug("The image " + image + " is not pinned to a digest; the cache key uses its image ID instead");
        }
        String imageId = engine.ensureImage(image, platform, settings.pullPolicy(), log);
        byte[] driver = driverScript();
        byte[] policy = ManylinuxPolicy.moduleFor(request.runtime().glibc());
        String key = new CacheKey()
                .field("image", image).field("imageId", imageId).field("platform", platform)
                .field("runtime", request.runtime().id()).field("glibc", request.runtime().glibc().toString())
                .field("pip", pip.keyMaterial(settings.pip()))
                .bytes("driver", driver).bytes("policy", policy)
                .files(inputs.files())
                .value();
        DependencyCache cache = settings.cacheEnabled() ? new DependencyCache(settings.cacheDirectory(), log) : null;
        if (cache != null) {
            Path hit = cache.lookup(key);
            if (hit != null) {
                log.info("Dependencies of '" + request.artifact() + "' are up to date in the cache (" + key.substring(0, 12)
                        + "); no container started");
                return new InstalledDependencies(hit, false);
            }
        }
        Files.createDirectories(workDirectory);
        Path work = Files.createTempDirectory(workDirectory, "deps-" + request.artifact() + "-");
        try {
            Path tree = work.resolve("tree");
            runPip(engine, new PipRun(request, inputs, pip, driver, policy, image, platform), work, tree);
            if (cache != null) {
                Path cached = cache.publish(key, tree);
                FileTrees.deleteRecursively(work);
                return new InstalledDependencies(cached, false);
            }
            return new InstalledDependencies(tree, true);
        } catch (LambdaZipException | IOException | RuntimeException e) {
            FileTrees.deleteRecursively(work);
            throw e;
        }
    }

    private void runPip(DockerEngine engine, PipRun run, Path work, Path tree) throws LambdaZipException, IOException {
        InstallRequest request = run.request();
        PipCommand pip = run.pip();
        TarBuilder tar = new TarBuilder()
                .addBytes(DriverProtocol.SCRIPT_PATH.substring(1), run.driver(), 0644)
                .addBytes(DriverProtocol.POLICY_PATH.substring(1) + "/_manylinux.py", run.policy(), 0644);
        for (Map.Entry<String, Path> file : run.inputs().files().entrySet()) {
            tar.addFile(run.inputs().containerPath(file.getKey()).substring(1), file.getValue(), false);
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

        log.info("Installing dependencies of '" + request.artifact() + "' in " + run.image() + " (" + run.platform()
                + "): " + pip.display());
        List<String> probe = new ArrayList<>();
        ContainerSpec spec = ContainerSpec.builder(run.image(), run.platform(), command)
                .environment(environment)
                .workingDirectory(run.inputs().containerWorkingDirectory())
                .label(ARTIFACT_LABEL, request.artifact())
                .inputTar(inputTar)
                .outputPath(PipCommand.TARGET)
                .timeout(request.settings().installTimeout(), "installTimeout")
                .outputLines(line -> {
                    String safe = pip.mask(line);
                    if (DriverProtocol.isMismatch(safe) || safe.startsWith(DriverProtocol.INFO_PREFIX)) {
                        probe.add(safe);
                    }
                    log.info("  [pip] " + safe);
                })
                .build();
        ContainerResult result;
        try {
            result = engine.run(spec, stream -> extract(stream, tree));
        } catch (ContainerTimeoutException e) {
            throw new ContainerTimeoutException("pip install for '" + request.artifact() + "'",
                    request.settings().installTimeout(), "installTimeout");
        }
        if (result.exitCode() == DriverProtocol.MISMATCH_EXIT && probe.stream().anyMatch(DriverProtocol::isMismatch)) {
            throw mismatch(request, run.image(), probe);
        }
        if (result.exitCode() != 0) {
            throw new PipInstallFailedException(request.artifact(), pip.display(), result.exitCode(),
                    result.lastLines().stream().map(pip::mask).toList());
        }
        if (!Files.isDirectory(tree)) {
            Files.createDirectories(tree);
        }
    }

    private static void extract(InputStream stream, Path tree) throws IOException, LambdaZipException {
        SafeTarExtractor.extract(stream, tree, "out");
    }

    private static ImageMismatchException mismatch(InstallRequest request, String image, List<String> probe) {
        String line = probe.stream().filter(DriverProtocol::isMismatch).findFirst().orElseThrow();
        String python = DriverProtocol.field(line, "python");
        String machine = DriverProtocol.field(line, "machine");
        String wanted = "Python " + request.runtime().pythonVersion() + " on " + request.architecture().machine()
                + " (" + request.runtime().id() + ", " + request.architecture().id() + ")";
        String suggestion;
        if (!python.equals(request.runtime().pythonVersion())) {
            suggestion = "use an image with Python " + request.runtime().pythonVersion() + ", e.g. <image>"
                    + request.runtime().defaultImage() + "</image> (or remove <image> for that default), or set "
                    + "<runtime>python" + python + "</runtime> if the function really runs on Python " + python;
        } else {
            suggestion = "use an image built for " + request.architecture().dockerPlatform()
                    + " (a multi-platform image such as " + request.runtime().defaultImage()
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
