package io.github.lambdazip.core;

import io.github.lambdazip.common.AtomicFiles;
import io.github.lambdazip.hash.Sha256Digest;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the last build wrote, two files per function or layer in {@code .lambda-zip-state/}: the {@code .state} file
 * with the input fingerprint, the zip it gave (size, time stamp, unzipped size, entries, SHA-256), the files digest,
 * and each packaged file's stamp and CRC-32; and the {@code .inputs} file with the {@link RecordedInputs}.
 * A zip is up to date when the fingerprint is unchanged and the files on disk are still the ones written. A
 * missing, damaged or foreign state file only means a full rebuild.
 */
final class BuildState {

    static final String FOLDER = ".lambda-zip-state";
    private static final int SHA256_HEX = 64;

    /** The recorded stamp and CRC-32 of each file of one zip. */
    static final class Index {
        private final Map<String, String[]> files = new HashMap<>();

        /** The recorded CRC-32 when the file's stamp is the one recorded, else null. */
        Long crcIfUnchanged(StagedEntry entry) {
            String[] recorded = files.get(entry.name());
            if (recorded == null || !recorded[1].equals(entry.stamp().toString())) {
                return null;
            }
            return Long.parseLong(recorded[0], 16);
        }
    }

    /**
     * The first line of a state file: what the last build of one zip wrote, with the digest of its files as
     * {@link InputFingerprint} defines it.
     */
    record Summary(String fingerprint, long zipSize, long zipModified, long uncompressedSize, int entries, String sha256,
            String filesDigest) {}

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

    /** The summary of the last build of a zip, or null when there is none or it cannot be read. */
    Summary summary(String name) {
        try {
            Path file = folder.resolve(name + ".state");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String first;
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                first = reader.readLine();
            }
            String[] parts = first == null ? new String[0] : first.split(" ");
            if (parts.length != 7) {
                return null;
            }
            return new Summary(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                    Integer.parseInt(parts[4]), parts[5], parts[6]);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The recorded result when the zip the summary describes is still in place, untouched, for these inputs. */
    static ArtifactResult upToDate(ArtifactSpec spec, Summary summary, String fingerprint, Path zip) {
        try {
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

    /**
     * The inputs recorded with this summary, or null. The record starts with the zip's SHA-256, so a record left by
     * another build (one stopped between writing the two files) is never taken for this one.
     */
    RecordedInputs recordedInputs(String name, Summary summary) {
        try {
            Path file = folder.resolve(name + ".inputs");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            byte[] recorded = Files.readAllBytes(file);
            if (recorded.length < SHA256_HEX || !Arrays.equals(recorded, 0, SHA256_HEX,
                    summary.sha256().getBytes(StandardCharsets.US_ASCII), 0, SHA256_HEX)) {
                return null;
            }
            return RecordedInputs.fromBytes(recorded, SHA256_HEX);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    void write(ArtifactResult result, String fingerprint, String filesDigest, RecordedInputs inputs, StagedTree tree,
            long[] crcs) throws IOException {
        Files.createDirectories(folder);
        StringBuilder out = new StringBuilder(64 + tree.size() * 80);
        out.append(String.join(" ", fingerprint, Long.toString(result.size()),
                Long.toString(Files.getLastModifiedTime(result.zip()).toMillis()), Long.toString(result.uncompressedSize()),
                Integer.toString(result.entries()), result.sha256().hex(), filesDigest)).append('\n');
        int i = 0;
        for (StagedEntry entry : tree.entries()) {
            out.append(Long.toHexString(crcs[i++])).append('\t').append(entry.stamp()).append('\t').append(entry.name())
                    .append('\n');
        }
        AtomicFiles.write(folder.resolve(result.spec().name() + ".state"), out.toString().getBytes(StandardCharsets.UTF_8));
        byte[] record = inputs.toBytes();
        byte[] block = new byte[SHA256_HEX + record.length];
        System.arraycopy(result.sha256().hex().getBytes(StandardCharsets.US_ASCII), 0, block, 0, SHA256_HEX);
        System.arraycopy(record, 0, block, SHA256_HEX, record.length);
        AtomicFiles.write(folder.resolve(result.spec().name() + ".inputs"), block);
    }
}
