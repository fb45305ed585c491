package io.github.lambdazip.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.InvalidConfigurationException;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.ArtifactKind;
import io.github.lambdazip.core.VerifyRequest;
import io.github.lambdazip.core.VerifySubject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Each parameter of the {@code verify} goal, set in the POM or as a user property (docs/verify-goal.md), reaches the
 * core's {@link VerifyRequest}; without {@code file} it checks the zips {@code package} wrote.
 */
@MojoTest
class VerifyMojoParametersTest {

    @Inject
    MavenSession session;

    @Inject
    MavenProject project;

    @BeforeEach
    void setUp(TestInfo test) {
        UserProperty.Copy.into(session.getUserProperties(), test);
    }

    static Path resource(String name) throws Exception {
        return PackageMojoParametersTest.resource(name);
    }

    @Test
    @Basedir("/unit/verify-configured")
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void pomConfiguration_reachesRequest(VerifyMojo mojo) throws Exception {
        Path base = resource("/unit/verify-configured");
        VerifyRequest request = mojo.request();

        assertEquals(List.of(new VerifySubject("notifier", ArtifactKind.FUNCTION, "notifier.handler.run",
                        base.resolve("dist/notifier.zip"),
                        List.of(base.resolve("dist/layer-one.zip"), base.resolve("dist/layer-two.zip")))),
                request.subjects());
        assertEquals(PythonRuntime.PYTHON_3_13, request.runtime());
        assertEquals(Architecture.ARM64, request.architecture());
        assertEquals(Set.of("otel"), request.providedModules());
        assertEquals(base.resolve("reports/lambda"), request.reportDirectory());
        assertEquals(List.of(true, true), List.of(request.failOnWarning(), request.importCheck()));
        assertEquals("public.ecr.aws/lambda/python:3.13", request.importCheckImage());
        assertEquals(Duration.ofSeconds(300), request.importCheckTimeout(), "the default");
    }

    /** The CI gate of docs/verify-goal.md, in a project: the file given wins over the configured functions. */
    @Test
    @Basedir("/unit/verify-build")
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @UserProperty(name = "lambdazip.file", value = "build/notifier.zip")
    @UserProperty(name = "lambdazip.handler", value = "notifier.notification_handler.lambda_handler")
    @UserProperty(name = "lambdazip.layers", value = "l1.zip, ,layers/l2.zip")
    @UserProperty(name = "lambdazip.runtime", value = "python3.11")
    @UserProperty(name = "lambdazip.architecture", value = "arm64")
    @UserProperty(name = "lambdazip.providedModules", value = "otel,shared_lib")
    @UserProperty(name = "lambdazip.failOnWarning", value = "true")
    @UserProperty(name = "lambdazip.importCheck", value = "true")
    @UserProperty(name = "lambdazip.importCheckImage", value = "public.ecr.aws/lambda/python:3.11")
    @UserProperty(name = "lambdazip.importCheckTimeout", value = "42")
    @UserProperty(name = "lambdazip.reportDirectory", value = "ci-reports")
    void userProperties_reachRequest(VerifyMojo mojo) throws Exception {
        Path base = resource("/unit/verify-build");
        VerifyRequest request = mojo.request();

        assertEquals(List.of(new VerifySubject("notifier", ArtifactKind.FUNCTION,
                        "notifier.notification_handler.lambda_handler", base.resolve("build/notifier.zip"),
                        List.of(base.resolve("l1.zip"), base.resolve("layers/l2.zip")))),
                request.subjects());
        assertEquals(PythonRuntime.PYTHON_3_11, request.runtime());
        assertEquals(Architecture.ARM64, request.architecture());
        assertEquals(Set.of("otel", "shared_lib"), request.providedModules());
        assertEquals(base.resolve("ci-reports"), request.reportDirectory());
        assertEquals(List.of(true, true), List.of(request.failOnWarning(), request.importCheck()));
        assertEquals("public.ecr.aws/lambda/python:3.11", request.importCheckImage());
        assertEquals(Duration.ofSeconds(42), request.importCheckTimeout());
    }

    @Test
    @Basedir("/unit/verify-build")
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @UserProperty(name = "lambdazip.file", value = "dist/shared.zip")
    void file_withoutHandler_isALayer(VerifyMojo mojo) throws Exception {
        Path base = resource("/unit/verify-build");
        assertEquals(List.of(new VerifySubject("shared", ArtifactKind.LAYER, null, base.resolve("dist/shared.zip"),
                List.of())), mojo.request().subjects());
    }

    /** Each function is checked with the layers given and the layers of the same build, in that order. */
    @Test
    @Basedir("/unit/verify-build")
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @UserProperty(name = "lambdazip.layers", value = "vendor/extra.zip")
    void noFile_checksTheConfiguredZipsInOutputDirectory(VerifyMojo mojo) throws Exception {
        Path base = resource("/unit/verify-build");
        Path out = base.resolve("out");
        List<Path> layers = List.of(base.resolve("vendor/extra.zip"), out.resolve("db_layer.zip"));
        assertEquals(List.of(
                new VerifySubject("notifier", ArtifactKind.FUNCTION, "notifier.handler.run",
                        out.resolve("notifier.zip"), layers),
                new VerifySubject("predictor", ArtifactKind.FUNCTION, "predictor.app.handle",
                        out.resolve("predictor.zip"), layers),
                new VerifySubject("db_layer", ArtifactKind.LAYER, null, out.resolve("db_layer.zip"), List.of())),
                mojo.request().subjects());
    }

    @Test
    @Basedir("/unit/verify-build")
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void unset_takesDocumentedDefaults(VerifyMojo mojo) throws Exception {
        Path base = resource("/unit/verify-build");
        VerifyRequest request = mojo.request();
        assertEquals(PythonRuntime.PYTHON_3_12, request.runtime());
        assertEquals(Architecture.X86_64, request.architecture());
        assertEquals(Set.of(), request.providedModules());
        assertEquals(base.resolve("target/lambda-zip-reports"), request.reportDirectory());
        assertEquals(List.of(false, false), List.of(request.failOnWarning(), request.importCheck()));
        assertNull(request.importCheckImage());
        assertEquals(List.of(false, false), List.of(mojo.skip, mojo.verifySkip));
    }

    @Test
    @Basedir("/unit/verify-build")
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @UserProperty(name = "lambdazip.file", value = "dist/notifier.zip")
    @UserProperty(name = "lambdazip.handler", value = " ")
    @UserProperty(name = "lambdazip.importCheckImage", value = " ")
    void blankHandlerAndImage_areNotGiven(VerifyMojo mojo) throws Exception {
        VerifyRequest request = mojo.request();
        assertEquals(ArtifactKind.LAYER, request.subjects().get(0).kind());
        assertNull(request.subjects().get(0).handler());
        assertNull(request.importCheckImage());
    }

    @Test
    @InjectMojo(goal = "verify")
    void execute_nothingToVerify_failsTheBuildNamingFileAndHandler(VerifyMojo mojo) {
        mojo.setLog(new RecordingLog());
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        String nl = System.lineSeparator();
        assertEquals("Invalid <file>: there is nothing to verify" + nl
                + "  How to fix: name a zip with <file> (and its <handler>, module.function, for a function), or "
                + "configure <functions>/<layers> in the project" + nl
                + "  On the command line: <file> is -Dlambdazip.file=…, <handler> is -Dlambdazip.handler=…",
                e.getMessage());
        assertInstanceOf(InvalidConfigurationException.class, e.getCause());
    }

    /**
     * {@code mvn …:verify -Dlambdazip.file=…} in a folder without a pom.xml: the project has no base directory and
     * {@code ${project.build.directory}} stays unresolved, so paths are taken from the current folder.
     */
    @Nested
    class OutsideAProject {

        @BeforeEach
        void noProjectFolder() throws Exception {
            MojoExtension.setVariableValueToObject(project, "basedir", null);
            project.getBuild().setDirectory(null);
        }

        @Test
        @InjectMojo(goal = "verify")
        @UserProperty(name = "lambdazip.file", value = "build/notifier.zip")
        @UserProperty(name = "lambdazip.handler", value = "notifier.handler.run")
        @UserProperty(name = "lambdazip.layers", value = "layer.zip")
        void pathsAndReports_areUnderTheCurrentFolder(VerifyMojo mojo) throws Exception {
            Path here = Path.of("").toAbsolutePath();
            VerifyRequest request = mojo.request();
            assertEquals(List.of(new VerifySubject("notifier", ArtifactKind.FUNCTION, "notifier.handler.run",
                    here.resolve("build/notifier.zip"), List.of(here.resolve("layer.zip")))), request.subjects());
            assertEquals(here.resolve("target/lambda-zip-reports"), request.reportDirectory());
        }

        @Test
        @InjectMojo(goal = "verify")
        @UserProperty(name = "lambdazip.file", value = "build/notifier.zip")
        @UserProperty(name = "lambdazip.reportDirectory", value = "/var/tmp/lambda-zip-reports")
        void reportDirectoryProperty_isKept(VerifyMojo mojo) throws Exception {
            assertEquals(Path.of("/var/tmp/lambda-zip-reports"), mojo.request().reportDirectory());
        }
    }
}
