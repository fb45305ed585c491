package io.github.lambdazip.state;

import io.github.lambdazip.stage.FileStamp;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an item's inputs looked like, without reading any file: its settings text and every staged file's name,
 * mode and {@link FileStamp}, in the order staging found them. The record of the last build equals the record of a
 * rebuild exactly when no setting changed and no file was added, removed, renamed or written: the usual no-op
 * rebuild is then two comparisons of bytes, with no hashing and no per-file lookups (in a JVM that has just
 * started, either costs more than the walk of the file system). The record of a build also keeps the CRC-32 the
 * zip has for each file, so that when some stamps changed only those files are read again (see {@link #index()}).
 */
final class RecordedInputs {

    /** Marks the layout below; a record in any other (an older plugin's) is no record. */
    private static final byte[] MAGIC = {'L', 'Z', 'I', '4'};

    private final byte[] settings;
    private final byte[] stamps;
    /** The zip's CRC-32 of each file, in name order; empty for inputs not yet packaged. */
    private final int[] crcs;

    private RecordedInputs(byte[] settings, byte[] stamps, int[] crcs) {
        this.settings = settings;
        this.stamps = stamps;
        this.crcs = crcs;
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
        return new RecordedInputs(settings.getBytes(StandardCharsets.UTF_8), bytes.toByteArray(), new int[0]);
    }

    /** These inputs with the CRC-32 the zip written from them has for each file ({@code crcs} in name order). */
    RecordedInputs packagedAs(long[] crcs) {
        int[] values = new int[crcs.length];
        for (int i = 0; i < crcs.length; i++) {
            values[i] = (int) crcs[i];
        }
        return new RecordedInputs(settings, stamps, values);
    }

    boolean sameSettings(RecordedInputs other) {
        return Arrays.equals(settings, other.settings);
    }

    boolean sameFiles(RecordedInputs other) {
        return Arrays.equals(stamps, other.stamps);
    }

    /**
     * The recorded stamp and CRC-32 of every file, for a rebuild where some stamps changed; null when the record
     * has no CRCs or they do not match its files.
     */
    CrcIndex index() {
        try {
            return indexOrFail();
        } catch (RuntimeException damaged) {
            return null;
        }
    }

    private CrcIndex indexOrFail() {
        ByteBuffer in = ByteBuffer.wrap(stamps);
        List<String> names = new ArrayList<>();
        Map<String, FileStamp> stampsByName = new HashMap<>();
        while (in.hasRemaining()) {
            byte[] name = new byte[in.getInt()];
            in.get(name);
            in.get(); // the mode is part of every line of the files digest already
            String text = new String(name, StandardCharsets.UTF_8);
            names.add(text);
            stampsByName.put(text, new FileStamp(in.getLong(), in.getLong(), in.getLong(), in.getLong()));
        }
        if (names.size() != crcs.length) {
            return null;
        }
        // the CRCs come in name order, as the zip has its entries
        names.sort(null);
        CrcIndex index = new CrcIndex();
        for (int i = 0; i < crcs.length; i++) {
            index.put(names.get(i), stampsByName.get(names.get(i)), crcs[i] & 0xFFFF_FFFFL);
        }
        return index;
    }

    byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + settings.length + 4 + stamps.length + 4 + 4 * crcs.length);
        out.put(MAGIC).putInt(settings.length).put(settings).putInt(stamps.length).put(stamps).putInt(crcs.length);
        for (int crc : crcs) {
            out.putInt(crc);
        }
        return out.array();
    }

    /** The record {@link #toBytes} wrote, or null when the bytes are not one. */
    static RecordedInputs fromBytes(byte[] bytes, int offset) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                return null;
            }
            byte[] settings = new byte[in.getInt()];
            in.get(settings);
            byte[] stamps = new byte[in.getInt()];
            in.get(stamps);
            int[] crcs = new int[in.getInt()];
            for (int i = 0; i < crcs.length; i++) {
                crcs[i] = in.getInt();
            }
            return in.hasRemaining() ? null : new RecordedInputs(settings, stamps, crcs);
        } catch (RuntimeException notARecord) {
            // a negative or too large length, or too few bytes
            return null;
        }
    }
}
