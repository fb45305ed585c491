package io.github.lambdazip.lock;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.pep.MarkerEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The hand-written lock files under src/test/resources, and small helpers over results. */
final class Fixtures {

    private Fixtures() {}

    static Path fixture(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a fixture folder, so a test can change a file in it. */
    static Path copy(String folder, Path target) {
        try {
            Path source = fixture(folder);
            Files.createDirectories(target);
            try (var files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName().toString()));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MarkerEnvironment env(String runtime, String architecture) {
        try {
            return MarkerEnvironment.lambda(PythonRuntime.fromId(runtime), Architecture.fromId(architecture));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** name to version (or the source location when unversioned), in name order. */
    static Map<String, String> versions(ResolvedDependencies resolved) {
        Map<String, String> out = new TreeMap<>();
        for (LockedPackage p : resolved.packages()) {
            out.put(p.name(), p.version() != null ? p.version() : String.valueOf(p.requirement()));
        }
        return out;
    }

    static LockedPackage find(ResolvedDependencies resolved, String name) {
        return resolved.packages().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + resolved.packages()));
    }

    static ResolvedDependencies resolve(Path file, MarkerEnvironment env, String... groups) throws Exception {
        return LockFileResolver.resolve(file, env, List.of(groups));
    }

    static String sha(String label) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(label.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path dir, String name, String content) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
