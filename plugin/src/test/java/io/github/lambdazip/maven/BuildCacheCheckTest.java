package io.github.lambdazip.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.ProjectProblemException;
import io.github.lambdazip.core.LocalInputs.InputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build cache check against configuration files on disk: the one shipped in {@code .ci/build-cache-project}
 * passes, the extension's defaults and each gap fail with a line that names it.
 */
class BuildCacheCheckTest {

    /** The configuration docs/ci.md shows and the build cache test runs with. */
    static final Path SHIPPED = Path.of("../.ci/build-cache-project/.mvn/maven-build-cache-config.xml");

    @TempDir
    Path top;

    Path module;
    final Map<String, String> projectProperties = new HashMap<>();
    final Map<String, String> sessionProperties = new HashMap<>();
    final Map<String, String> environment = new HashMap<>();
    final List<InputFile> inputs = new ArrayList<>();
    final List<String> configuredPaths = new ArrayList<>(List.of("src", "requirements.txt"));
    String version = "1.3.0";
    String packaging = "pom";
    boolean attach = true;

    @BeforeEach
    void project() throws IOException {
        module = Files.createDirectories(top.resolve("fn"));
        input("src/app.py", "source");
        input("src/lib/util.py", "source");
        input("requirements.txt", "requirements");
    }

    private Path input(String relative, String role) throws IOException {
        Path file = module.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, relative);
        inputs.add(new InputFile(file, "fn", role));
        return file;
    }

    private void config(String xml) throws IOException {
        Files.createDirectories(top.resolve(".mvn"));
        Files.writeString(top.resolve(BuildCacheCheck.CONFIG_FILE), xml);
    }

    private void shipped() throws IOException {
        Files.createDirectories(top.resolve(".mvn"));
        Files.copy(SHIPPED, top.resolve(BuildCacheCheck.CONFIG_FILE));
    }

    private BuildCacheCheck check() {
        return new BuildCacheCheck(new BuildCacheCheck.Subject(new BuildCacheExtension(version), top, module,
                module.resolve("target"), packaging, module.resolve("target/lambda-zip"), attach, "2026-01-01T00:00:00Z",
                configuredPaths, List.of(module.resolve("src/main/java")), inputs,
                List.of("fn.zip", "fn.zip.sha256", "fn.zip.base64sha256", "manifest.json"), List.of("fn.zip"),
                projectProperties, sessionProperties::get, environment::get));
    }

    private List<String> problems() throws IOException {
        Path file = top.resolve(BuildCacheCheck.CONFIG_FILE);
        return check().problems(Files.exists(file) ? BuildCacheConfig.read(file) : null);
    }

    private static boolean anyContains(List<String> problems, String text) {
        return problems.stream().anyMatch(problem -> problem.contains(text));
    }

    @Test
    void shippedConfiguration_coversEverything() throws Exception {
        shipped();
        assertEquals(List.of(), problems());
        check().run();
    }

    @Test
    void noConfiguration_failsNamingTheFileOutputsReconcileAndInstall() throws Exception {
        ProjectProblemException failure = assertThrows(ProjectProblemException.class, () -> check().run());

        String message = failure.getMessage();
        assertTrue(message.contains("there is no " + top.resolve(".mvn/maven-build-cache-config.xml")), message);
        assertTrue(message.contains("fn.zip.sha256, fn.zip.base64sha256, manifest.json"), message);
        assertTrue(message.contains("<dirName glob=\"{*.sha256,*.base64sha256,manifest.json}\">lambda-zip</dirName>"),
                message);
        assertTrue(message.contains("not reconciled") && message.contains("outputTimestamp, packageSkip, runtime"),
                message);
        assertTrue(message.contains("maven-install-plugin:install and maven-deploy-plugin:deploy"), message);
        assertTrue(failure.fix().startsWith("add " + top.resolve(".mvn/maven-build-cache-config.xml")), failure.fix());
        assertEquals(List.of("buildCacheCheck"), failure.settings());
    }

    @Test
    void noConfiguration_sourcesStillInTheKey() throws Exception {
        // at its defaults the extension hashes what the plugin's configuration names: only outputs and settings fail
        assertFalse(anyContains(problems(), "input file"));
    }

    @Test
    void cacheDisabledOnTheCommandLine_checksNothing() throws Exception {
        sessionProperties.put("maven.build.cache.enabled", "false");
        check().run();
    }

    @Test
    void cacheDisabledForTheModule_checksNothing() throws Exception {
        projectProperties.put("maven.build.cache.enabled", "false");
        check().run();
    }

    @Test
    void cacheDisabledInTheFile_checksNothing() throws Exception {
        config("<cache><configuration><enabled>false</enabled></configuration></cache>");
        check().run();
    }

    @Test
    void configPathProperty_isTheFileRead() throws Exception {
        Path elsewhere = top.resolve("ci/cache.xml");
        Files.createDirectories(elsewhere.getParent());
        Files.copy(SHIPPED, elsewhere);
        sessionProperties.put("maven.build.cache.configPath", elsewhere.toString());

        assertEquals(elsewhere, check().configFile());
        check().run();
    }

    @Test
    void narrowedGlob_leavesPythonFilesOut() throws Exception {
        shipped();
        config(Files.readString(top.resolve(BuildCacheCheck.CONFIG_FILE))
                .replace("<glob>*</glob>", "<glob>{*.java,*.xml,*.properties}</glob>"));

        List<String> problems = problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("2 input file(s)"), problems.get(0));
        assertTrue(problems.get(0).contains("src/app.py (source of fn), src/lib/util.py (source of fn);"),
                problems.get(0));
        // a configuration value naming a file is hashed whatever the glob: <requirements> stays in the key
        assertFalse(problems.get(0).contains("requirements.txt"), problems.get(0));
    }

    @Test
    void inputGlobProperty_overridesTheFile() throws Exception {
        shipped();
        projectProperties.put("maven.build.cache.input.glob", "*.txt");

        List<String> problems = problems();
        assertTrue(anyContains(problems, "src/app.py"), problems.toString());
        assertFalse(anyContains(problems, "requirements.txt (requirements"), problems.toString());
    }

    @Test
    void fileARequirementsFileNamesOutsideTheConfiguredPaths_isNotCovered() throws Exception {
        shipped();
        Path shared = top.resolve("shared/constraints.txt");
        Files.createDirectories(shared.getParent());
        Files.writeString(shared, "fastmath==1.0\n");
        inputs.add(new InputFile(shared, "fn", "requirements"));

        List<String> problems = problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(shared + " (requirements of fn)"), problems.get(0));
        assertTrue(problems.get(0).contains("<input><global><includes>"), problems.get(0));
    }

    @Test
    void globalInclude_coversThatFolder() throws Exception {
        shipped();
        Path shared = top.resolve("shared/constraints.txt");
        Files.createDirectories(shared.getParent());
        Files.writeString(shared, "fastmath==1.0\n");
        inputs.add(new InputFile(shared, "fn", "requirements"));
        config(Files.readString(top.resolve(BuildCacheCheck.CONFIG_FILE))
                .replace("<glob>*</glob>", "<glob>*</glob><includes><include>../shared</include></includes>"));

        assertEquals(List.of(), problems());
    }

    @Test
    void inputProperty_coversThatFolder() throws Exception {
        shipped();
        Path shared = top.resolve("shared/constraints.txt");
        Files.createDirectories(shared.getParent());
        Files.writeString(shared, "fastmath==1.0\n");
        inputs.add(new InputFile(shared, "fn", "requirements"));
        projectProperties.put("maven.build.cache.input.shared", "../shared");

        assertEquals(List.of(), problems());
    }

    @Test
    void hiddenFileInASource_isNotCovered() throws Exception {
        shipped();
        input("src/.config/settings.json", "source");

        List<String> problems = problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("src/.config/settings.json (source of fn)"), problems.get(0));
    }

    @Test
    void hiddenFileWithAnIncludeThatTakesHiddenFiles_isCovered() throws Exception {
        shipped();
        input("src/.config/settings.json", "source");
        config(Files.readString(top.resolve(BuildCacheCheck.CONFIG_FILE))
                .replace("<glob>*</glob>", "<glob>*</glob><includes><include includeHidden=\"true\">src</include>"
                        + "</includes>"));

        assertEquals(List.of(), problems());
    }

    @Test
    void sourceUnderTarget_isNeverAnInput() throws Exception {
        shipped();
        input("target/generated/gen.py", "source");
        configuredPaths.add("target/generated");

        assertTrue(anyContains(problems(), "target/generated/gen.py"));
    }

    @Test
    void globalExclude_takesTheFileOut() throws Exception {
        shipped();
        config(Files.readString(top.resolve(BuildCacheCheck.CONFIG_FILE))
                .replace("<glob>*</glob>", "<glob>*</glob><excludes><exclude glob=\"*.py\">src/lib</exclude></excludes>"));

        List<String> problems = problems();
        assertTrue(anyContains(problems, "src/lib/util.py"), problems.toString());
        assertFalse(anyContains(problems, "src/app.py"), problems.toString());
    }

    @Test
    void pluginScanSkipped_leavesTheConfiguredPathsOut() throws Exception {
        shipped();
        config(Files.readString(top.resolve(BuildCacheCheck.CONFIG_FILE)).replace("<input>",
                "<input><plugins><plugin artifactId=\"lambda-zip-maven-plugin\"><dirScan mode=\"skip\"/></plugin>"
                        + "</plugins>"));

        assertTrue(anyContains(problems(), "3 input file(s)"));
    }

    @Test
    void sourceThatIsTheModuleFolder_isWalkedOneLevelOnly() throws Exception {
        shipped();
        configuredPaths.set(0, ".");

        List<String> problems = problems();
        assertTrue(anyContains(problems, "src/app.py") && anyContains(problems, "src/lib/util.py"), problems.toString());
    }

    @Test
    void pomModuleOnAnOldExtension_failsAsNoFileIsHashed() throws Exception {
        shipped();
        version = "1.2.1";

        List<String> problems = problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("1.2.3 or later"), problems.get(0));
    }

    @Test
    void jarModuleOnAnOldExtension_isScanned() throws Exception {
        shipped();
        version = "1.2.1";
        packaging = "jar";

        assertEquals(List.of(), problems());
    }

    @Test
    void noAttach_needsTheZipsInTheAttachedOutputs() throws Exception {
        shipped();
        attach = false;

        List<String> problems = problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("restore fn.zip in target/lambda-zip/"), problems.get(0));
        assertTrue(problems.get(0).contains("{*.zip,*.sha256,*.base64sha256,manifest.json}"), problems.get(0));
    }

    @Test
    void restoredOutputsTurnedOff_fails() throws Exception {
        shipped();
        sessionProperties.put("maven.build.cache.restoreGeneratedSources", "false");

        assertTrue(anyContains(problems(), "maven.build.cache.restoreGeneratedSources=false"));
    }

    @Test
    void missingReconcile_namesTheParameter() throws Exception {
        shipped();
        config(Files.readString(top.resolve(BuildCacheCheck.CONFIG_FILE))
                .replace("<reconcile propertyName=\"runtime\"/>", ""));

        List<String> problems = problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).endsWith("cached build's: runtime; add them under <executionControl><reconcile>"
                + "<plugins><plugin artifactId=\"lambda-zip-maven-plugin\" goal=\"package\"><reconciles>"),
                problems.get(0));
    }

    @Test
    void sourceDateEpochWithoutOutputTimestamp_fails() throws Exception {
        shipped();
        environment.put("SOURCE_DATE_EPOCH", "1700000000");
        BuildCacheCheck check = new BuildCacheCheck(new BuildCacheCheck.Subject(new BuildCacheExtension(version), top,
                module, module.resolve("target"), packaging, module.resolve("target/lambda-zip"), attach, null,
                configuredPaths, List.of(), inputs, List.of("manifest.json"), List.of(), projectProperties,
                sessionProperties::get, environment::get));

        assertTrue(anyContains(check.problems(BuildCacheConfig.read(top.resolve(BuildCacheCheck.CONFIG_FILE))),
                "SOURCE_DATE_EPOCH (1700000000)"));
    }

    @Test
    void shippedConfiguration_readsAsDocumented() throws Exception {
        BuildCacheConfig config = BuildCacheConfig.read(SHIPPED);

        assertTrue(config.enabled());
        assertEquals("*", config.glob());
        assertEquals(BuildCacheCheck.RECONCILED, config.reconciled());
        assertEquals(Set.of("maven-install-plugin:install", "maven-deploy-plugin:deploy"), config.runAlways());
        assertEquals(List.of(new BuildCacheConfig.AttachedOutput("lambda-zip",
                "{*.sha256,*.base64sha256,manifest.json}")), config.attachedOutputs());
        assertEquals(BuildCacheConfig.PluginScan.ALL, config.pluginScan());
    }

    @Test
    void configurationInDocs_isTheShippedOne() throws Exception {
        String docs = Files.readString(Path.of("../docs/ci.md"));
        int start = docs.indexOf("```xml\n<cache ");
        String xml = docs.substring(start + "```xml\n".length(), docs.indexOf("```", start + 3));
        config(xml);

        assertEquals(BuildCacheConfig.read(SHIPPED), BuildCacheConfig.read(top.resolve(BuildCacheCheck.CONFIG_FILE)));
    }

    @Test
    void extensionVersion_scansPomModulesFrom123() {
        assertFalse(new BuildCacheExtension("1.2.2").scansPomModules());
        assertFalse(new BuildCacheExtension("1.0.0").scansPomModules());
        assertTrue(new BuildCacheExtension("1.2.3").scansPomModules());
        assertTrue(new BuildCacheExtension("1.3.0").scansPomModules());
        assertTrue(new BuildCacheExtension("2.0.0-SNAPSHOT").scansPomModules());
        assertTrue(new BuildCacheExtension("unknown").scansPomModules());
    }

    @Test
    void globTest_isTheExtensionsFileNameGlob() {
        assertTrue(BuildCacheCheck.matches("*", ".hidden"));
        assertTrue(BuildCacheCheck.matches("{*.sha256,manifest.json}", "a.zip.sha256"));
        assertFalse(BuildCacheCheck.matches("{*.sha256,manifest.json}", "a.zip"));
    }
}
