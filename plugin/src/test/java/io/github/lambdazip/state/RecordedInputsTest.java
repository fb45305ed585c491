package io.github.lambdazip.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.stage.FileStamp;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordedInputsTest {

    private static StagedTree tree(StagedEntry... entries) throws Exception {
        StagedTree tree = new StagedTree();
        for (StagedEntry entry : entries) {
            tree.add(entry);
        }
        return tree;
    }

    private static StagedEntry entry(String name, boolean executable, FileStamp stamp) {
        return new StagedEntry(name, Path.of("/src", name), stamp.size(), executable, "<source> src", stamp);
    }

    /** Staging finds files in the folder's order; the zip, and so its CRCs, has them in name order. */
    @Test
    void indexGivesEachFileItsOwnCrc_thoughFoundOutOfNameOrder() throws Exception {
        StagedEntry zeta = entry("zeta/é.py", false, new FileStamp(120, 1_700_000_000_123_456_789L, 7, 4242));
        StagedEntry app = entry("app.py", true, new FileStamp(7, 5, 6, 1L << 40));
        StagedEntry mid = entry("lib/mid.py", false, new FileStamp(9, 9, 9, 9));
        StagedTree tree = tree(zeta, app, mid);
        long[] crcsInNameOrder = {0xFFFF_FFFFL, 0x1234_5678L, 0x8000_0001L}; // app.py, lib/mid.py, zeta/é.py

        byte[] bytes = RecordedInputs.of("settings", tree).packagedAs(crcsInNameOrder).toBytes();
        CrcIndex index = RecordedInputs.fromBytes(bytes, 0).index();

        assertEquals(0xFFFF_FFFFL, index.crcIfUnchanged(app));
        assertEquals(0x1234_5678L, index.crcIfUnchanged(mid));
        assertEquals(0x8000_0001L, index.crcIfUnchanged(zeta));
        StagedEntry touched = entry("app.py", true, new FileStamp(7, 5, 8, 1L << 40));
        assertNull(index.crcIfUnchanged(touched), "a file with a new stamp has to be read again");
        assertNull(index.crcIfUnchanged(entry("new.py", false, new FileStamp(1, 1, 1, 1))));
    }

    @Test
    void anyFieldOfAnyStampMakesTheFilesDiffer() throws Exception {
        FileStamp stamp = new FileStamp(10, 20, 30, 40);
        RecordedInputs base = RecordedInputs.of("s", tree(entry("a.py", false, stamp), entry("b.py", false, stamp)));
        FileStamp[] changed = {new FileStamp(11, 20, 30, 40), new FileStamp(10, 21, 30, 40),
                new FileStamp(10, 20, 31, 40), new FileStamp(10, 20, 30, 41)};
        for (FileStamp other : changed) {
            RecordedInputs now = RecordedInputs.of("s", tree(entry("a.py", false, stamp), entry("b.py", false, other)));
            assertFalse(base.sameFiles(now), other.toString());
            assertTrue(base.sameSettings(now));
        }
        assertFalse(base.sameFiles(RecordedInputs.of("s", tree(entry("a.py", false, stamp), entry("b.py", true, stamp)))));
        assertFalse(base.sameFiles(RecordedInputs.of("s", tree(entry("a.py", false, stamp)))));
        assertFalse(base.sameSettings(RecordedInputs.of("t", tree(entry("a.py", false, stamp), entry("b.py", false, stamp)))));
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        StagedTree tree = tree(entry("a.py", true, new FileStamp(1, 2, 3, 4)));
        RecordedInputs written = RecordedInputs.of("layers: none", tree).packagedAs(new long[] {42});
        byte[] bytes = written.toBytes();
        byte[] prefixed = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, prefixed, 3, bytes.length);

        RecordedInputs read = RecordedInputs.fromBytes(prefixed, 3);

        assertTrue(read.sameFiles(written));
        assertTrue(read.sameSettings(written));
        assertEquals(42L, read.index().crcIfUnchanged(tree.get("a.py")));
    }

    /** A damaged record, or one an older plugin wrote, is no record: the rebuild reads the files instead. */
    @Test
    void damagedOrOlderRecords_areNone() throws Exception {
        StagedTree tree = tree(entry("a.py", false, new FileStamp(1, 2, 3, 4)), entry("b.py", false, new FileStamp(5, 6, 7, 8)));
        byte[] good = RecordedInputs.of("s", tree).packagedAs(new long[] {1, 2}).toBytes();
        assertNotNull(RecordedInputs.fromBytes(good, 0));
        for (int length = 0; length < good.length; length++) {
            assertNull(RecordedInputs.fromBytes(Arrays.copyOf(good, length), 0), "cut at " + length);
        }
        assertNull(RecordedInputs.fromBytes(Arrays.copyOf(good, good.length + 1), 0), "a byte too many");

        // the layout of format 3: settings length, settings, stamps; no CRCs
        ByteArrayOutputStream older = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(older);
        out.writeInt(1);
        out.write("s".getBytes(StandardCharsets.UTF_8));
        out.writeInt(4);
        out.write("a.py".getBytes(StandardCharsets.UTF_8));
        out.writeBoolean(false);
        for (long field : new long[] {1, 2, 3, 4}) {
            out.writeLong(field);
        }
        assertNull(RecordedInputs.fromBytes(older.toByteArray(), 0));

        // CRCs that do not match the files give no index, never CRCs for the wrong files
        byte[] fewer = RecordedInputs.of("s", tree).packagedAs(new long[] {1}).toBytes();
        assertNull(RecordedInputs.fromBytes(fewer, 0).index());
    }
}
