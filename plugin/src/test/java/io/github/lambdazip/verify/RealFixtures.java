package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files nobody on this team wrote, as the verify tests judge them: Debian 12 packages unpacked by
 * {@code .ci/debian-test-packages.sh} (the folder is the system property {@code lambdazip.test.debian}), and the
 * native libraries inside test-scoped Maven Central jars (sqlite-jdbc, zstd-jni; JNA comes with docker-java). A
 * missing fixture fails the test with the command that fetches it; it is never skipped.
 */
final class RealFixtures {

    private RealFixtures() {}

    /** The unpacked Debian package, e.g. ("python3-yaml", "arm64"). */
    static Path debian(String packageName, String architecture) {
        String folder = System.getProperty("lambdazip.test.debian",
                System.getProperty("user.home") + "/.cache/lambdazip-test/debian");
        Path root = Path.of(folder).resolve(packageName + "_" + architecture);
        assertTrue(Files.isRegularFile(root.resolve(".complete")),
                "missing test fixture " + root + ": run .ci/debian-test-packages.sh (.ci/test.sh does) to fetch "
                        + packageName + ":" + architecture + " with apt");
        return root;
    }

    /** A file of an unpacked Debian package's dist-packages, e.g. ("python3-yaml", "amd64", "yaml/_yaml...so"). */
    static Path distPackages(String packageName, String architecture, String file) {
        Path path = debian(packageName, architecture).resolve("usr/lib/python3/dist-packages").resolve(file);
        assertTrue(Files.isRegularFile(path), "the Debian package " + packageName + " has no " + file);
        return path;
    }

    /** The one file under an unpacked package with that name, e.g. libyaml-0.so.2 (a link is followed). */
    static Path find(String packageName, String architecture, String fileName) throws IOException {
        try (Stream<Path> files = Files.walk(debian(packageName, architecture))) {
            List<Path> found = new ArrayList<>(files.filter(p -> p.getFileName().toString().equals(fileName)).toList());
            assertTrue(found.size() == 1, "expected one " + fileName + " in " + packageName + ", found " + found);
            return found.get(0).toRealPath();
        }
    }

    /** A resource from a test-scoped jar, e.g. org/sqlite/native/FreeBSD/x86_64/libsqlitejdbc.so. */
    static byte[] jarResource(String path) throws IOException {
        try (InputStream in = RealFixtures.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, "no " + path + " on the test class path: the test-scoped jars in plugin/pom.xml hold it");
            return in.readAllBytes();
        }
    }
}
