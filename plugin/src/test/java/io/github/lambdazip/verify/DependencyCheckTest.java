package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DEPENDENCY_MISSING on hand-made installs, run through PackageVerifier as both goals run it. */
class DependencyCheckTest {

    private static final VerificationTarget TARGET = new VerificationTarget(PythonRuntime.PYTHON_3_12, Architecture.X86_64);
    private static final String APP = "def handler(event, context):\n    return {'ok': event}\n";
    /** requests 2.32.3's own Requires-Dist lines. */
    private static final List<String> REQUESTS = List.of("charset-normalizer<4,>=2", "idna<4,>=2.5",
            "urllib3<3,>=1.21.1", "certifi>=2017.4.17", "PySocks!=1.5.7,>=1.5.6; extra == \"socks\"",
            "chardet<6,>=3.0.2; extra == \"use-chardet-on-py3\"");

    @TempDir
    Path dir;

    private final List<ZipContents> opened = new ArrayList<>();

    /** Adds an installed distribution: its package and a dist-info with METADATA and RECORD. */
    private static ZipFixture install(ZipFixture zip, String prefix, String name, String version, List<String> requires) {
        StringBuilder metadata = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        for (String requirement : requires) {
            metadata.append("Requires-Dist: ").append(requirement).append('\n');
        }
        metadata.append("\nA description: not headers.\nRequires-Dist: ignored\n");
        String folder = prefix + name.replace('-', '_') + "-" + version + ".dist-info/";
        return zip.text(prefix + name.toLowerCase().replace('-', '_') + "/__init__.py", "")
                .text(folder + "METADATA", metadata.toString())
                .text(folder + "RECORD", "");
    }

    private ZipContents open(ZipFixture zip) throws Exception {
        ZipContents contents = ZipContents.open(zip.write(dir.resolve("z" + opened.size() + ".zip")));
        opened.add(contents);
        return contents;
    }

    private List<Finding> function(ZipFixture function, ZipFixture... layers) throws Exception {
        return function(VerifySettings.of(Set.of()), function, layers);
    }

    private List<Finding> function(VerifySettings settings, ZipFixture function, ZipFixture... layers) throws Exception {
        List<PackageContents> layerContents = new ArrayList<>();
        for (ZipFixture layer : layers) {
            layerContents.add(open(layer));
        }
        return dependencyFindings(new PackageVerifier(TARGET, settings).check("app.handler", open(function.text("app.py", APP)),
                layerContents, 1000, 1000));
    }

    private List<Finding> layer(ZipFixture layer) throws Exception {
        return dependencyFindings(new PackageVerifier(TARGET, Set.of()).check(null, open(layer), List.of(), 1000, 0));
    }

    private List<Finding> dependencyFindings(List<Finding> findings) throws Exception {
        for (ZipContents contents : opened) {
            contents.close();
        }
        opened.clear();
        return findings.stream().filter(f -> f.rule() == Rule.DEPENDENCY_MISSING).toList();
    }

    @Test
    void missingDependency_isAnErrorNamingTheRequiringAndTheMissingDistribution() throws Exception {
        ZipFixture zip = install(new ZipFixture(), "", "requests", "2.32.3", REQUESTS);
        install(zip, "", "charset-normalizer", "3.3.2", List.of());
        install(zip, "", "certifi", "2024.7.4", List.of());

        List<Finding> findings = function(zip);

        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals(Severity.ERROR, finding.severity());
        assertEquals("requests 2.32.3 requires idna<4,>=2.5, which is not installed", finding.message());
        assertEquals("requests-2.32.3.dist-info/METADATA", finding.file());
        assertEquals(5, finding.line());
        assertTrue(finding.fix().startsWith("add idna<4,>=2.5 to the requirements (or the lock file), or to the layer"),
                finding.fix());
    }

    @Test
    void installedVersionOutsideTheSpecifier_isAnError() throws Exception {
        ZipFixture zip = install(new ZipFixture(), "", "requests", "2.32.3", REQUESTS);
        install(zip, "", "charset-normalizer", "3.3.2", List.of());
        install(zip, "", "certifi", "2024.7.4", List.of());
        install(zip, "", "idna", "2.0", List.of());

        List<Finding> findings = function(zip);

        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Severity.ERROR, findings.get(0).severity());
        assertEquals("requests 2.32.3 requires idna<4,>=2.5, but idna 2.0 is installed", findings.get(0).message());
        assertTrue(findings.get(0).fix().contains("a version of idna that satisfies <4,>=2.5"), findings.get(0).fix());
    }

    @Test
    void markersThatDoNotApplyToTheLambda_areNotChecked_andOnesThatDo_are() throws Exception {
        ZipFixture zip = install(new ZipFixture(), "", "kiwisolver", "1.4.5", List.of(
                "typing-extensions; python_version < \"3.8\"",
                "pywin32>=300; sys_platform == \"win32\"",
                "colorama; os_name == \"nt\"",
                "uvloop; platform_machine == \"aarch64\"",
                "pytest; extra == \"test\"",
                "exceptiongroup>=1.0; python_version < \"3.13\""));

        List<Finding> findings = function(zip);

        assertEquals(List.of("kiwisolver 1.4.5 requires exceptiongroup>=1.0, which is not installed"),
                findings.stream().map(Finding::message).toList());
    }

    @Test
    void requirementsTheRuntimeProvides_areSatisfied_whenNotShipped() throws Exception {
        ZipFixture zip = install(new ZipFixture(), "", "boto3", "1.34.0", List.of("botocore<1.35.0,>=1.34.0",
                "jmespath<2.0.0,>=0.7.1", "s3transfer<0.11.0,>=0.10.0", "awscrt==0.19.19; extra == \"crt\""));
        install(zip, "", "botocore", "1.34.0", List.of("jmespath<2.0.0,>=0.7.1", "python-dateutil<3.0.0,>=2.1",
                "urllib3<1.27,>=1.25.4; python_version < \"3.10\"",
                "urllib3!=2.2.0,<3,>=1.25.4; python_version >= \"3.10\"", "six"));

        assertEquals(List.of(), function(zip));
    }

    @Test
    void dependencyProvidedByTheFunctionsLayer_satisfiesIt() throws Exception {
        ZipFixture zip = install(new ZipFixture(), "", "requests", "2.32.3", REQUESTS);
        ZipFixture layer = install(new ZipFixture(), "python/", "charset-normalizer", "3.3.2", List.of());
        install(layer, "python/lib/python3.12/site-packages/", "idna", "3.7", List.of());
        layer.text("python/certifi-2024.7.4.egg-info/PKG-INFO", "Metadata-Version: 1.1\nName: certifi\nVersion: 2024.7.4\n");

        assertEquals(List.of(), function(zip, layer));
    }

    @Test
    void missingDependencyInALayer_isAWarningAlone_andAnErrorWithTheFunctionItRunsWith() throws Exception {
        ZipFixture layer = install(new ZipFixture(), "python/", "requests", "2.32.3", REQUESTS);
        install(layer, "python/", "charset-normalizer", "3.3.2", List.of());
        install(layer, "python/", "certifi", "2024.7.4", List.of());

        List<Finding> alone = layer(layer);
        assertEquals(1, alone.size(), alone.toString());
        assertEquals(Severity.WARNING, alone.get(0).severity());
        assertEquals("requests 2.32.3 requires idna<4,>=2.5, which is not installed in this layer (the function or "
                + "another layer it runs with may provide it)", alone.get(0).message());
        assertEquals("python/requests-2.32.3.dist-info/METADATA", alone.get(0).file());

        List<Finding> withFunction = function(new ZipFixture(), layer);
        assertEquals(1, withFunction.size(), withFunction.toString());
        assertEquals(Severity.ERROR, withFunction.get(0).severity());
        assertEquals("layer 1: python/requests-2.32.3.dist-info/METADATA", withFunction.get(0).file());

        List<Finding> withFunctionAndIdna = function(install(new ZipFixture(), "", "idna", "3.7", List.of()), layer);
        assertEquals(List.of(), withFunctionAndIdna);
    }

    @Test
    void missingDependency_isAWarning_whenLayersBuiltElsewhereMayProvideIt() throws Exception {
        ZipFixture zip = install(new ZipFixture(), "", "bcrypt", "4.0.1", List.of("cffi>=1.1"));

        List<Finding> findings = function(new VerifySettings(Set.of("shared_lib"), Set.of(), false), zip);

        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Severity.WARNING, findings.get(0).severity());
        assertTrue(findings.get(0).message().endsWith("which is not installed in the function or the layers given "
                + "(a layer built elsewhere may provide it)"), findings.get(0).message());
    }

    @Test
    void bcryptWithoutCffi_isAnError() throws Exception {
        ZipFixture zip = install(new ZipFixture(), "", "bcrypt", "3.2.2", List.of("cffi (>=1.1)",
                "pytest (!=3.3.0,>=3.2.1) ; extra == 'tests'"));

        List<Finding> findings = function(zip);

        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Severity.ERROR, findings.get(0).severity());
        assertEquals("bcrypt 3.2.2 requires cffi>=1.1, which is not installed", findings.get(0).message());

        assertEquals(List.of(), function(install(install(new ZipFixture(), "", "bcrypt", "3.2.2", List.of("cffi (>=1.1)")),
                "", "cffi", "1.17.1", List.of("pycparser")).text("pycparser-2.22.dist-info/METADATA",
                "Name: pycparser\nVersion: 2.22\n")));
    }

    @Test
    void unreadableRequirementOrVersion_isNeverAnError() throws Exception {
        ZipFixture zip = install(new ZipFixture(), "", "oddity", "1.0", List.of("???not a requirement",
                "foo; python_version <> \"3\"", "bar; unknown_variable == \"x\"", "weird>=2"));
        zip.text("weird-local.dist-info/METADATA", "Name: weird\nVersion: not a version\n");

        List<Finding> findings = function(zip);

        assertEquals(List.of(), findings.stream().filter(Finding::isError).toList());
        assertEquals(3, findings.size(), findings.toString());
        assertTrue(findings.stream().allMatch(f -> f.message().startsWith("oddity 1.0 declares a requirement this check "
                + "cannot read")), findings.toString());
    }

    @Test
    void metadataHeaders_endAtTheBlankLine_whateverEndsALine() throws Exception {
        byte[] metadata = ("Metadata-Version: 2.1\r\nName: a\rRequires-Dist: b>=1\nVersion: 1.0\r\n\r\n"
                + "Requires-Dist: in-the-description\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(List.of("Metadata-Version: 2.1", "Name: a", "Requires-Dist: b>=1", "Version: 1.0"),
                DependencyCheck.headerLines(metadata));
        assertEquals(List.of(), DependencyCheck.headerLines(new byte[0]));
    }
}
