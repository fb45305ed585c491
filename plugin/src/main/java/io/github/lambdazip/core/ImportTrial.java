package io.github.lambdazip.core;

import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.FileTrees;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.docker.ContainerResult;
import io.github.lambdazip.docker.ContainerSpec;
import io.github.lambdazip.docker.DockerEngine;
import io.github.lambdazip.docker.PullPolicy;
import io.github.lambdazip.docker.TarBuilder;
import io.github.lambdazip.verify.Finding;
import io.github.lambdazip.verify.HandlerSpec;
import io.github.lambdazip.verify.Rule;
import io.github.lambdazip.verify.Severity;
import io.github.lambdazip.verify.VerificationTarget;
import io.github.lambdazip.verify.ZipContents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last word on imports: the function unzipped into /var/task and its layers' {@code python/} into /opt/python
 * of a container of the runtime image, with no network and Lambda's usual environment, importing the handler
 * module and checking that the handler is callable. A traceback becomes an {@code IMPORT_FAILED} finding.
 */
final class ImportTrial {

    /** What the script prints when the handler imported and is callable. */
    private static final String IMPORTED = "LAMBDAZIP-IMPORT-OK";

    private static final String SCRIPT = String.join("\n",
            "import importlib, sys, traceback",
            "sys.path[:0] = ['/var/task', '/opt/python']",
            "module, function = sys.argv[1], sys.argv[2]",
            "try:",
            "    handler = getattr(importlib.import_module(module), function)",
            "except Exception:",
            "    traceback.print_exc()",
            "    sys.exit(3)",
            "if not callable(handler):",
            "    print('handler %s.%s is not callable' % (module, function))",
            "    sys.exit(4)",
            "print('" + IMPORTED + "')",
            "");

    private final BuildLog log;

    ImportTrial(BuildLog log) {
        this.log = log;
    }

    Finding run(DockerEngine engine, String image, VerificationTarget target, String handler, Path zip,
            List<Path> layerZips, Duration timeout) throws LambdaZipException, IOException {
        HandlerSpec spec = HandlerSpec.parse(handler).orElseThrow();
        String platform = target.architecture().dockerPlatform();
        engine.ensureImage(image, platform, PullPolicy.IF_NOT_PRESENT, log);
        Path work = Files.createTempDirectory("lambdazip-import");
        Path tar = work.resolve("input.tar");
        try {
            TarBuilder builder = new TarBuilder();
            builder.addBytes("lambdazip/import_check.py", SCRIPT.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
            add(builder, zip, "var/task/", work.resolve("task"));
            int index = 0;
            for (Path layer : layerZips) {
                add(builder, layer, "opt/", work.resolve("layer" + index++));
            }
            builder.writeTo(tar);
            Map<String, String> environment = new TreeMap<>(Map.of(
                    "LAMBDA_TASK_ROOT", "/var/task",
                    "AWS_LAMBDA_FUNCTION_NAME", "lambda-zip-import-check",
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128",
                    "AWS_REGION", "us-east-1",
                    "AWS_DEFAULT_REGION", "us-east-1",
                    "PYTHONDONTWRITEBYTECODE", "1"));
            List<String> output = new ArrayList<>();
            log.info("Importing " + spec.module() + " in " + image + " (" + platform + ", no network)");
            ContainerSpec run = ContainerSpec.builder(image, platform,
                            List.of("/lambdazip/import_check.py", spec.module(), spec.function()))
                    .entrypoint(List.of("python3"))
                    .environment(environment)
                    .workingDirectory("/var/task")
                    .label(DockerEngine.LABEL + ".purpose", "import-check")
                    .inputTar(tar)
                    .timeout(timeout, "importCheckTimeout")
                    .withoutNetwork()
                    .outputLines(output::add)
                    .build();
            ContainerResult result = engine.run(run, stream -> { });
            if (result.exitCode() == 0 && output.contains(IMPORTED)) {
                return null;
            }
            List<String> tail = result.lastLines();
            return new Finding(Rule.IMPORT_FAILED, Severity.ERROR, spec.modulePath(), 0,
                    "importing the handler in " + image + " failed (exit code " + result.exitCode() + "):"
                            + System.lineSeparator() + "      " + String.join(System.lineSeparator() + "      ", tail),
                    "fix the error in the traceback; run the same import locally with the zip's contents on sys.path");
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }

    /** Unpacks a zip into a scratch folder and adds its files under {@code into}, so no entry is held in memory. */
    private static void add(TarBuilder builder, Path zip, String into, Path scratch) throws IOException {
        try (ZipContents contents = ZipContents.open(zip)) {
            int index = 0;
            for (String name : contents.names()) {
                Path file = scratch.resolve(Integer.toString(index++));
                Files.createDirectories(scratch);
                contents.copyTo(name, file);
                builder.addFile(into + name, file, (contents.unixMode(name) & 0111) != 0);
            }
        }
    }
}
