package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeProvidedCheckTest {

    private static final VerificationTarget TARGET = new VerificationTarget(PythonRuntime.PYTHON_3_12, Architecture.X86_64);

    @TempDir
    Path dir;

    private ZipContents open(ZipFixture zip) throws Exception {
        return ZipContents.open(zip.write(dir.resolve("z" + System.nanoTime() + ".zip")));
    }

    @Test
    void sdkShippedInTheZipOrALayer_isInformationWithItsUnzippedSize() throws Exception {
        ZipFixture function = new ZipFixture()
                .text("app.py", "import boto3\n\ndef handler(event, context):\n    return boto3.client('s3')\n")
                .bytes("boto3/__init__.py", new byte[1000], 0644)
                .bytes("boto3/session.py", new byte[500], 0644)
                .bytes("boto3-1.34.10.dist-info/RECORD", new byte[24], 0644)
                .bytes("requests/__init__.py", new byte[10], 0644);
        ZipFixture layer = new ZipFixture().bytes("python/lib/python3.12/site-packages/botocore/client.py", new byte[2048], 0644);
        try (ZipContents contents = open(function); ZipContents layerContents = open(layer)) {
            List<Finding> findings = new PackageVerifier(TARGET, Set.of()).check("app.handler", contents,
                    List.of(layerContents), 10_000, 2048).stream().filter(f -> f.rule() == Rule.RUNTIME_PROVIDED_SHIPPED).toList();
            assertEquals(2, findings.size(), findings.toString());
            Finding boto3 = findings.get(0);
            assertEquals(Severity.INFO, boto3.severity());
            assertEquals("boto3/", boto3.file());
            assertTrue(boto3.message().startsWith("boto3 1.34.10 is shipped (1,524 bytes unzipped)"), boto3.message());
            assertTrue(boto3.message().contains("python3.12 runtime provides boto3"), boto3.message());
            assertEquals("layer 1: python/lib/python3.12/site-packages/botocore/", findings.get(1).file());
            assertTrue(findings.get(1).message().contains("(2,048 bytes unzipped)"), findings.get(1).message());
        }
        try (ZipContents layerOnly = open(new ZipFixture().bytes("python/s3transfer/__init__.py", new byte[7], 0644))) {
            List<Finding> findings = new RuntimeProvidedCheck(TARGET).check(layerOnly, true, List.of());
            assertEquals(List.of("python/s3transfer/"), findings.stream().map(Finding::file).toList());
        }
        try (ZipContents clean = open(new ZipFixture().text("app.py", "").text("boto3_helpers/x.py", ""))) {
            assertEquals(List.of(), new RuntimeProvidedCheck(TARGET).check(clean, false, List.of()));
        }
    }

    @Test
    void information_neverCountsAsAWarningOrFailure_inTheReports() throws Exception {
        VerificationReport report = new VerificationReport(List.of(new VerificationReport.Entry("app", "function", "app.zip",
                List.of(Finding.info(Rule.RUNTIME_PROVIDED_SHIPPED, "boto3/", "boto3 is shipped", "drop it"),
                        Finding.warning(Rule.IMPORT_UNRESOLVED, "app.py", "imports 'x'", "add it")))));
        assertEquals(0, report.errors());
        assertEquals(1, report.warnings());
        assertEquals(1, report.entries().get(0).infos());
        String json = ReportWriter.json(report);
        assertTrue(json.contains("\"rule\": \"RUNTIME_PROVIDED_SHIPPED\", \"severity\": \"INFO\""), json);
        String junit = ReportWriter.junit(report);
        assertTrue(junit.contains("failures=\"0\" errors=\"0\" skipped=\"1\""), junit);
        assertTrue(junit.contains("<system-out>boto3 is shipped"), junit);
        assertTrue(report.entries().get(0).findings().stream().noneMatch(f -> f.failsBuild(true) && f.severity() == Severity.INFO));
    }
}
