package io.github.lambdazip.state;

import io.github.lambdazip.stage.FileStamp;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import io.github.lambdazip.zip.PreviousZip;
import io.github.lambdazip.zip.ZipLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an item's inputs looked like, without reading any file: its settings text and every staged file's name,
 * mode and {@link FileStamp}, in the order staging found them. The record of the last build equals the record of a
 * rebuild exactly when no setting changed and no file was added, removed, renamed or written: the usual no-op
 * rebuild is then two comparisons of bytes, with no hashing and no per-file lookups (in a JVM that has just
 * started, either costs more than the walk of the file system). The record of a build also keeps the CRC-32 the
 * zip has for each file, so that when some stamps changed only those files are read again (see {@link #index()}),
 * and where the zip has each entry's bytes, so that the entries of unchanged files can be copied from it (see
 * {@link #previousZip}).
 */
final class RecordedInputs {

    /** Marks the layout below; a record in any other (an older plugin's) is no record. */
    private static final byte[] MAGIC = {'L', 'Z', 'I', '5'};
    /** The mode (1 byte) and the stamp of a file (size, modified, changed, inode: 8 bytes each), after its name. */
    private static final int STAMP_BYTES = 33;
    private static final ZipLayout NO_LAYOUT = new ZipLayout(new long[0], new int[0], new long[0], new int[0]);

    private final byte[] settings;
    private final byte[] stamps;
    /** The zip's CRC-32 of each file, in name order; empty for inputs not yet packaged. */
    private final int[] crcs;
    /** What the zip's entries were written with ({@code ZipSettings#entryBytesKey}); empty when not to be reused. */
    private final byte[] entryBytesKey;
    /** Where the zip has each entry's bytes, in name order; empty when not known. */
    private final ZipLayout layout;
    private CrcIndex index;

    private RecordedInputs(byte[] settings, byte[] stamps, int[] crcs, byte[] entryBytesKey, ZipLayout layout) {
        this.settings = settings;
        this.stamps = stamps;
        this.crcs = crcs;
        this.entryBytesKey = entryBytesKey;
        this.layout = layout;
    }

    static RecordedInputs of(String settings, StagedTree tree) {
        List<StagedEntry> entries = tree.entriesAsFound();
        byte[][] names = new byte[entries.size()][];
        int length = 0;
        for (int i = 0; i < names.length; i++) {
            names[i] = entries.get(i).name().getBytes(StandardCharsets.UTF_8);
            length += 4 + names[i].length + STAMP_BYTES;
        }
        // one buffer of the exact size: a stream's call per field costs a cold JVM more than the walk's own work
        ByteBuffer out = ByteBuffer.allocate(length);
        for (int i = 0; i < names.length; i++) {
            StagedEntry entry = entries.get(i);
            FileStamp stamp = entry.stamp();
            out.putInt(names[i].length).put(names[i]).put((byte) (entry.executable() ? 1 : 0)).putLong(stamp.size())
                    .putLong(stamp.modifiedNanos()).putLong(stamp.changedNanos()).putLong(stamp.inode());
        }
        return new RecordedInputs(settings.getBytes(StandardCharsets.UTF_8), out.array(), new int[0], new byte[0],
                NO_LAYOUT);
    }

    /** These inputs with the CRC-32 the zip written from them has for each file ({@code crcs} in name order). */
    RecordedInputs packagedAs(long[] crcs) {
        return packagedAs(crcs, NO_LAYOUT, null);
    }

    /**
     * These inputs with the CRC-32 the zip written from them has for each file, and where it has their bytes, written
     * with {@code entryBytesKey} (null: the entries are not to be copied into a later zip).
     */
    RecordedInputs packagedAs(long[] crcs, ZipLayout layout, String entryBytesKey) {
        int[] values = new int[crcs.length];
        for (int i = 0; i < crcs.length; i++) {
            values[i] = (int) crcs[i];
        }
        boolean reusable = entryBytesKey != null && layout.size() == crcs.length;
        return new RecordedInputs(settings, stamps, values,
                reusable ? entryBytesKey.getBytes(StandardCharsets.UTF_8) : new byte[0], reusable ? layout : NO_LAYOUT);
    }

    /**
     * The entries of the recorded zip ({@code zip}, {@code zipSize} bytes) that may be copied into the zip of
     * {@code tree}: those whose file has the stamp recorded, when the zip's entries were written with
     * {@code entryBytesKey}; null when none may be.
     */
    PreviousZip previousZip(StagedTree tree, StampChanges changes, Path zip, long zipSize, String entryBytesKey) {
        if (entryBytesKey == null || layout.size() == 0
                || !Arrays.equals(this.entryBytesKey, entryBytesKey.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        // with the names recorded, in the same order, a file's place in the tree's name order is its place in the zip
        boolean sameNames = changes != null && tree.size() == layout.size();
        CrcIndex recorded = sameNames ? null : index();
        if (!sameNames && recorded == null) {
            return null;
        }
        PreviousZip.Entry[] entries = new PreviousZip.Entry[tree.size()];
        int position = 0;
        int copyable = 0;
        for (StagedEntry entry : tree.entries()) {
            int at = recorded != null ? recorded.positionIfUnchanged(entry)
                    : changes.moved().contains(entry.name()) ? -1 : position;
            if (at >= 0) {
                entries[position] = new PreviousZip.Entry(layout.offsets()[at], layout.methods()[at],
                        crcs[at] & 0xFFFF_FFFFL, entry.size(), layout.compressedSizes()[at], layout.dataCrcs()[at]);
                copyable++;
            }
            position++;
        }
        return new PreviousZip(zip, zipSize, entries, copyable);
    }

    boolean sameSettings(RecordedInputs other) {
        return Arrays.equals(settings, other.settings);
    }

    boolean sameFiles(RecordedInputs other) {
        return Arrays.equals(stamps, other.stamps);
    }

    /**
     * What differs between this record and {@code now}'s when both list the same names in the same order (the usual
     * edit: no file added, removed or renamed): the names whose stamp or mode moved, and whether any of them has
     * another size or mode, which alone makes it a change. Null when the names differ, or their order: then only
     * {@link #index()} can pair the files. One pass over the bytes of both, with no hashing and no map.
     */
    StampChanges stampChanges(RecordedInputs now) {
        ByteBuffer then = ByteBuffer.wrap(stamps);
        ByteBuffer later = ByteBuffer.wrap(now.stamps);
        Set<String> moved = new HashSet<>();
        boolean sizeOrModeChanged = false;
        while (then.hasRemaining() && later.hasRemaining()) {
            int start = then.position();
            int length = then.getInt();
            if (later.getInt() != length || !Arrays.equals(stamps, start + 4, start + 4 + length, now.stamps,
                    start + 4, start + 4 + length)) {
                return null;
            }
            // the mode (1 byte) and the stamp: size, modified, changed, inode (8 bytes each)
            int fields = start + 4 + length;
            if (!Arrays.equals(stamps, fields, fields + STAMP_BYTES, now.stamps, fields, fields + STAMP_BYTES)) {
                moved.add(new String(stamps, start + 4, length, StandardCharsets.UTF_8));
                sizeOrModeChanged |= stamps[fields] != now.stamps[fields]
                        || !Arrays.equals(stamps, fields + 1, fields + 9, now.stamps, fields + 1, fields + 9);
            }
            then.position(fields + STAMP_BYTES);
            later.position(fields + STAMP_BYTES);
        }
        return then.hasRemaining() || later.hasRemaining() ? null : new StampChanges(moved, sizeOrModeChanged);
    }

    /** The CRC-32 the record has for the file at {@code position} in name order. */
    long crcAt(int position) {
        return crcs[position] & 0xFFFF_FFFFL;
    }

    /** How many CRC-32s the record has: one per file once packaged. */
    int crcCount() {
        return crcs.length;
    }

    /**
     * The recorded stamp and CRC-32 of every file, for a rebuild where some stamps changed; null when the record
     * has no CRCs or they do not match its files.
     */
    CrcIndex index() {
        if (index == null) {
            try {
                index = indexOrFail();
            } catch (RuntimeException damaged) {
                return null;
            }
        }
        return index;
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
            index.put(names.get(i), stampsByName.get(names.get(i)), crcs[i] & 0xFFFF_FFFFL, i);
        }
        return index;
    }

    byte[] toBytes() {
        int entries = layout.size();
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + settings.length + 4 + stamps.length + 4
                + 4 * crcs.length + 4 + entryBytesKey.length + 4 + 13 * entries);
        out.put(MAGIC).putInt(settings.length).put(settings).putInt(stamps.length).put(stamps).putInt(crcs.length);
        for (int crc : crcs) {
            out.putInt(crc);
        }
        out.putInt(entryBytesKey.length).put(entryBytesKey).putInt(entries);
        // offsets and sizes fit in 4 bytes: the writer refuses a zip that needs Zip64 sizes or offsets
        for (int i = 0; i < entries; i++) {
            out.putInt((int) layout.offsets()[i]).put((byte) layout.methods()[i])
                    .putInt((int) layout.compressedSizes()[i]).putInt(layout.dataCrcs()[i]);
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
            byte[] key = new byte[in.getInt()];
            in.get(key);
            int entries = in.getInt();
            if (entries != 0 && entries != crcs.length) {
                return null;
            }
            ZipLayout layout = new ZipLayout(new long[entries], new int[entries], new long[entries], new int[entries]);
            for (int i = 0; i < entries; i++) {
                layout.offsets()[i] = in.getInt() & 0xFFFF_FFFFL;
                layout.methods()[i] = in.get();
                layout.compressedSizes()[i] = in.getInt() & 0xFFFF_FFFFL;
                layout.dataCrcs()[i] = in.getInt();
            }
            return in.hasRemaining() ? null : new RecordedInputs(settings, stamps, crcs, key, layout);
        } catch (RuntimeException notARecord) {
            // a negative or too large length, or too few bytes
            return null;
        }
    }
}
