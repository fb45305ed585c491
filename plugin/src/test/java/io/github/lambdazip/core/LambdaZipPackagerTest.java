package io.github.lambdazip.core;

import static io.github.lambdazip.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.TestFiles;
import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.InvalidConfigurationException;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.verify.Rule;
import io.github.lambdazip.verify.VerificationFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaZipPackagerTest {

    @TempDir
    Path dir;

    static PackageRequest request(Path base, List<ArtifactSpec> specs) {
        return new PackageRequest(base, base.resolve("target/lambda-zip"), PythonRuntime.PYTHON_3_12,
                Architecture.X86_64, specs, OutputTimestamp.DEFAULT, 2,
                DependencyOptions.defaults(base.resolve("cache")));
    }

    static ArtifactSpec function(String name, String handler, String... sources) {
        return new ArtifactSpec(ArtifactKind.FUNCTION, name, handler, List.of(sources), null, List.of());
    }

    /** The seeds' EC2 auto-recovery layout: handler code and shared code under lambda/. */
    private Path ec2Project(Path base) {
        write(base, "lambda/notifier/__init__.py", "");
        write(base, "lambda/notifier/notification_handler.py",
                "from prediction_engine import model\n\n\ndef lambda_handler(event, context):\n    return model.score(event)\n");
        write(base, "lambda/prediction_engine/__init__.py", "");
        write(base, "lambda/prediction_engine/model.py", "def score(event):\n    return 0.5\n");
        write(base, "lambda/tests/test_notifier.py", "def test(): pass\n");
        return base;
    }

    @Test
    void package_writesZipHashesAndManifest() throws Exception {
        Path base = ec2Project(dir.resolve("project"));
        ArtifactSpec notifier = new ArtifactSpec(ArtifactKind.FUNCTION, "notifier",
                "notifier.notification_handler.lambda_handler", List.of("lambda"), null, List.of("tests/**"));
        ArtifactSpec layer = new ArtifactSpec(ArtifactKind.LAYER, "shared", null, List.of("lambda/prediction_engine"),
                null, List.of());
        PackageResult result = new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, List.of(notifier, layer)));

        Path out = base.resolve("target/lambda-zip");
        Path zip = out.resolve("notifier.zip");
        assertEquals(List.of("notifier/__init__.py", "notifier/notification_handler.py", "prediction_engine/__init__.py",
                "prediction_engine/model.py"), TestFiles.entryNames(zip));
        assertEquals(List.of("python/__init__.py", "python/model.py"), TestFiles.entryNames(out.resolve("shared.zip")));

        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip));
        String hex = HexFormat.of().formatHex(digest);
        assertEquals(hex + "  notifier.zip\n", Files.readString(out.resolve("notifier.zip.sha256")));
        assertEquals(Base64.getEncoder().encodeToString(digest), Files.readString(out.resolve("notifier.zip.base64sha256")));

        String manifest = Files.readString(result.manifest(), StandardCharsets.UTF_8);
        assertTrue(manifest.startsWith("{"), "no BOM");
        assertTrue(manifest.contains("\"name\": \"notifier\""));
        assertTrue(manifest.contains("\"kind\": \"function\""));
        assertTrue(manifest.contains("\"handler\": \"notifier.notification_handler.lambda_handler\""));
        assertTrue(manifest.contains("\"kind\": \"layer\""));
        assertTrue(manifest.contains("\"handler\": null"));
        assertTrue(manifest.contains("\"runtime\": \"python3.12\""));
        assertTrue(manifest.contains("\"architecture\": \"x86_64\""));
        assertTrue(manifest.contains("\"layers\": [],\n      \"dependencies\": [],\n"), "no lock, no dependencies listed");
        assertTrue(manifest.contains("\"path\": \"notifier.zip\""));
        assertTrue(manifest.contains("\"size\": " + Files.size(zip) + ","));
        assertTrue(manifest.contains("\"entries\": 4,"));
        assertTrue(manifest.contains("\"sha256\": \"" + hex + "\""));
        assertTrue(manifest.contains("\"base64sha256\": \"" + Base64.getEncoder().encodeToString(digest) + "\""));
        long uncompressed = 0;
        for (String name : TestFiles.entryNames(zip)) {
            uncompressed += Files.size(base.resolve("lambda").resolve(name));
        }
        assertTrue(manifest.contains("\"uncompressedSize\": " + uncompressed + ","));
        assertEquals(2, result.artifacts().size());

        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(".lambda-zip-state", "manifest.json", "notifier.zip", "notifier.zip.base64sha256",
                    "notifier.zip.sha256", "shared.zip", "shared.zip.base64sha256", "shared.zip.sha256"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temp files left");
        }
    }

    @Test
    void buildingTwiceInDifferentFolders_givesIdenticalZips() throws Exception {
        Path first = ec2Project(dir.resolve("first"));
        Path second = ec2Project(dir.resolve("second folder"));
        try (Stream<Path> walk = Files.walk(second)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                TestFiles.setModified(file, Instant.parse("2030-05-05T05:05:05Z"));
                TestFiles.setPermissions(file, "rw-------");
            }
        }
        ArtifactSpec spec = function("notifier", "notifier.notification_handler.lambda_handler", "lambda");
        PackageResult a = new LambdaZipPackager(BuildLog.silent()).packageAll(request(first, List.of(spec)));
        PackageResult b = new LambdaZipPackager(BuildLog.silent()).packageAll(request(second, List.of(spec)));
        assertEquals(a.artifacts().get(0).sha256(), b.artifacts().get(0).sha256());
        assertEquals(Files.readString(a.manifest()), Files.readString(b.manifest()));
    }

    @Test
    void handlerOneFolderDown_failsAndWritesNothing() throws Exception {
        Path base = ec2Project(dir.resolve("project"));
        write(base, "other/app.py", "def handler(e, c): pass\n");
        List<ArtifactSpec> specs = List.of(function("app", "app.handler", "other"),
                function("notifier", "notifier.notification_handler.lambda_handler", "."));
        VerificationFailedException error = assertThrows(VerificationFailedException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, specs)));
        assertEquals(Rule.HANDLER_MODULE_MISSING, error.findings().get(0).rule());
        assertTrue(error.getMessage().contains("'lambda/'"), error.getMessage());
        assertFalse(Files.exists(base.resolve("target/lambda-zip/app.zip")), "nothing is written when any check fails");
        assertFalse(Files.exists(base.resolve("target/lambda-zip/manifest.json")));
    }

    @Test
    void failedRebuild_leavesThePreviousOutputsIntact() throws Exception {
        Path base = ec2Project(dir.resolve("project"));
        ArtifactSpec good = function("notifier", "notifier.notification_handler.lambda_handler", "lambda");
        new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, List.of(good)));
        Path out = base.resolve("target/lambda-zip");
        byte[] zip = Files.readAllBytes(out.resolve("notifier.zip"));
        String hash = Files.readString(out.resolve("notifier.zip.sha256"));

        write(base, "lambda/notifier/notification_handler.py", "def renamed(event, context):\n    pass\n");
        assertThrows(VerificationFailedException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, List.of(good))));
        assertTrue(java.util.Arrays.equals(zip, Files.readAllBytes(out.resolve("notifier.zip"))));
        assertEquals(hash, Files.readString(out.resolve("notifier.zip.sha256")));
    }

    /**
     * The zips are written while the checks run: a check that fails stops the writing, and the build ends with the
     * check's error, no new zip and no temporary file, the previous outputs as they were.
     */
    @Test
    void checkFailingWhileTheZipIsWritten_leavesNoTempFileAndThePreviousZip() throws Exception {
        Path base = dir.resolve("project");
        write(base, "src/app.py", "import json\n\n\ndef handler(event, context):\n    return json.dumps(event)\n");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 40; i++) {
            byte[] data = new byte[256 * 1024];
            random.nextBytes(data);
            Files.createDirectories(base.resolve("src/data"));
            Files.write(base.resolve("src/data/blob" + i + ".bin"), data);
        }
        ArtifactSpec app = function("app", "app.handler", "src");
        new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, List.of(app)));
        Path out = base.resolve("target/lambda-zip");
        byte[] zip = Files.readAllBytes(out.resolve("app.zip"));
        List<Path> before = TestFiles.listRecursively(out);

        write(base, "src/app.py", "import json\nimport no_such_module_anywhere\n\n\ndef handler(event, context):\n"
                + "    return json.dumps(no_such_module_anywhere.f(event))\n");
        VerificationFailedException error = assertThrows(VerificationFailedException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, List.of(app))));

        assertEquals(Rule.IMPORT_UNRESOLVED, error.findings().get(0).rule(), error.getMessage());
        assertEquals(before, TestFiles.listRecursively(out), "no temporary file and nothing new in " + out);
        assertTrue(java.util.Arrays.equals(zip, Files.readAllBytes(out.resolve("app.zip"))));
    }

    @Test
    void rebuildWithNothingChanged_writesNothingAndSaysUpToDate() throws Exception {
        Path base = ec2Project(dir.resolve("project"));
        write(base, "other/app.py", "def handler(e, c):\n    return 1\n");
        List<ArtifactSpec> specs = List.of(function("notifier", "notifier.notification_handler.lambda_handler", "lambda"),
                function("other", "app.handler", "other"));
        new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, specs));
        Path out = base.resolve("target/lambda-zip");
        Map<String, Long> before = modificationTimes(out);
        Thread.sleep(20);

        List<String> log = new ArrayList<>();
        PackageResult again = new LambdaZipPackager(recording(log)).packageAll(request(base, specs));
        assertEquals(before, modificationTimes(out), "a no-op rebuild writes nothing");
        assertTrue(log.contains("function notifier: up to date (" + out.resolve("notifier.zip") + ")"), log.toString());
        assertTrue(log.contains("function other: up to date (" + out.resolve("other.zip") + ")"), log.toString());
        assertEquals(TestFiles.sha256Hex(out.resolve("notifier.zip")), again.artifacts().get(0).sha256().hex());

        // One byte of one source, same size, same modification time: only that zip is repackaged.
        Path module = base.resolve("lambda/prediction_engine/model.py");
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(module);
        Files.writeString(module, Files.readString(module).replace("0.5", "0.6"));
        Files.setLastModifiedTime(module, mtime);
        new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, specs));
        Map<String, Long> after = modificationTimes(out);
        assertTrue(after.get("notifier.zip") > before.get("notifier.zip"), "the changed function is repackaged");
        assertEquals(before.get("other.zip"), after.get("other.zip"), "the unchanged one is left alone");
        assertTrue(TestFiles.contents(out.resolve("notifier.zip")).get("prediction_engine/model.py").contains("0.6"));

        // Other settings count too: a new entry time repackages everything.
        PackageRequest later = new PackageRequest(base, out, PythonRuntime.PYTHON_3_12, Architecture.X86_64, specs,
                Instant.parse("2024-01-01T00:00:00Z"), 2, DependencyOptions.defaults(base.resolve("cache")));
        new LambdaZipPackager(BuildLog.silent()).packageAll(later);
        assertTrue(modificationTimes(out).get("other.zip") > after.get("other.zip"));

        // A zip changed or removed behind the plugin's back is rebuilt.
        Files.delete(out.resolve("other.zip"));
        new LambdaZipPackager(BuildLog.silent()).packageAll(later);
        assertTrue(Files.exists(out.resolve("other.zip")));
    }

    @Test
    void functionNoLongerConfigured_leavesManifestAndOutputFolder() throws Exception {
        Path base = ec2Project(dir.resolve("project"));
        write(base, "other/app.py", "def handler(e, c):\n    return 1\n");
        ArtifactSpec notifier = function("notifier", "notifier.notification_handler.lambda_handler", "lambda");
        new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, List.of(notifier,
                function("other", "app.handler", "other"))));
        Path out = base.resolve("target/lambda-zip");
        write(out, "mine.txt", "a file the plugin did not write");

        List<String> log = new ArrayList<>();
        PackageResult result = new LambdaZipPackager(recording(log)).packageAll(request(base, List.of(notifier)));

        assertEquals("1 up to date, 0 written, 1 removed (other)", result.summary());
        assertEquals(List.of("other"), result.removed());
        for (String gone : List.of("other.zip", "other.zip.sha256", "other.zip.base64sha256")) {
            assertFalse(Files.exists(out.resolve(gone)), gone);
        }
        assertTrue(Files.exists(out.resolve("notifier.zip")));
        assertTrue(Files.exists(out.resolve("mine.txt")), "files the plugin did not write stay");
        String manifest = Files.readString(result.manifest());
        assertTrue(manifest.contains("\"notifier\""), manifest);
        assertFalse(manifest.contains("\"other\""), "the manifest lists only what is configured: " + manifest);

        PackageResult again = new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, List.of(notifier)));
        assertEquals("1 up to date, 0 written", again.summary());
    }

    @Test
    void handlerTypo_failsBeforeAnyInstall_suggestingTheNearestFunction() throws Exception {
        Path base = dir.resolve("project");
        write(base, "src/orders.py", "def handler(event, context):\n    return 1\n\n\ndef helper():\n    pass\n");
        write(base, "src/requirements.txt", "no-such-package==1.0\n");
        ArtifactSpec orders = new ArtifactSpec(ArtifactKind.FUNCTION, "orders", "orders.handlr", List.of("src"),
                "src/requirements.txt", List.of());
        // No Docker engine is needed to get this answer: the check runs before pip would.
        VerificationFailedException error = assertThrows(VerificationFailedException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, List.of(orders))));
        assertTrue(error.getMessage().contains("defines no top-level 'handlr'"), error.getMessage());
        assertTrue(error.describe().contains("did you mean orders.handler?"), error.describe());
        assertFalse(Files.exists(base.resolve("target/lambda-zip/orders.zip")));
    }

    @Test
    void functionNamingItsLayers_isCheckedAgainstThoseOnly_andTheManifestSaysWhich() throws Exception {
        Path base = dir.resolve("project");
        write(base, "db/dbhelper.py", "def connect():\n    return 1\n");
        write(base, "http/httphelper.py", "def get():\n    return 1\n");
        write(base, "api/app.py", "import dbhelper\n\n\ndef handler(e, c):\n    return dbhelper.connect()\n");
        write(base, "web/app.py", "import httphelper\n\n\ndef handler(e, c):\n    return httphelper.get()\n");
        ArtifactSpec db = new ArtifactSpec(ArtifactKind.LAYER, "db_layer", null, List.of("db"), null, List.of());
        ArtifactSpec http = new ArtifactSpec(ArtifactKind.LAYER, "http_layer", null, List.of("http"), null, List.of());
        ArtifactSpec api = new ArtifactSpec(ArtifactKind.FUNCTION, "api", "app.handler", List.of("api"), null, List.of(),
                List.of("db_layer"));
        ArtifactSpec web = new ArtifactSpec(ArtifactKind.FUNCTION, "web", "app.handler", List.of("web"), null, List.of(),
                List.of("db_layer"));

        VerificationFailedException error = assertThrows(VerificationFailedException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, List.of(api, web, db, http))));
        assertTrue(error.getMessage().contains("'web'"), error.getMessage());
        assertFalse(error.getMessage().contains("'api'"), error.getMessage());
        assertTrue(error.findings().stream().anyMatch(f -> f.rule() == Rule.IMPORT_UNRESOLVED
                && f.describe().contains("httphelper")), error.describe());

        ArtifactSpec webFixed = new ArtifactSpec(ArtifactKind.FUNCTION, "web", "app.handler", List.of("web"), null,
                List.of(), List.of("http_layer"));
        PackageResult result = new LambdaZipPackager(BuildLog.silent())
                .packageAll(request(base, List.of(api, webFixed, db, http)));
        assertEquals(List.of("db_layer"), result.artifacts().get(0).layers());
        assertEquals(List.of("http_layer"), result.artifacts().get(1).layers());
        String manifest = Files.readString(result.manifest());
        assertTrue(manifest.contains("\"layers\": [\"db_layer\"]"), manifest);
        assertTrue(manifest.contains("\"layers\": [\"http_layer\"]"), manifest);

        ArtifactSpec unknown = new ArtifactSpec(ArtifactKind.FUNCTION, "api", "app.handler", List.of("api"), null,
                List.of(), List.of("nope"));
        InvalidConfigurationException bad = assertThrows(InvalidConfigurationException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, List.of(unknown, db))));
        assertEquals("layers", bad.element());
        assertTrue(bad.getMessage().contains("'nope'"), bad.getMessage());
    }

    @Test
    void dependencyFilesAtTheTopOfASource_areLeftOutUnlessAsked() throws Exception {
        Path base = dir.resolve("project");
        write(base, "src/app.py", "def handler(e, c):\n    return 1\n");
        for (String file : List.of("requirements.txt", "requirements-dev.in", "pyproject.toml", "uv.lock", "poetry.lock",
                "Pipfile", "Pipfile.lock", "pylock.toml", "pylock.lambda.toml")) {
            write(base, "src/" + file, "# " + file + "\n");
        }
        write(base, "src/vendored/pyproject.toml", "# a vendored package's own file stays\n");
        ArtifactSpec app = function("app", "app.handler", "src");
        PackageResult result = new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, List.of(app)));
        assertEquals(List.of("app.py", "vendored/pyproject.toml"),
                List.copyOf(TestFiles.contents(result.artifacts().get(0).zip()).keySet()));

        PackageRequest keep = new PackageRequest(base, base.resolve("target/keep"), PythonRuntime.PYTHON_3_12,
                Architecture.X86_64, List.of(app), OutputTimestamp.DEFAULT, 2,
                DependencyOptions.defaults(base.resolve("cache")), java.util.Set.of(), java.util.Set.of(), true, "auto");
        PackageResult kept = new LambdaZipPackager(BuildLog.silent()).packageAll(keep);
        assertEquals(11, TestFiles.contents(kept.artifacts().get(0).zip()).size());
    }

    /** The outputs get the permissions any new file gets under the build's umask, not a temp file's 0600. */
    @Test
    void outputs_haveThePermissionsOfAnyNewFile() throws Exception {
        Path base = ec2Project(dir.resolve("project"));
        new LambdaZipPackager(BuildLog.silent()).packageAll(request(base,
                List.of(function("notifier", "notifier.notification_handler.lambda_handler", "lambda"))));
        Path out = base.resolve("target/lambda-zip");
        var usual = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain-new-file")));
        assertTrue(usual.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), "test needs a umask like 022");
        for (String name : List.of("notifier.zip", "notifier.zip.sha256", "notifier.zip.base64sha256", "manifest.json")) {
            assertEquals(usual, Files.getPosixFilePermissions(out.resolve(name)), name);
        }
    }

    /** A damaged or foreign record of the inputs only sends the rebuild the long way, to the same answer. */
    @Test
    void damagedInputsRecord_stillFindsTheZipUpToDate() throws Exception {
        Path base = ec2Project(dir.resolve("project"));
        List<ArtifactSpec> specs = List.of(function("notifier", "notifier.notification_handler.lambda_handler", "lambda"));
        new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, specs));
        Path out = base.resolve("target/lambda-zip");
        Path record = out.resolve(".lambda-zip-state/notifier.inputs");
        byte[] good = Files.readAllBytes(record);
        Map<String, Long> before = modificationTimes(out);
        Thread.sleep(20);
        List<byte[]> damaged = List.of(new byte[0], java.util.Arrays.copyOf(good, good.length / 2),
                ("0".repeat(64) + new String(good, 64, good.length - 64, StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] bytes : damaged) {
            Files.write(record, bytes);
            List<String> log = new ArrayList<>();
            new LambdaZipPackager(recording(log)).packageAll(request(base, specs));
            assertEquals(before, modificationTimes(out), "nothing rewritten");
            assertTrue(log.contains("function notifier: up to date (" + out.resolve("notifier.zip") + ")"), log.toString());
        }
    }

    /**
     * A build stopped between writing the state and the inputs record leaves the last build's record beside the new
     * state. That record names its zip, so it is not taken for this one: going back to the old settings repackages.
     */
    @Test
    void inputsRecordOfAnotherBuild_isNotTakenForThisOne() throws Exception {
        Path base = ec2Project(dir.resolve("project"));
        List<ArtifactSpec> specs = List.of(function("notifier", "notifier.notification_handler.lambda_handler", "lambda"));
        Path out = base.resolve("target/lambda-zip");
        Path record = out.resolve(".lambda-zip-state/notifier.inputs");
        PackageResult first = new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, specs));
        byte[] firstRecord = Files.readAllBytes(record);
        PackageRequest later = new PackageRequest(base, out, PythonRuntime.PYTHON_3_12, Architecture.X86_64, specs,
                Instant.parse("2024-01-01T00:00:00Z"), 2, DependencyOptions.defaults(base.resolve("cache")));
        new LambdaZipPackager(BuildLog.silent()).packageAll(later);
        Files.write(record, firstRecord);

        PackageResult again = new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, specs));
        assertEquals(first.artifacts().get(0).sha256(), again.artifacts().get(0).sha256());
        assertEquals(first.artifacts().get(0).sha256().hex(), TestFiles.sha256Hex(out.resolve("notifier.zip")),
                "the zip on disk is the one these settings give, not the later build's");
    }

    /** A new stamp alone (a touch, a fresh checkout) sends the rebuild to the per-file record, which finds the CRCs. */
    @Test
    void rebuildAfterATouch_findsTheSameContentAndWritesNothing() throws Exception {
        Path base = ec2Project(dir.resolve("project"));
        List<ArtifactSpec> specs = List.of(function("notifier", "notifier.notification_handler.lambda_handler", "lambda"));
        new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, specs));
        Path out = base.resolve("target/lambda-zip");
        Map<String, Long> before = modificationTimes(out);
        Thread.sleep(20);

        Path module = base.resolve("lambda/prediction_engine/model.py");
        Files.write(module, Files.readAllBytes(module));
        List<String> log = new ArrayList<>();
        new LambdaZipPackager(recording(log)).packageAll(request(base, specs));
        assertEquals(before, modificationTimes(out), "same content under a new stamp writes nothing");
        assertTrue(log.contains("function notifier: up to date (" + out.resolve("notifier.zip") + ")"), log.toString());

        Files.writeString(module, Files.readString(module) + "# one more line\n");
        new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, specs));
        assertTrue(modificationTimes(out).get("notifier.zip") > before.get("notifier.zip"), "new content repackages");
    }

    private static Map<String, Long> modificationTimes(Path dir) throws Exception {
        Map<String, Long> times = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                times.put(file.getFileName().toString(), Files.getLastModifiedTime(file).toMillis());
            }
        }
        return times;
    }

    static BuildLog recording(List<String> lines) {
        return new BuildLog() {
            @Override
            public void debug(String message) {}

            @Override
            public void info(String message) {
                lines.add(message);
            }

            @Override
            public void warn(String message) {
                lines.add(message);
            }
        };
    }

    @Test
    void badConfiguration_namesTheElement() throws Exception {
        Path base = ec2Project(dir.resolve("project"));
        write(base, "file.txt", "");
        String handler = "notifier.notification_handler.lambda_handler";
        assertElement("functions", base, List.of());
        assertElement("name", base, List.of(function(null, handler, "lambda")));
        assertElement("name", base, List.of(function(" ", handler, "lambda")));
        assertElement("name", base, List.of(function("bad/name", handler, "lambda")));
        assertElement("name", base, List.of(function("dup", handler, "lambda"),
                new ArtifactSpec(ArtifactKind.LAYER, "dup", null, List.of("lambda"), null, List.of())));
        assertElement("handler", base, List.of(function("f", null, "lambda")));
        assertElement("handler", base, List.of(function("f", "  ", "lambda")));
        assertElement("handler", base, List.of(function("f", "no_function", "lambda")));
        assertElement("sources", base, List.of(function("f", handler)));
        assertElement("source", base, List.of(function("f", handler, "")));
        assertElement("source", base, List.of(function("f", handler, "missing")));
        assertElement("source", base, List.of(function("f", handler, "file.txt")));
        assertElement("requirements", base, List.of(new ArtifactSpec(ArtifactKind.FUNCTION, "f", handler,
                List.of("lambda"), "lambda/requirements.txt", List.of())));
        DependencyOptions noTime = new DependencyOptions(null, "never", IndexOptions.none(), java.time.Duration.ZERO,
                false, base.resolve("cache"), false);
        InvalidConfigurationException timeout = assertThrows(InvalidConfigurationException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(new PackageRequest(base,
                        base.resolve("target/lambda-zip"), PythonRuntime.PYTHON_3_12, Architecture.X86_64,
                        List.of(function("f", handler, "lambda")), OutputTimestamp.DEFAULT, 1, noTime)));
        assertEquals("installTimeout", timeout.element());
        assertThrows(InvalidConfigurationException.class, () -> PythonRuntime.fromId("python2.7"));
        assertThrows(InvalidConfigurationException.class, () -> Architecture.fromId("amd64"));
    }

    private void assertElement(String element, Path base, List<ArtifactSpec> specs) {
        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
                () -> new LambdaZipPackager(BuildLog.silent()).packageAll(request(base, specs)));
        assertEquals(element, error.element(), error.getMessage());
        assertTrue(error.getMessage().startsWith("Invalid <" + element + ">"), error.getMessage());
        assertFalse(error.fix().isBlank());
    }

    @Test
    void base64File_equalsTerraformsFilebase64sha256() throws Exception {
        Path terraform = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(p -> Path.of(p, "terraform")).filter(Files::isExecutable).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(terraform != null, "terraform is not on the PATH");
        Path base = ec2Project(dir.resolve("project"));
        new LambdaZipPackager(BuildLog.silent()).packageAll(request(base,
                List.of(function("notifier", "notifier.notification_handler.lambda_handler", "lambda"))));
        Path out = base.resolve("target/lambda-zip");
        // Terraform may warn on stderr (e.g. about its CLI configuration); the value is on stdout.
        ProcessBuilder console = new ProcessBuilder(terraform.toString(), "console").directory(out.toFile())
                .redirectError(dir.resolve("terraform.err").toFile());
        console.environment().put("TF_IN_AUTOMATION", "1");
        Process process = console.start();
        process.getOutputStream().write("filebase64sha256(\"notifier.zip\")\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "terraform console did not finish");
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.exitValue(), printed + Files.readString(dir.resolve("terraform.err")));
        assertEquals("\"" + Files.readString(out.resolve("notifier.zip.base64sha256")) + "\"", printed);
    }
}
