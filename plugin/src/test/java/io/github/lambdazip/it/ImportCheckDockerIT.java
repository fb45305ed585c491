package io.github.lambdazip.it;

import static io.github.lambdazip.TestFiles.write;
import static io.github.lambdazip.it.DockerTestSupport.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.ArtifactKind;
import io.github.lambdazip.core.ArtifactSpec;
import io.github.lambdazip.core.LambdaZipPackager;
import io.github.lambdazip.core.LambdaZipVerifier;
import io.github.lambdazip.core.VerifyRequest;
import io.github.lambdazip.core.VerifySubject;
import io.github.lambdazip.verify.Finding;
import io.github.lambdazip.verify.Rule;
import io.github.lambdazip.verify.VerificationFailedException;
import io.github.lambdazip.verify.VerificationReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify goal's optional import check: the handler imported in a real container with no network. */
class ImportCheckDockerIT {

    @TempDir
    Path dir;

    private VerifyRequest request(Path zip, List<Path> layers) {
        return new VerifyRequest(List.of(new VerifySubject("app", ArtifactKind.FUNCTION, "app.handler", zip, layers)),
                PythonRuntime.PYTHON_3_11, Architecture.X86_64, Set.of(), dir.resolve("reports"), false, true, image(),
                Duration.ofMinutes(2));
    }

    private Path build(String appSource) throws Exception {
        Path base = dir.resolve("project-" + System.nanoTime());
        write(base, "src/app.py", appSource);
        write(base, "layer/helper.py", "VALUE = 7\n");
        new LambdaZipPackager(BuildLog.silent()).packageAll(DockerTestSupport.request(base, Architecture.X86_64, image(),
                false, List.of(new ArtifactSpec(ArtifactKind.FUNCTION, "app", "app.handler", List.of("src"), null, List.of()),
                        new ArtifactSpec(ArtifactKind.LAYER, "helper", null, List.of("layer"), null, List.of()))));
        return base.resolve("target/lambda-zip");
    }

    @Test
    void importableHandler_withItsLayer_passes() throws Exception {
        Path out = build("import helper\n\ndef handler(event, context):\n    return helper.VALUE\n");
        VerificationReport report = new LambdaZipVerifier(BuildLog.silent())
                .verify(request(out.resolve("app.zip"), List.of(out.resolve("helper.zip"))));
        assertEquals(0, report.errors(), report.toString());
    }

    @Test
    void handlerThatFailsAtImport_isImportFailedWithTheTraceback() throws Exception {
        Path out = build("import os\n\nTABLE = os.environ['ORDERS_TABLE']\n\ndef handler(event, context):\n    return TABLE\n");
        VerificationFailedException error = assertThrows(VerificationFailedException.class,
                () -> new LambdaZipVerifier(BuildLog.silent()).verify(request(out.resolve("app.zip"), List.of())));
        Finding finding = error.findings().get(0);
        assertEquals(Rule.IMPORT_FAILED, finding.rule());
        assertTrue(finding.message().contains("KeyError: 'ORDERS_TABLE'"), finding.message());
    }
}
