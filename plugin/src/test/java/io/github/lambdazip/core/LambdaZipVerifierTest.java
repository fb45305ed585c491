package io.github.lambdazip.core;

import static io.github.lambdazip.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.InvalidConfigurationException;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.verify.ReportWriter;
import io.github.lambdazip.verify.Rule;
import io.github.lambdazip.verify.VerificationFailedException;
import io.github.lambdazip.verify.VerificationReport;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class LambdaZipVerifierTest {

    @TempDir
    Path dir;

    private VerifyRequest request(List<VerifySubject> subjects, boolean failOnWarning) {
        return new VerifyRequest(subjects, PythonRuntime.PYTHON_3_12, Architecture.X86_64, Set.of(),
                dir.resolve("reports"), failOnWarning, false, null, Duration.ofMinutes(1));
    }

    /** A zip as people make them by hand on Windows: code under lambda\, private modes. */
    private Path handMadeZip() throws Exception {
        Path zip = dir.resolve("hand made.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipArchiveOutputStream out = new ZipArchiveOutputStream(file)) {
            for (String name : List.of("lambda/notifier/notification_handler.py", "lambda/notifier/__init__.py")) {
                ZipArchiveEntry entry = new ZipArchiveEntry(name);
                entry.setUnixMode(0100600);
                out.putArchiveEntry(entry);
                out.write("import requests\n\ndef lambda_handler(e, c):\n    pass\n".getBytes());
                out.closeArchiveEntry();
            }
        }
        return zip;
    }

    @Test
    void zipsThePackageGoalBuilds_verifyClean_andReportsAreWritten() throws Exception {
        Path base = dir.resolve("project");
        write(base, "lambda/app.py", "import json\nfrom lib import util\n\ndef handler(e, c):\n    return util.X\n");
        write(base, "lambda/lib/__init__.py", "");
        write(base, "lambda/lib/util.py", "X = 1\n");
        write(base, "layer/shared.py", "Y = 2\n");
        new LambdaZipPackager(BuildLog.silent()).packageAll(LambdaZipPackagerTest.request(base, List.of(
                LambdaZipPackagerTest.function("app", "app.handler", "lambda"),
                new ArtifactSpec(ArtifactKind.LAYER, "shared", null, List.of("layer"), null, List.of()))));
        Path out = base.resolve("target/lambda-zip");
        VerificationReport report = new LambdaZipVerifier(BuildLog.silent()).verify(request(List.of(
                new VerifySubject("app", ArtifactKind.FUNCTION, "app.handler", out.resolve("app.zip"),
                        List.of(out.resolve("shared.zip"))),
                new VerifySubject("shared", ArtifactKind.LAYER, null, out.resolve("shared.zip"), List.of())), true));
        assertEquals(0, report.errors() + report.warnings(), report.toString());
        String json = Files.readString(dir.resolve("reports").resolve(ReportWriter.JSON));
        assertTrue(json.contains("\"errors\": 0"), json);
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("reports").resolve(ReportWriter.JUNIT).toFile());
        assertEquals("0", junit.getDocumentElement().getAttribute("failures"));
        assertEquals(2, junit.getElementsByTagName("testcase").getLength());
    }

    @Test
    void handMadeWindowsStyleZip_failsWithEveryRuleThatApplies() throws Exception {
        Path zip = handMadeZip();
        VerificationFailedException error = assertThrows(VerificationFailedException.class,
                () -> new LambdaZipVerifier(BuildLog.silent()).verify(request(List.of(new VerifySubject("notifier",
                        ArtifactKind.FUNCTION, "notifier.notification_handler.lambda_handler", zip, List.of())), false)));
        List<Rule> rules = error.findings().stream().map(f -> f.rule()).distinct().toList();
        assertTrue(rules.contains(Rule.FILE_PERMISSIONS), rules.toString());
        assertTrue(rules.contains(Rule.HANDLER_MODULE_MISSING), rules.toString());
        assertTrue(error.getMessage().contains("'notifier'"), error.getMessage());

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("reports").resolve(ReportWriter.JUNIT).toFile());
        assertEquals(String.valueOf(error.findings().size()), junit.getDocumentElement().getAttribute("failures"));
        String json = Files.readString(dir.resolve("reports").resolve(ReportWriter.JSON));
        assertTrue(json.contains("\"rule\": \"FILE_PERMISSIONS\""), json);
        assertTrue(json.contains("\"rule\": \"HANDLER_MODULE_MISSING\""), json);
    }

    @Test
    void warnings_failOnlyWhenAsked() throws Exception {
        Path base = dir.resolve("project");
        write(base, "src/app.py", "try:\n    import ujson as json\nexcept ImportError:\n    import json\n\ndef handler(e, c):\n    return json.dumps(e)\n");
        new LambdaZipPackager(BuildLog.silent()).packageAll(LambdaZipPackagerTest.request(base,
                List.of(LambdaZipPackagerTest.function("app", "app.handler", "src"))));
        VerifySubject subject = new VerifySubject("app", ArtifactKind.FUNCTION, "app.handler",
                base.resolve("target/lambda-zip/app.zip"), List.of());
        VerificationReport report = new LambdaZipVerifier(BuildLog.silent()).verify(request(List.of(subject), false));
        assertEquals(1, report.warnings());
        VerificationFailedException error = assertThrows(VerificationFailedException.class,
                () -> new LambdaZipVerifier(BuildLog.silent()).verify(request(List.of(subject), true)));
        assertEquals(Rule.IMPORT_UNRESOLVED, error.findings().get(0).rule());
    }

    @Test
    void failOnWarning_makesAPlaceholderHandlerAnError_informationNeverFails_virtualModulesResolve() throws Exception {
        Path base = dir.resolve("placeholder");
        write(base, "src/app.py", "import acme.generated.api\n\ndef handler(event, context):\n    # TODO implement\n    pass\n");
        write(base, "src/acme/__init__.py", "");
        write(base, "src/boto3/__init__.py", "");
        new LambdaZipPackager(BuildLog.silent()).packageAll(new PackageRequest(base, base.resolve("target/lambda-zip"),
                PythonRuntime.PYTHON_3_12, Architecture.X86_64,
                List.of(LambdaZipPackagerTest.function("app", "app.handler", "src")), OutputTimestamp.DEFAULT, 1,
                DependencyOptions.defaults(base.resolve("cache")), Set.of(), Set.of("acme.generated"), false,
                "auto"));
        VerifySubject subject = new VerifySubject("app", ArtifactKind.FUNCTION, "app.handler",
                base.resolve("target/lambda-zip/app.zip"), List.of());
        VerifyRequest lenient = new VerifyRequest(List.of(subject), PythonRuntime.PYTHON_3_12, Architecture.X86_64, Set.of(),
                dir.resolve("reports"), false, false, null, Duration.ofMinutes(1), Set.of("acme.generated"));
        VerificationReport report = new LambdaZipVerifier(BuildLog.silent()).verify(lenient);
        assertEquals(List.of(Rule.HANDLER_PLACEHOLDER, Rule.RUNTIME_PROVIDED_SHIPPED),
                report.entries().get(0).findings().stream().map(f -> f.rule()).toList());
        assertEquals(1, report.warnings());
        VerifyRequest strict = new VerifyRequest(List.of(subject), PythonRuntime.PYTHON_3_12, Architecture.X86_64, Set.of(),
                dir.resolve("reports"), true, false, null, Duration.ofMinutes(1), Set.of("acme.generated"));
        VerificationFailedException error = assertThrows(VerificationFailedException.class,
                () -> new LambdaZipVerifier(BuildLog.silent()).verify(strict));
        assertEquals(List.of(Rule.HANDLER_PLACEHOLDER), error.findings().stream().map(f -> f.rule()).toList());
        assertTrue(error.findings().get(0).isError());
    }

    @Test
    void missingZipOrNothingToVerify_isAConfigurationError() {
        assertThrows(InvalidConfigurationException.class,
                () -> new LambdaZipVerifier(BuildLog.silent()).verify(request(List.of(), false)));
        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
                () -> new LambdaZipVerifier(BuildLog.silent()).verify(request(List.of(new VerifySubject("x",
                        ArtifactKind.FUNCTION, "app.handler", dir.resolve("missing.zip"), List.of())), false)));
        assertTrue(error.fix().contains("package"), error.fix());
    }
}
