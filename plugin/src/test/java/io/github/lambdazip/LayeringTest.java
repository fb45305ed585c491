package io.github.lambdazip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps dependencies pointing one way: Maven only in maven/, docker-java only in docker/, no cycles. */
class LayeringTest {

    private static final Path MAIN = Path.of("src/main/java/io/github/lambdazip");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);

    /** Which of our packages each package may use. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("common", Set.of()),
            Map.entry("hash", Set.of("common")),
            Map.entry("stage", Set.of("common")),
            Map.entry("zip", Set.of("common", "hash", "stage")),
            Map.entry("state", Set.of("common", "hash", "stage", "zip")),
            Map.entry("verify", Set.of("common", "pep")),
            Map.entry("docker", Set.of("common")),
            Map.entry("pep", Set.of("common")),
            Map.entry("lock", Set.of("common", "pep")),
            Map.entry("pip", Set.of("common", "docker", "hash", "pep", "lock")),
            Map.entry("bytecode", Set.of("common", "docker", "hash")),
            Map.entry("core", Set.of("common", "hash", "stage", "zip", "state", "verify", "docker", "pip", "pep", "lock",
                    "bytecode")),
            Map.entry("maven", Set.of("common", "core")));

    @Test
    void packages_importOnlyWhatTheirLayerAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(file).getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(file + ": package '" + pkg + "' is not in the layering table");
                    continue;
                }
                Matcher imports = IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String imported = imports.group(1);
                    if (imported.startsWith("org.apache.maven") && !pkg.equals("maven")) {
                        violations.add(file + " imports Maven: " + imported);
                    }
                    if (imported.startsWith("com.github.dockerjava") && !pkg.equals("docker")) {
                        violations.add(file + " imports docker-java: " + imported);
                    }
                    if (imported.startsWith("io.github.lambdazip.")) {
                        String target = imported.substring("io.github.lambdazip.".length()).split("\\.")[0];
                        if (!target.equals(pkg) && !allowed.contains(target)) {
                            violations.add(file + " (" + pkg + ") may not import " + imported);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
