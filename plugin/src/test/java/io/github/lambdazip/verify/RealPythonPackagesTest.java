package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The import check on real third-party code: Debian 12's Python packages vendored into a function the way
 * {@code pip install -t src/} and a commit leave them (with their {@code *.egg-info}), and the way a tool that
 * strips metadata leaves them (without). Python 2 fallbacks, {@code six.moves}, optional integrations and
 * PyPy-only branches in that code must not fail the build.
 */
class RealPythonPackagesTest {

    private static final List<String> PACKAGES = List.of("python3-six", "python3-requests", "python3-urllib3",
            "python3-idna", "python3-certifi", "python3-chardet", "python3-charset-normalizer",
            "python3-typing-extensions", "python3-dateutil", "python3-jmespath", "python3-attr", "python3-openssl",
            "python3-jinja2", "python3-markupsafe", "python3-pkg-resources", "python3-simplejson", "python3-packaging",
            "python3-yaml", "python3-msgpack", "python3-cryptography");

    /** Optional dependencies those packages import under try/except ImportError, or Python 2-only modules. */
    private static final Set<String> OPTIONAL = Set.of("urllib3_secure_extra", "brotli", "brotlicffi", "bcrypt", "socks",
            "UserDict", "simplejson._speedups");

    /** A folder's files as package contents. */
    private static final class Folder implements PackageContents {
        final Map<String, Path> files = new TreeMap<>();

        @Override
        public Collection<String> names() {
            return files.keySet();
        }

        @Override
        public boolean contains(String name) {
            return files.containsKey(name);
        }

        @Override
        public byte[] read(String name) throws IOException {
            return Files.readAllBytes(files.get(name));
        }

        @Override
        public long size(String name) throws IOException {
            return Files.size(files.get(name));
        }
    }

    /** The packages' dist-packages as one function, with an app.py that imports every top-level name. */
    private static Folder vendored(boolean keepMetadata, Path dir) throws IOException {
        return vendored(PACKAGES, keepMetadata, dir);
    }

    private static Folder vendored(List<String> packages, boolean keepMetadata, Path dir) throws IOException {
        Folder folder = new Folder();
        Set<String> tops = new TreeSet<>();
        for (String name : packages) {
            Path root = RealFixtures.debian(name, "amd64").resolve("usr/lib/python3/dist-packages");
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String entry = root.relativize(file).toString();
                    boolean metadata = entry.contains(".egg-info") || entry.contains(".dist-info");
                    if (metadata && !keepMetadata) {
                        continue;
                    }
                    folder.files.put(entry, file);
                    String top = entry.split("/")[0];
                    if (!metadata && (entry.contains("/") || top.endsWith(".py"))) {
                        tops.add(top.replaceFirst("\\.py$", ""));
                    }
                }
            }
        }
        StringBuilder app = new StringBuilder();
        for (String top : tops) {
            app.append("import ").append(top).append('\n');
        }
        app.append("\ndef handler(event, context):\n    return 1\n");
        Path handler = Files.writeString(dir.resolve("app" + keepMetadata + ".py"), app);
        folder.files.put("app.py", handler);
        return folder;
    }

    private static List<Finding> check(PythonRuntime runtime, Folder folder) throws IOException {
        return new ImportCheck(new VerificationTarget(runtime, Architecture.X86_64), Set.of())
                .check("app.handler", folder, List.of());
    }

    @Test
    void vendoredDebianPackagesWithTheirEggInfo_areTrustedAsInstalledCode(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Folder folder = vendored(true, dir);
        assertTrue(folder.files.keySet().stream().anyMatch(n -> n.startsWith("requests-") && n.endsWith("top_level.txt")));
        for (PythonRuntime runtime : List.of(PythonRuntime.PYTHON_3_9, PythonRuntime.PYTHON_3_12, PythonRuntime.PYTHON_3_13)) {
            assertEquals(List.of(), check(runtime, folder), runtime.id());
        }
    }

    @Test
    void vendoredDebianPackagesWithoutMetadata_giveNoErrors_onlyWarningsForOptionalDependencies(
            @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Folder folder = vendored(false, dir);
        for (PythonRuntime runtime : List.of(PythonRuntime.PYTHON_3_9, PythonRuntime.PYTHON_3_13)) {
            List<Finding> findings = check(runtime, folder);
            assertEquals(List.of(), findings.stream().filter(Finding::isError).toList(), runtime.id());
            Set<String> warned = new TreeSet<>();
            for (Finding finding : findings) {
                warned.add(finding.message().replaceAll("^imports '([^']+)'.*$", "$1"));
            }
            assertTrue(OPTIONAL.containsAll(warned), runtime.id() + ": " + warned);
            // The false alarms this check used to raise on this code, each for a different reason.
            for (String never : List.of("StringIO", "Queue", "dummy_threading", "six.moves", "__pypy__",
                    "pkg_resources.extern", "__main__", "cStringIO")) {
                assertTrue(findings.stream().noneMatch(f -> f.message().startsWith("imports '" + never)),
                        runtime.id() + " " + never + ": " + findings);
            }
        }
    }

    /**
     * DEPENDENCY_MISSING on the same code: Debian keeps the extras' requirements in its {@code *.dist-info}
     * (attrs, cryptography), markers for old Pythons (kiwisolver) and one real dependency, httplib2's pyparsing.
     * Together nothing is missing on any runtime; without pyparsing, httplib2 is reported.
     */
    @Test
    void debianPackagesInstalledTogether_satisfyEachOther_andHttplib2WithoutPyparsingIsAnError(
            @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        List<String> complete = new java.util.ArrayList<>(PACKAGES);
        complete.addAll(List.of("python3-kiwisolver", "python3-grpcio", "python3-httplib2", "python3-pyparsing"));
        Folder folder = vendored(complete, true, dir);
        assertTrue(folder.files.containsKey("httplib2-0.20.4.dist-info/METADATA"));
        for (PythonRuntime runtime : List.of(PythonRuntime.PYTHON_3_9, PythonRuntime.PYTHON_3_12, PythonRuntime.PYTHON_3_13)) {
            for (Architecture architecture : Architecture.values()) {
                VerificationTarget target = new VerificationTarget(runtime, architecture);
                assertEquals(List.of(), new DependencyCheck(target).check(folder, false, List.of(), true),
                        runtime.id() + " " + architecture);
            }
        }

        folder.files.keySet().removeIf(name -> name.startsWith("pyparsing"));
        List<Finding> findings = new DependencyCheck(new VerificationTarget(PythonRuntime.PYTHON_3_12, Architecture.X86_64))
                .check(folder, false, List.of(), true);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Rule.DEPENDENCY_MISSING, findings.get(0).rule());
        assertEquals(Severity.ERROR, findings.get(0).severity());
        assertEquals("httplib2 0.20.4 requires pyparsing!=3.0.0,!=3.0.1,!=3.0.2,!=3.0.3,<4,>=2.4.2, which is not installed",
                findings.get(0).message());
    }
}
