package io.github.lambdazip.core;

import io.github.lambdazip.common.AtomicFiles;
import io.github.lambdazip.hash.Sha256Digest;
import io.github.lambdazip.stage.FileStamp;
import io.github.lambdazip.stage.StagedEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the last build wrote, two files per function or layer in {@code .lambda-zip-state/}: the {@code .state} file,
 * one line with the input fingerprint, the zip it gave (size, time stamp, unzipped size, entries, SHA-256) and the
 * files digest; and the {@code .inputs} file with the {@link RecordedInputs}, each file's stamp and CRC-32 included.
 * A zip is up to date when the fingerprint is unchanged and the files on disk are still the ones written. A
 * missing, damaged or foreign state file only means a full rebuild.
 */
final class BuildState {

    static final String FOLDER = ".lambda-zip-state";
    private static final int SHA256_HEX = 64;

    /** The recorded stamp and CRC-32 of each file of one zip. */
    static final class Index {
        private record Recorded(FileStamp stamp, long crc) {}

        private final Map<String, Recorded> files = new HashMap<>();

        void put(String name, FileStamp stamp, long crc) {
            files.put(name, new Recorded(stamp, crc));
        }

        /** The recorded CRC-32 when the file's stamp is the one recorded, else null. */
        Long crcIfUnchanged(StagedEntry entry) {
            Recorded recorded = files.get(entry.name());
            return recorded == null || !recorded.stamp().equals(entry.stamp()) ? null : recorded.crc();
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

    /** Records a zip just written, and the inputs it was written from (with the zip's CRC-32 of each file). */
    void write(ArtifactResult result, String fingerprint, String filesDigest, RecordedInputs inputs) throws IOException {
        Files.createDirectories(folder);
        String summary = String.join(" ", fingerprint, Long.toString(result.size()),
                Long.toString(Files.getLastModifiedTime(result.zip()).toMillis()), Long.toString(result.uncompressedSize()),
                Integer.toString(result.entries()), result.sha256().hex(), filesDigest) + "\n";
        AtomicFiles.write(folder.resolve(result.spec().name() + ".state"), summary.getBytes(StandardCharsets.UTF_8));
        byte[] record = inputs.toBytes();
        byte[] block = new byte[SHA256_HEX + record.length];
        System.arraycopy(result.sha256().hex().getBytes(StandardCharsets.US_ASCII), 0, block, 0, SHA256_HEX);
        System.arraycopy(record, 0, block, SHA256_HEX, record.length);
        AtomicFiles.write(folder.resolve(result.spec().name() + ".inputs"), block);
    }
}
