package io.github.lambdazip.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.InvalidConfigurationException;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.ArtifactKind;
import io.github.lambdazip.core.ArtifactSpec;
import io.github.lambdazip.core.DependencyOptions;
import io.github.lambdazip.core.IndexOptions;
import io.github.lambdazip.core.LockSelection;
import io.github.lambdazip.core.OutputTimestamp;
import io.github.lambdazip.core.PackageRequest;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.io.xpp3.SettingsXpp3Reader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each parameter of the {@code package} goal, set in the POM or as a user property, reaches the core's
 * {@link PackageRequest} as README.md's configuration table says; unset, it takes the documented default.
 */
@MojoTest
class PackageMojoParametersTest {

    /** {@code user.home} in the session's system properties, as Maven always has it. */
    static final String HOME = "/home/lambdazip-test";

    @Inject
    MavenSession session;

    @Inject
    MavenProject project;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        UserProperty.Copy.into(session.getUserProperties(), test);
        session.getSystemProperties().setProperty("user.home", HOME);
        when(session.getSettings()).thenReturn(settings());
    }

    /** The servers of src/test/resources/unit/settings.xml, read as Maven reads ~/.m2/settings.xml. */
    static Settings settings() throws Exception {
        try (Reader reader = Files.newBufferedReader(resource("/unit/settings.xml"))) {
            return new SettingsXpp3Reader().read(reader);
        }
    }

    static Path resource(String name) throws Exception {
        return Path.of(PackageMojoParametersTest.class.getResource(name).toURI());
    }

    /** The time zone and offset of the POM's value are kept: 10:15:30+01:00 is 09:15:30 UTC. */
    @Test
    @Basedir("/unit/package-configured")
    @InjectMojo(goal = "package", pom = "pom.xml")
    void pomConfiguration_reachesRequest(PackageMojo mojo) throws Exception {
        Path base = resource("/unit/package-configured");
        PackageRequest request = mojo.request();

        assertEquals(base, request.baseDirectory());
        assertEquals(base.resolve("out/zips"), request.outputDirectory());
        assertEquals(PythonRuntime.PYTHON_3_11, request.runtime());
        assertEquals(Architecture.ARM64, request.architecture());
        LockSelection build = new LockSelection(List.of("fast"), List.of("prod", "worker"));
        assertEquals(List.of(
                new ArtifactSpec(ArtifactKind.FUNCTION, "zeta", "zeta.handler.run",
                        List.of("lambda/zeta", "lambda/shared"), "lambda/zeta/requirements.txt",
                        List.of("**/tests/**", "*.md"), List.of("deps", "common"),
                        new LockSelection(List.of("fast"), List.of("zeta-member"))),
                new ArtifactSpec(ArtifactKind.FUNCTION, "alpha", "app.lambda_handler", List.of("lambda/alpha"), null,
                        List.of(), List.of(), build),
                new ArtifactSpec(ArtifactKind.LAYER, "deps", null, List.of(), "layers/deps/uv.lock",
                        List.of(), List.of(), new LockSelection(List.of("speedups"), List.of("prod", "worker"))),
                new ArtifactSpec(ArtifactKind.LAYER, "common", null, List.of("layers/common"), null,
                        List.of("**/*.txt"), List.of(), build)),
                request.artifacts());
        assertEquals(Instant.parse("2024-03-01T09:15:30Z"), request.entryTime());
        assertEquals(3, request.threads());
        assertEquals(new DependencyOptions("registry.example.com/python:3.11-slim", "always",
                new IndexOptions("https://pypi.example.com/simple",
                        List.of("https://extra-one.example.com/simple", "https://extra-two.example.com/simple"),
                        List.of("wheels", "vendor/sdists"), true,
                        List.of("--prefer-binary", "--config-settings=editable mode=compat"), "ci-bot", "plain-s3cret"),
                Duration.ofSeconds(90), false, base.resolve("build-cache"), false), request.dependencies());
        assertEquals(Set.of("shared_lib", "otel"), request.providedModules());
        assertEquals(List.of(false, false, false), List.of(mojo.attach, mojo.skip, mojo.packageSkip));
        assertEquals(List.of(true, "java"), List.of(request.keepDependencyFiles(), request.deflater()));
        assertFalse(mojo.buildCacheCheck);
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    @UserProperty(name = "lambdazip.runtime", value = "python3.13")
    @UserProperty(name = "lambdazip.architecture", value = "arm64")
    @UserProperty(name = "lambdazip.outputDirectory", value = "dist/lambda")
    @UserProperty(name = "lambdazip.threads", value = "5")
    @UserProperty(name = "lambdazip.image", value = "docker.io/library/python:3.13-slim")
    @UserProperty(name = "lambdazip.pullPolicy", value = "never")
    @UserProperty(name = "lambdazip.indexUrl", value = "https://pypi.example.com/simple")
    @UserProperty(name = "lambdazip.indexServerId", value = "private-index")
    @UserProperty(name = "lambdazip.noIndex", value = "true")
    @UserProperty(name = "lambdazip.installTimeout", value = "45")
    @UserProperty(name = "lambdazip.cache", value = "false")
    @UserProperty(name = "lambdazip.cacheDirectory", value = "ci-cache")
    @UserProperty(name = "lambdazip.providedModules", value = "shared_lib, otel,,requests ")
    @UserProperty(name = "lambdazip.attach", value = "false")
    @UserProperty(name = "lambdazip.keepDependencyFiles", value = "true")
    @UserProperty(name = "lambdazip.deflater", value = "native")
    @UserProperty(name = "lambdazip.lockGroups", value = "dev, docs,,")
    @UserProperty(name = "lambdazip.lockExtras", value = "fast")
    @UserProperty(name = "lambdazip.buildCacheCheck", value = "false")
    void userProperties_reachRequest(PackageMojo mojo) throws Exception {
        Path base = resource("/unit/package-minimal");
        PackageRequest request = mojo.request();

        assertEquals(base.resolve("dist/lambda"), request.outputDirectory());
        assertEquals(PythonRuntime.PYTHON_3_13, request.runtime());
        assertEquals(Architecture.ARM64, request.architecture());
        assertEquals(5, request.threads());
        assertEquals(new DependencyOptions("docker.io/library/python:3.13-slim", "never",
                new IndexOptions("https://pypi.example.com/simple", List.of(), List.of(), true, List.of(), "ci-bot",
                        "plain-s3cret"),
                Duration.ofSeconds(45), false, base.resolve("ci-cache"), false), request.dependencies());
        assertEquals(Set.of("shared_lib", "otel", "requests"), request.providedModules());
        assertFalse(mojo.attach);
        assertEquals(List.of(true, "native"), List.of(request.keepDependencyFiles(), request.deflater()));
        assertEquals(new LockSelection(List.of("fast"), List.of("dev", "docs")), request.artifacts().get(0).lock());
        assertFalse(mojo.buildCacheCheck);
    }

    @Test
    @Basedir("/unit/package-bytecode")
    @InjectMojo(goal = "package", pom = "pom.xml")
    void compileBytecode_goalValue_isEachArtifactsUnlessItSetsItsOwn(PackageMojo mojo) throws Exception {
        assertEquals(Map.of("compiled", true, "plain", false, "shared", true), compileBytecode(mojo.request()));
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    @UserProperty(name = "lambdazip.compileBytecode", value = "true")
    void compileBytecode_userProperty_reachesEveryArtifact(PackageMojo mojo) throws Exception {
        assertEquals(Map.of("hello", true), compileBytecode(mojo.request()));
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    void compileBytecode_unset_isFalse(PackageMojo mojo) throws Exception {
        assertEquals(Map.of("hello", false), compileBytecode(mojo.request()));
    }

    private static Map<String, Boolean> compileBytecode(PackageRequest request) {
        return request.artifacts().stream().collect(java.util.stream.Collectors.toMap(ArtifactSpec::name,
                ArtifactSpec::compileBytecode));
    }

    /** Maven's -o reaches the core: no pulls, pip without an index. */
    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    void offlineSession_makesAnOfflineRequest(PackageMojo mojo) throws Exception {
        when(session.isOffline()).thenReturn(true);
        assertTrue(mojo.request().dependencies().offline());
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    void unset_takesReadmeDefaults(PackageMojo mojo) throws Exception {
        Path base = resource("/unit/package-minimal");
        mojo.environment = Map.<String, String>of()::get;
        PackageRequest request = mojo.request();

        assertEquals(base, request.baseDirectory());
        assertEquals(base.resolve("target/lambda-zip"), request.outputDirectory());
        assertEquals(PythonRuntime.PYTHON_3_12, request.runtime());
        assertEquals(Architecture.X86_64, request.architecture());
        assertEquals(List.of(new ArtifactSpec(ArtifactKind.FUNCTION, "hello", "app.handler", List.of("src"), null,
                List.of())), request.artifacts());
        assertEquals(LockSelection.NONE, request.artifacts().get(0).lock(), "a lock gives its main dependencies only");
        assertEquals(Instant.parse("1980-01-01T00:00:02Z"), request.entryTime());
        assertEquals(Runtime.getRuntime().availableProcessors(), request.threads());
        assertEquals(new DependencyOptions(null, "ifNotPresent", IndexOptions.none(), Duration.ofSeconds(1200), true,
                Path.of(HOME, ".cache/lambda-zip"), false), request.dependencies());
        assertEquals(List.of(false, "auto"), List.of(request.keepDependencyFiles(), request.deflater()));
        assertEquals(Set.of(), request.providedModules());
        assertEquals(List.of(true, false, false), List.of(mojo.attach, mojo.skip, mojo.packageSkip));
        assertTrue(mojo.buildCacheCheck);
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    @MojoParameter(name = "outputTimestamp", value = "1700000000")
    void outputTimestamp_epochSeconds_isThatInstant(PackageMojo mojo) throws Exception {
        mojo.environment = Map.of("SOURCE_DATE_EPOCH", "1600000000")::get;
        assertEquals(Instant.ofEpochSecond(1700000000), mojo.request().entryTime());
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    void outputTimestamp_unset_fallsBackToSourceDateEpoch(PackageMojo mojo) throws Exception {
        mojo.environment = Map.of("SOURCE_DATE_EPOCH", "1600000000")::get;
        assertEquals(Instant.ofEpochSecond(1600000000), mojo.request().entryTime());
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    void outputTimestamp_unsetWithoutSourceDateEpoch_isTheZipEpoch(PackageMojo mojo) throws Exception {
        mojo.environment = Map.<String, String>of()::get;
        assertEquals(OutputTimestamp.DEFAULT, mojo.request().entryTime());
        assertEquals(Instant.parse("1980-01-01T00:00:02Z"), OutputTimestamp.DEFAULT);
    }

    /** The usual way to set it: the project property maven-jar-plugin and maven-archiver read too. */
    @Nested
    class WithProjectBuildOutputTimestamp {

        @BeforeEach
        void setProjectProperty() {
            project.getProperties().setProperty("project.build.outputTimestamp", "2025-01-02T03:04:05Z");
        }

        @Test
        @Basedir("/unit/package-minimal")
        @InjectMojo(goal = "package", pom = "pom.xml")
        void projectProperty_isTheEntryTime(PackageMojo mojo) throws Exception {
            mojo.environment = Map.of("SOURCE_DATE_EPOCH", "1600000000")::get;
            assertEquals(Instant.parse("2025-01-02T03:04:05Z"), mojo.request().entryTime());
        }
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    @MojoParameter(name = "threads", value = "0")
    void threads_zero_isOnePerProcessor(PackageMojo mojo) throws Exception {
        assertEquals(Runtime.getRuntime().availableProcessors(), mojo.request().threads());
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    @UserProperty(name = "lambdazip.image", value = "  ")
    void image_blank_isTheRuntimesDefault(PackageMojo mojo) throws Exception {
        assertNull(mojo.request().dependencies().image());
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    @UserProperty(name = "lambdazip.indexUrl", value = "https://pypi.example.com/simple")
    @UserProperty(name = "lambdazip.indexServerId", value = "encrypted-index")
    void indexServerId_encryptedPassword_isDecrypted(PackageMojo mojo) throws Exception {
        String previous = System.setProperty("settings.security", resource("/unit/settings-security.xml").toString());
        try {
            IndexOptions index = mojo.request().dependencies().index();
            assertEquals("ci-bot", index.username());
            assertEquals("decrypted-s3cret", index.password());
        } finally {
            if (previous == null) {
                System.clearProperty("settings.security");
            } else {
                System.setProperty("settings.security", previous);
            }
        }
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    @UserProperty(name = "lambdazip.indexUrl", value = "https://pypi.example.com/simple")
    @UserProperty(name = "lambdazip.indexServerId", value = "no-such-server")
    void indexServerId_notInSettings_isInvalidIndexServerId(PackageMojo mojo) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, mojo::request);
        assertEquals("indexServerId", e.element());
        assertEquals("Invalid <indexServerId>: no <server> with id 'no-such-server' in settings.xml", e.getMessage());
        assertTrue(e.fix().contains("<server><id>no-such-server</id>"), e.fix());
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    @UserProperty(name = "lambdazip.indexServerId", value = "private-index")
    void indexServerId_withoutIndexUrl_isInvalidIndexServerId(PackageMojo mojo) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, mojo::request);
        assertEquals("indexServerId", e.element());
        assertEquals("Invalid <indexServerId>: 'private-index' is set but <indexUrl> is not, so there is no index to "
                + "send it to", e.getMessage());
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    @UserProperty(name = "lambdazip.indexUrl", value = "https://pypi.example.com/simple")
    @UserProperty(name = "lambdazip.indexServerId", value = "no-such-server")
    void execute_unknownIndexServer_failsTheBuildWithItsProperty(PackageMojo mojo) {
        mojo.setLog(new RecordingLog());
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("Invalid <indexServerId>: no <server> with id 'no-such-server'"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(
                "  On the command line: <indexServerId> is -Dlambdazip.indexServerId=…"), e.getMessage());
        assertInstanceOf(InvalidConfigurationException.class, e.getCause());
    }

    @Test
    @InjectMojo(goal = "package")
    void execute_noFunctions_failsTheBuildNamingFunctions(PackageMojo mojo) {
        mojo.setLog(new RecordingLog());
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("Invalid <functions>: no <function> or <layer> is configured"),
                e.getMessage());
        assertTrue(e.getMessage().contains(System.lineSeparator() + "  How to fix: add <functions><function>"),
                e.getMessage());
        InvalidConfigurationException cause = assertInstanceOf(InvalidConfigurationException.class, e.getCause());
        assertEquals("functions", cause.element());
    }

    /** Maven gives each empty list item as null; handed on, it failed the build with a NullPointerException. */
    @Test
    @Basedir("/unit/package-empty-items")
    @InjectMojo(goal = "package", pom = "pom.xml")
    void emptyListItems_areNoItems(PackageMojo mojo) throws Exception {
        PackageRequest request = mojo.request();
        assertEquals(List.of("**/tests/**"), request.artifacts().get(0).excludes());
        IndexOptions index = request.dependencies().index();
        assertEquals(List.of("https://extra.example.com/simple"), index.extraUrls());
        assertEquals(List.of("wheels"), index.findLinks());
        assertEquals(List.of("--prefer-binary"), index.pipArgs());
        assertEquals(Set.of("otel"), request.providedModules());
    }

    @Test
    @Basedir("/unit/package-minimal")
    @InjectMojo(goal = "package", pom = "pom.xml")
    @UserProperty(name = "lambdazip.providedModules", value = ",otel,,requests,")
    void providedModulesProperty_emptyItems_areNoItems(PackageMojo mojo) throws Exception {
        assertEquals(Set.of("otel", "requests"), mojo.request().providedModules());
    }

    @Test
    @Basedir("/unit/package-empty-source")
    @InjectMojo(goal = "package", pom = "pom.xml")
    void execute_emptySource_failsTheBuildNamingIt(PackageMojo mojo) {
        mojo.setLog(new RecordingLog());
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("Invalid <source>: <function> 'hello' has an empty <source>"),
                e.getMessage());
    }

    /** A real packaging of one pure-Python function (no requirements, so no Docker) into a temporary folder. */
    @Nested
    class Attach {

        @TempDir
        Path out;

        @BeforeEach
        void giveTheProjectAnArtifact() {
            project.setArtifact(new DefaultArtifact("io.github.lambdazip.test", "package-minimal", "1.0", "compile",
                    "pom", null, new DefaultArtifactHandler("pom")));
        }

        private void packageInto(PackageMojo mojo) throws Exception {
            mojo.setLog(new RecordingLog());
            mojo.outputDirectory = out.resolve("zips").toFile();
            mojo.cacheDirectory = out.resolve("cache").toFile();
            mojo.execute();
        }

        @Test
        @Basedir("/unit/package-minimal")
        @InjectMojo(goal = "package", pom = "pom.xml")
        void attach_default_attachesEachZipWithItsNameAsClassifier(PackageMojo mojo) throws Exception {
            packageInto(mojo);
            List<Artifact> attached = project.getAttachedArtifacts();
            assertEquals(1, attached.size());
            assertEquals("zip", attached.get(0).getType());
            assertEquals("hello", attached.get(0).getClassifier());
            assertEquals(out.resolve("zips/hello.zip").toFile(), attached.get(0).getFile());
            assertTrue(Files.isRegularFile(out.resolve("zips/hello.zip")));
        }

        @Test
        @Basedir("/unit/package-minimal")
        @InjectMojo(goal = "package", pom = "pom.xml")
        @UserProperty(name = "lambdazip.attach", value = "false")
        void attachProperty_false_writesTheZipButAttachesNothing(PackageMojo mojo) throws Exception {
            packageInto(mojo);
            assertEquals(List.of(), project.getAttachedArtifacts());
            assertTrue(Files.isRegularFile(out.resolve("zips/hello.zip")));
        }
    }
}
