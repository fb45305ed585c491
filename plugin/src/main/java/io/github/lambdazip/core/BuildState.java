package io.github.lambdazip.core;

import io.github.lambdazip.common.AtomicFiles;
import io.github.lambdazip.hash.Sha256Digest;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the last build wrote, one file per function or layer in {@code .lambda-zip-state/}: the input fingerprint,
 * the zip it gave (size, time stamp, unzipped size, entries, SHA-256), and each packaged file's stamp and CRC-32.
 * A zip is up to date when the fingerprint is unchanged and the files on disk are still the ones written. A
 * missing, damaged or foreign state file only means a full rebuild.
 */
final class BuildState {

    static final String FOLDER = ".lambda-zip-state";

    /** The recorded stamp and CRC-32 of each file of one zip. */
    static final class Index {
        private final Map<String, String[]> files = new HashMap<>();

        /** The recorded CRC-32 when the file's stamp is the one recorded, else null. */
        Long crcIfUnchanged(StagedEntry entry) {
            String[] recorded = files.get(entry.name());
            if (recorded == null || entry.stamp().isEmpty() || !recorded[1].equals(entry.stamp())) {
                return null;
            }
            return Long.parseLong(recorded[0], 16);
        }
    }

    private record Summary(String fingerprint, long zipSize, long zipModified, long uncompressedSize, int entries,
            String sha256) {}

    private final Path folder;

    BuildState(Path outputDirectory) {
        this.folder = outputDirectory.resolve(FOLDER);
    }

    /** The recorded file index of a zip, or null when there is none. */
    Index index(String name) {
        try {
            Path file = folder.resolve(name + ".state");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Index index = new Index();
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split("\t", 3);
                if (parts.length == 3) {
                    index.files.put(parts[2], new String[] {parts[0], parts[1]});
                }
            }
            return index;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The recorded result when the zip for these inputs is still in place, untouched. */
    ArtifactResult upToDate(ArtifactSpec spec, String fingerprint, Path zip) {
        try {
            Path file = folder.resolve(spec.name() + ".state");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String first;
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                first = reader.readLine();
            }
            String[] parts = first == null ? new String[0] : first.split(" ");
            if (parts.length != 6) {
                return null;
            }
            Summary summary = new Summary(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]), Integer.parseInt(parts[4]), parts[5]);
            if (!summary.fingerprint().equals(fingerprint) || !Files.isRegularFile(zip)
                    || Files.size(zip) != summary.zipSize()
                    || Files.getLastModifiedTime(zip).toMillis() != summary.zipModified()
                    || !Files.isRegularFile(zip.resolveSibling(zip.getFileName() + ".sha256"))
                    || !Files.isRegularFile(zip.resolveSibling(zip.getFileName() + ".base64sha256"))) {
                return null;
            }
            return new ArtifactResult(spec, zip, summary.zipSize(), summary.uncompressedSize(), summary.entries(),
                    Sha256Digest.fromHex(summary.sha256()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    void write(ArtifactResult result, String fingerprint, StagedTree tree, long[] crcs) throws IOException {
        Files.createDirectories(folder);
        StringBuilder out = new StringBuilder(64 + tree.size() * 80);
        out.append(String.join(" ", fingerprint, Long.toString(result.size()),
                Long.toString(Files.getLastModifiedTime(result.zip()).toMillis()), Long.toString(result.uncompressedSize()),
                Integer.toString(result.entries()), result.sha256().hex())).append('\n');
        int i = 0;
        for (StagedEntry entry : tree.entries()) {
            out.append(Long.toHexString(crcs[i++])).append('\t').append(entry.stamp()).append('\t').append(entry.name())
                    .append('\n');
        }
        AtomicFiles.write(folder.resolve(result.spec().name() + ".state"), out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
