package io.github.lambdazip.core;

import io.github.lambdazip.stage.FileStamp;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What an item's inputs looked like, without reading any file: its settings text and every staged file's name,
 * mode and {@link FileStamp}, in the order staging found them. The record of the last build equals the record of a
 * rebuild exactly when no setting changed and no file was added, removed, renamed or written: the usual no-op
 * rebuild is then two comparisons of bytes, with no hashing and no per-file lookups (in a JVM that has just
 * started, either costs more than the walk of the file system).
 */
final class RecordedInputs {

    private final byte[] settings;
    private final byte[] stamps;

    private RecordedInputs(byte[] settings, byte[] stamps) {
        this.settings = settings;
        this.stamps = stamps;
    }

    static RecordedInputs of(String settings, StagedTree tree) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(tree.size() * 96 + 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (StagedEntry entry : tree.entriesAsFound()) {
                byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
                FileStamp stamp = entry.stamp();
                out.writeInt(name.length);
                out.write(name);
                out.writeBoolean(entry.executable());
                out.writeLong(stamp.size());
                out.writeLong(stamp.modifiedNanos());
                out.writeLong(stamp.changedNanos());
                out.writeLong(stamp.inode());
            }
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return new RecordedInputs(settings.getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
    }

    boolean sameSettings(RecordedInputs other) {
        return Arrays.equals(settings, other.settings);
    }

    boolean sameFiles(RecordedInputs other) {
        return Arrays.equals(stamps, other.stamps);
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(4 + settings.length + stamps.length).putInt(settings.length).put(settings).put(stamps)
                .array();
    }

    /** The record {@link #toBytes} wrote, or null when the bytes are not one. */
    static RecordedInputs fromBytes(byte[] bytes, int offset) {
        if (bytes.length - offset < 4) {
            return null;
        }
        int settingsLength = ByteBuffer.wrap(bytes, offset, 4).getInt();
        if (settingsLength < 0 || settingsLength > bytes.length - offset - 4) {
            return null;
        }
        int stampsStart = offset + 4 + settingsLength;
        return new RecordedInputs(Arrays.copyOfRange(bytes, offset + 4, stampsStart),
                Arrays.copyOfRange(bytes, stampsStart, bytes.length));
    }
}
