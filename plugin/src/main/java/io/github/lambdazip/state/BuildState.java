package io.github.lambdazip.state;

import io.github.lambdazip.common.AtomicFiles;
import io.github.lambdazip.hash.Sha256Digest;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import io.github.lambdazip.zip.PreviousZip;
import io.github.lambdazip.zip.ZipWriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a zip is up to date, and the record that makes the next answer cheap. Two files per function or layer
 * in {@code .lambda-zip-state/}: the {@code .state} file, one line with the input fingerprint, the zip it gave
 * (size, time stamp, unzipped size, entries, SHA-256) and the files digest; and the {@code .inputs} file with the
 * {@link RecordedInputs}, each file's stamp and CRC-32 included. A zip is up to date when its inputs give the
 * recorded fingerprint and the files on disk are still the ones written. A zip that is not up to date may still
 * lend the entries of unchanged files to the next one ({@link #previousZip}). A missing, damaged or foreign record
 * only means a full rebuild.
 */
public final class BuildState {

    static final String FOLDER = ".lambda-zip-state";
    private static final int SHA256_HEX = 64;

    /** The first line of a state file. */
    private record Summary(String fingerprint, long zipSize, long zipModified, long uncompressedSize, int entries,
            String sha256, String filesDigest) {}

    private final Path folder;
    /** The records {@link #upToDate} read, by name, for {@link #previousZip} to use without reading them again. */
    private final Map<String, RecordedInputs> read = new HashMap<>();
    /** What {@link #upToDate} found moved, by name, when no file was added, removed or renamed. */
    private final Map<String, StampChanges> changesByName = new HashMap<>();
    /** The first line of each state file read so far, by name; empty when there is none or it is damaged. */
    private final Map<String, Optional<Summary>> summaries = new HashMap<>();
    /** The inputs {@link #upToDate} was asked about, by name, and their record, which {@link #record} writes. */
    private final Map<String, Current> current = new HashMap<>();

    private record Current(TrackedInputs inputs, RecordedInputs record) {}

    public BuildState(Path outputDirectory) {
        this.folder = outputDirectory.resolve(FOLDER);
    }

    /**
     * The recorded zip when it is still in place, untouched, and was written from these inputs; else null. The
     * usual no-op is two comparisons of bytes (settings, then every file's stamp); when stamps moved, only the
     * files whose stamp moved are read again, so a touch that left the content as it was still counts as unchanged.
     */
    public RecordedZip upToDate(TrackedInputs inputs) {
        Summary summary = summary(inputs.name());
        if (summary == null || !stillInPlace(summary, inputs)) {
            return null;
        }
        RecordedInputs now = RecordedInputs.of(inputs.settings(), inputs.tree());
        current.put(inputs.name(), new Current(inputs, now));
        RecordedInputs then = recordedInputs(inputs.name(), summary);
        if (then != null) {
            read.put(inputs.name(), then);
        }
        boolean sameFiles = then != null && then.sameFiles(now);
        if (!(sameFiles && then.sameSettings(now))) {
            String files;
            StampChanges changes = sameFiles || then == null ? null : then.stampChanges(now);
            if (sameFiles) {
                changesByName.put(inputs.name(), new StampChanges(Set.of(), false));
                files = summary.filesDigest();
            } else if (changes != null) {
                // the files recorded, some with new stamps: the same files digest exactly when those have their content
                changesByName.put(inputs.name(), changes);
                if (changes.sizeOrModeChanged() || !sameCrcs(inputs.tree(), changes, then)) {
                    return null;
                }
                files = summary.filesDigest();
            } else {
                files = InputFingerprint.filesDigest(inputs.tree(), then == null ? null : then.index());
            }
            if (!InputFingerprint.of(inputs.settings(), files).equals(summary.fingerprint())) {
                return null;
            }
        }
        return new RecordedZip(summary.zipSize(), summary.uncompressedSize(), summary.entries(),
                Sha256Digest.fromHex(summary.sha256()));
    }

    /**
     * The zip in place when it is the one recorded (the size and modification time recorded, and the record of its
     * inputs), with the entries of the files whose stamp is the one recorded, when its entries were written with
     * {@code entryBytesKey} (see {@code ZipSettings#entryBytesKey}); else null. The writer still checks each entry's
     * bytes before it copies them.
     */
    public PreviousZip previousZip(TrackedInputs inputs, String entryBytesKey) {
        if (entryBytesKey == null) {
            return null;
        }
        Summary summary = summary(inputs.name());
        Path zip = inputs.outputs().zip();
        try {
            if (summary == null || !Files.isRegularFile(zip) || Files.size(zip) != summary.zipSize()
                    || Files.getLastModifiedTime(zip).toMillis() != summary.zipModified()) {
                return null;
            }
        } catch (IOException | RuntimeException gone) {
            return null;
        }
        RecordedInputs then = read.get(inputs.name());
        if (then == null) {
            then = recordedInputs(inputs.name(), summary);
        }
        return then == null ? null : then.previousZip(inputs.tree(), changesByName.get(inputs.name()), zip,
                summary.zipSize(), entryBytesKey);
    }

    /**
     * Whether the files whose stamp moved still have the CRC-32 recorded. The record has the same names as the tree,
     * so a file's place in the tree's name order is its place among the recorded CRCs.
     */
    private static boolean sameCrcs(StagedTree tree, StampChanges changes, RecordedInputs then) {
        if (then.crcCount() != tree.size()) {
            return false;
        }
        int position = 0;
        for (StagedEntry entry : tree.entries()) {
            if (changes.moved().contains(entry.name()) && InputFingerprint.crcOf(entry) != then.crcAt(position)) {
                return false;
            }
            position++;
        }
        return true;
    }

    /**
     * Records a zip just moved into place, and the inputs it was written from: the zip's CRC-32 of each file and,
     * when {@code entryBytesKey} is not null, where it has each entry's bytes and what they were written with.
     */
    public void record(TrackedInputs inputs, ZipWriteResult written, String entryBytesKey) throws IOException {
        long[] crcs = written.crcs();
        String files = InputFingerprint.filesDigest(inputs.tree(), crcs);
        String fingerprint = InputFingerprint.of(inputs.settings(), files);
        Files.createDirectories(folder);
        String sha256 = written.sha256().hex();
        String summary = String.join(" ", fingerprint, Long.toString(written.size()),
                Long.toString(Files.getLastModifiedTime(inputs.outputs().zip()).toMillis()),
                Long.toString(written.uncompressedSize()), Integer.toString(written.entries()), sha256, files) + "\n";
        AtomicFiles.write(folder.resolve(inputs.name() + ".state"), summary.getBytes(StandardCharsets.UTF_8));
        summaries.remove(inputs.name());
        Current known = current.get(inputs.name());
        RecordedInputs now = known != null && known.inputs() == inputs ? known.record()
                : RecordedInputs.of(inputs.settings(), inputs.tree());
        byte[] record = now.packagedAs(crcs, written.layout(), entryBytesKey).toBytes();
        byte[] block = new byte[SHA256_HEX + record.length];
        System.arraycopy(sha256.getBytes(StandardCharsets.US_ASCII), 0, block, 0, SHA256_HEX);
        System.arraycopy(record, 0, block, SHA256_HEX, record.length);
        AtomicFiles.write(folder.resolve(inputs.name() + ".inputs"), block);
    }

    /** The names of every zip this plugin recorded writing into the output folder, in name order. */
    public List<String> recordedNames() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".state"))
                    .map(n -> n.substring(0, n.length() - ".state".length())).sorted().toList();
        }
    }

    /** Forgets a zip that is no longer configured. */
    public void forget(String name) throws IOException {
        summaries.remove(name);
        Files.deleteIfExists(folder.resolve(name + ".state"));
        Files.deleteIfExists(folder.resolve(name + ".inputs"));
    }

    /** The summary of a name, read once per build: {@link #upToDate} and {@link #previousZip} both need it. */
    private Summary summary(String name) {
        return summaries.computeIfAbsent(name, n -> Optional.ofNullable(readSummary(n))).orElse(null);
    }

    private Summary readSummary(String name) {
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

    private static boolean stillInPlace(Summary summary, TrackedInputs inputs) {
        Path zip = inputs.outputs().zip();
        try {
            return Files.isRegularFile(zip) && Files.size(zip) == summary.zipSize()
                    && Files.getLastModifiedTime(zip).toMillis() == summary.zipModified()
                    && Files.isRegularFile(inputs.outputs().sha256File())
                    && Files.isRegularFile(inputs.outputs().base64File());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The inputs recorded with this summary, or null. The record starts with the zip's SHA-256, so a record left by
     * another build (one stopped between writing the two files) is never taken for this one.
     */
    private RecordedInputs recordedInputs(String name, Summary summary) {
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
}
