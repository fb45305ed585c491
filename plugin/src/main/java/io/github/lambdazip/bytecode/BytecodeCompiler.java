package io.github.lambdazip.bytecode;

import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.FileTrees;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.common.ProjectProblemException;
import io.github.lambdazip.docker.ContainerResult;
import io.github.lambdazip.docker.ContainerSpec;
import io.github.lambdazip.docker.DockerEngine;
import io.github.lambdazip.docker.DockerSession;
import io.github.lambdazip.docker.SafeTarExtractor;
import io.github.lambdazip.docker.TarBuilder;
import io.github.lambdazip.docker.UnpinnedImages;
import io.github.lambdazip.hash.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Compiles a package's Python sources to PEP 552 unchecked-hash {@code .pyc} files with the runtime's own Python,
 * in a container of the build image, the way Lambda will load them: each file records its path under
 * {@code /var/task/} or {@code /opt/}, and its bytes depend on nothing else (see {@code compile_bytecode.py}).
 * Each compiled file is kept by a key over everything that decides it, so only new or changed sources reach a
 * container; when every one is known, none is started.
 */
public final class BytecodeCompiler {

    /** Raise when what the script writes changes, so no old file is reused. */
    private static final int FORMAT = 1;

    private final BuildLog log;
    private final DockerSession docker;
    private final Path workDirectory;

    public BytecodeCompiler(BuildLog log, DockerSession docker, Path workDirectory) {
        this.log = log;
        this.docker = docker;
        this.workDirectory = workDirectory;
    }

    /**
     * The compiled file of each source that compiles, by source name; an installed file that does not compile
     * (a Python 2 test file, say) has none, and is named in the debug log.
     *
     * @throws SourceSyntaxException when one of the user's own sources does not compile
     */
    public CompiledBytecode compile(BytecodeRequest request) throws LambdaZipException, IOException {
        BuildLog log = this.log.prefixed("[" + request.artifact() + "] ");
        byte[] script = script();
        Path temporary = null;
        Path cacheRoot = request.cacheDirectory();
        if (cacheRoot == null) {
            Files.createDirectories(workDirectory);
            temporary = Files.createTempDirectory(workDirectory, "bytecode-" + request.artifact() + "-");
            cacheRoot = temporary.resolve("cache");
        }
        CompiledBytecode result = new CompiledBytecode(new TreeMap<>(), temporary);
        try {
            BytecodeCache cache = new BytecodeCache(cacheRoot, request.runtime().bytecodeMagic());
            Map<String, String> keys = new TreeMap<>();
            List<BytecodeSource> missing = new ArrayList<>();
            for (BytecodeSource source : request.sources()) {
                String key = key(request, script, source);
                keys.put(source.name(), key);
                Path hit = cache.lookup(key);
                if (hit != null) {
                    result.files().put(source.name(), hit);
                } else if (!source.own() && cache.knownNotToCompile(key)) {
                    log.debug("no bytecode for " + source.name() + " (it did not compile in an earlier build)");
                } else {
                    missing.add(source);
                }
            }
            if (missing.isEmpty()) {
                log.info("Bytecode for " + request.sources().size() + " sources is up to date in the cache; no "
                        + "container started");
                return result;
            }
            Path work = Files.createTempDirectory(Files.createDirectories(workDirectory),
                    "compile-" + request.artifact() + "-");
            try {
                Path out = work.resolve("out");
                Map<String, String> skipped = run(request, script, missing, work, out, log);
                for (BytecodeSource source : missing) {
                    Path compiled = out.resolve(source.name() + "c");
                    if (Files.isRegularFile(compiled)) {
                        result.files().put(source.name(), cache.store(keys.get(source.name()), compiled));
                    } else if (skipped.containsKey(source.name())) {
                        cache.storeNotCompiling(keys.get(source.name()), skipped.get(source.name()));
                    }
                }
            } finally {
                FileTrees.deleteRecursively(work);
            }
            return result;
        } catch (LambdaZipException | IOException | RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /** Compiles in a container; returns the installed files that do not compile, with Python's message. */
    private Map<String, String> run(BytecodeRequest request, byte[] script, List<BytecodeSource> sources, Path work,
            Path out, BuildLog log) throws LambdaZipException, IOException {
        StringBuilder list = new StringBuilder();
        TarBuilder tar = new TarBuilder().addBytes(BytecodeProtocol.SCRIPT_PATH.substring(1), script, 0644);
        for (BytecodeSource source : sources) {
            list.append(source.own() ? "1" : "0").append('\t').append(source.name()).append('\t')
                    .append(request.lambdaRoot()).append(source.name()).append('\n');
            tar.addFile(BytecodeProtocol.SOURCE_PATH.substring(1) + "/" + source.name(), source.file(), false);
        }
        tar.addBytes(BytecodeProtocol.LIST_PATH.substring(1), list.toString().getBytes(StandardCharsets.UTF_8), 0644);
        Path inputTar = work.resolve("input.tar");
        tar.writeTo(inputTar);

        String platform = request.architecture().dockerPlatform();
        UnpinnedImages.warnOnce(request.image(), log);
        DockerEngine engine = docker.engine();
        engine.ensureImage(request.image(), platform, request.pullPolicy(), request.offline(), log);
        log.info("Compiling " + sources.size() + " of " + request.sources().size() + " Python sources to bytecode in "
                + request.image() + " (" + platform + ")");
        Output output = new Output(sources, log);
        ContainerSpec spec = ContainerSpec.builder(request.image(), platform, List.of("python3",
                        BytecodeProtocol.SCRIPT_PATH, "--python", request.runtime().pythonVersion(),
                        "--list", BytecodeProtocol.LIST_PATH, "--src", BytecodeProtocol.SOURCE_PATH,
                        "--out", BytecodeProtocol.OUTPUT_PATH))
                .environment(Map.of("PYTHONHASHSEED", "0", "PYTHONDONTWRITEBYTECODE", "1"))
                .label(DockerEngine.ARTIFACT_LABEL, request.artifact())
                .inputTar(inputTar)
                .outputPath(BytecodeProtocol.OUTPUT_PATH)
                .timeout(request.timeout(), "installTimeout")
                .withoutNetwork()
                .outputLines(output)
                .build();
        ContainerResult result = engine.run(spec, stream -> SafeTarExtractor.extract(stream, out, "out"));
        if (result.exitCode() == BytecodeProtocol.SYNTAX_EXIT && !output.problems.isEmpty()) {
            throw new SourceSyntaxException(request.artifact(), "Python " + request.runtime().pythonVersion(),
                    output.problems);
        }
        if (result.exitCode() == BytecodeProtocol.MISMATCH_EXIT && output.mismatch != null) {
            throw new ProjectProblemException("The image " + request.image() + " has Python " + output.mismatch
                    + ", but '" + request.artifact() + "' runs on " + request.runtime().id() + ": its bytecode would "
                    + "be ignored on Lambda", "use an image with Python " + request.runtime().pythonVersion()
                    + ", e.g. <image>" + request.runtime().defaultImage() + "</image>", null, "image", "runtime");
        }
        if (result.exitCode() != 0) {
            throw new ProjectProblemException("Compiling the Python sources of '" + request.artifact() + "' in "
                    + request.image() + " failed with exit code " + result.exitCode() + ": "
                    + String.join(" | ", result.lastLines()),
                    "check that the image runs python3 (the output above says what went wrong)", null, "image");
        }
        if (!output.skipped.isEmpty()) {
            var first = output.skipped.entrySet().iterator().next();
            log.info(output.skipped.size() + " installed Python files do not compile with Python "
                    + request.runtime().pythonVersion() + " and ship without bytecode (Python would fail on them "
                    + "too, should anything import them); the first: " + first.getKey() + ":" + first.getValue());
        }
        return output.skipped;
    }

    /** The key of one compiled file: everything that decides its bytes. */
    private static String key(BytecodeRequest request, byte[] script, BytecodeSource source) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        String fields = "format=" + FORMAT + "\nimage=" + request.image() + "\nplatform="
                + request.architecture().dockerPlatform() + "\nruntime=" + request.runtime().id() + "\npath="
                + request.lambdaRoot() + source.name() + "\nscript=" + script.length + "\n";
        digest.update(fields.getBytes(StandardCharsets.UTF_8));
        digest.update(script);
        digest.update(Files.readAllBytes(source.file()));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The script's lines: syntax errors and skipped files by their markers, the rest to the debug log. */
    private static final class Output implements Consumer<String> {
        private final Map<String, BytecodeSource> byName = new TreeMap<>();
        private final BuildLog log;
        private final List<SourceSyntaxException.Problem> problems = new ArrayList<>();
        private final Map<String, String> skipped = new TreeMap<>();
        private String mismatch;

        Output(List<BytecodeSource> sources, BuildLog log) {
            sources.forEach(source -> byName.put(source.name(), source));
            this.log = log;
        }

        @Override
        public void accept(String line) {
            String[] fields = BytecodeProtocol.fields(line);
            if (fields.length == 4 && fields[0].equals(BytecodeProtocol.SYNTAX_MARKER)) {
                BytecodeSource source = byName.get(fields[1]);
                problems.add(new SourceSyntaxException.Problem(source == null ? fields[1] : source.label(),
                        parseLine(fields[2]), fields[3]));
            } else if (fields.length == 4 && fields[0].equals(BytecodeProtocol.SKIPPED_MARKER)) {
                skipped.put(fields[1], fields[2] + ": " + fields[3]);
                log.debug("no bytecode for " + fields[1] + " (line " + fields[2] + ": " + fields[3] + ")");
            } else if (line.startsWith(BytecodeProtocol.MISMATCH_MARKER)) {
                mismatch = line.substring(line.indexOf("python=") + "python=".length()).trim();
            } else {
                log.info("[python] " + line);
            }
        }

        private static int parseLine(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    private static byte[] script() {
        try (InputStream in = BytecodeCompiler.class.getResourceAsStream("compile_bytecode.py")) {
            if (in == null) {
                throw new IllegalStateException("compile_bytecode.py is missing from the plugin jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
