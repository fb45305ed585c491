package io.github.lambdazip.maven;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.LambdaZipVerifier;
import io.github.lambdazip.core.VerifyRequest;
import io.github.lambdazip.core.VerifySubject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks Lambda zips for everything that "deploys fine, fails on first invoke": handler placement, unresolved
 * imports, native code for the wrong OS, CPU, Python or glibc, missing shared libraries, unreadable files, size
 * limits and damaged zips. In a project it checks the configured functions' and layers' zips; anywhere else it
 * checks the zip named by {@code lambdazip.file}, whoever built it. Reports go to the log, a JSON file and a JUnit
 * XML file.
 *
 * @since 0.1.0
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractLambdaZipMojo {

    /**
     * A zip to check instead of the configured ones, e.g. one built by Terraform's archive_file or SAM.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.FILE)
    File file;

    /**
     * The handler of {@code file}, {@code module.function}; leave it out to check a layer.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.HANDLER)
    String handler;

    /**
     * Layer zips the function runs with, comma-separated; their {@code python/} contents count for imports and
     * their size for the limit.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.LAYERS)
    String layerZips;

    /**
     * Fail the build on warnings too.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.FAIL_ON_WARNING, defaultValue = "false")
    boolean failOnWarning;

    /**
     * Also import each handler inside a container of the runtime image, with no network; a traceback is an
     * {@code IMPORT_FAILED} error. Needs Docker.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.IMPORT_CHECK, defaultValue = "false")
    boolean importCheck;

    /**
     * The image for {@code importCheck}; default the runtime's slim Python image, e.g. {@code python:3.12-slim}.
     * An AWS base image such as {@code public.ecr.aws/lambda/python:3.12} works too: its entrypoint is replaced.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.IMPORT_CHECK_IMAGE)
    String importCheckImage;

    /**
     * Seconds the import check may take for one handler before its container is removed and the build fails.
     *
     * @since 0.2.0
     */
    @Parameter(property = Properties.IMPORT_CHECK_TIMEOUT, defaultValue = "300")
    int importCheckTimeout;

    /**
     * Where {@code lambda-zip-verify.json} and {@code TEST-lambda-zip-verify.xml} are written.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.REPORT_DIRECTORY, defaultValue = "${project.build.directory}/lambda-zip-reports")
    File reportDirectory;

    /**
     * Skips this goal only.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.VERIFY_SKIP, defaultValue = "false")
    boolean verifySkip;

    @Override
    String goal() {
        return "verify";
    }

    @Override
    boolean skipGoal() {
        return verifySkip;
    }

    @Override
    void run(BuildLog log) throws LambdaZipException, IOException {
        new LambdaZipVerifier(log).verify(request());
    }

    VerifyRequest request() throws LambdaZipException {
        Path base = project.getBasedir() != null ? project.getBasedir().toPath() : Path.of("").toAbsolutePath();
        List<Path> extraLayers = new ArrayList<>();
        for (String layer : layerZips == null ? new String[0] : layerZips.split(",")) {
            if (!layer.isBlank()) {
                extraLayers.add(base.resolve(layer.trim()));
            }
        }
        List<VerifySubject> subjects = file != null
                ? List.of(VerifySubject.forZip(base.resolve(file.toPath()), handler, extraLayers))
                : VerifySubject.forBuild(specs(), outputDirectory.toPath(), extraLayers);
        return new VerifyRequest(subjects, PythonRuntime.fromId(runtime), Architecture.fromId(architecture),
                providedModules(), outsideProjectSafe(reportDirectory, base, "target/lambda-zip-reports"), failOnWarning,
                importCheck, blankToNull(importCheckImage), Duration.ofSeconds(importCheckTimeout), virtualModules());
    }

    /**
     * Outside a project Maven leaves {@code ${project.build.directory}} unresolved in defaults; the reports then go
     * under the current folder, as they would for a project there.
     */
    private static Path outsideProjectSafe(File configured, Path base, String fallback) {
        return configured.getPath().contains("${") ? base.resolve(fallback) : configured.toPath();
    }
}
