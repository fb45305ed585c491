package io.github.lambdazip.core;

import io.github.lambdazip.common.AtomicFiles;
import io.github.lambdazip.hash.Sha256Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the last build wrote, per function or layer: the input fingerprint and the zip it gave (size, time stamp,
 * unzipped size, entries, SHA-256). A zip is up to date when its fingerprint is unchanged and the files on disk are
 * still the ones written; a damaged or foreign state file only means a full rebuild.
 */
final class BuildState {

    static final String FILE = ".lambda-zip-state";

    record Entry(String name, String fingerprint, long zipSize, long zipModified, long uncompressedSize, int entries,
            String sha256) {

        String line() {
            return String.join(" ", name, fingerprint, Long.toString(zipSize), Long.toString(zipModified),
                    Long.toString(uncompressedSize), Integer.toString(entries), sha256);
        }
    }

    private final Map<String, Entry> entries;

    private BuildState(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static BuildState load(Path outputDirectory) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Path file = outputDirectory.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] parts = line.split(" ");
                    if (parts.length == 7) {
                        entries.put(parts[0], new Entry(parts[0], parts[1], Long.parseLong(parts[2]),
                                Long.parseLong(parts[3]), Long.parseLong(parts[4]), Integer.parseInt(parts[5]), parts[6]));
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            entries.clear(); // rebuild everything
        }
        return new BuildState(entries);
    }

    /** The recorded result when the zip for these inputs is still in place, untouched. */
    ArtifactResult upToDate(ArtifactSpec spec, String fingerprint, Path zip) {
        Entry entry = entries.get(spec.name());
        try {
            if (entry == null || !entry.fingerprint().equals(fingerprint) || !Files.isRegularFile(zip)
                    || Files.size(zip) != entry.zipSize()
                    || Files.getLastModifiedTime(zip).toMillis() != entry.zipModified()
                    || !Files.isRegularFile(zip.resolveSibling(zip.getFileName() + ".sha256"))
                    || !Files.isRegularFile(zip.resolveSibling(zip.getFileName() + ".base64sha256"))) {
                return null;
            }
            return new ArtifactResult(spec, zip, entry.zipSize(), entry.uncompressedSize(), entry.entries(),
                    Sha256Digest.fromHex(entry.sha256()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static void write(Path outputDirectory, List<ArtifactResult> results, Map<String, String> fingerprints)
            throws IOException {
        StringBuilder out = new StringBuilder();
        for (ArtifactResult result : results) {
            out.append(new Entry(result.spec().name(), fingerprints.get(result.spec().name()), result.size(),
                    Files.getLastModifiedTime(result.zip()).toMillis(), result.uncompressedSize(), result.entries(),
                    result.sha256().hex()).line()).append('\n');
        }
        AtomicFiles.write(outputDirectory.resolve(FILE), out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
