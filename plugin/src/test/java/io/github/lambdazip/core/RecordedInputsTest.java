package io.github.lambdazip.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.stage.FileStamp;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    @Test
    void layoutIsTheOneEarlierBuildsRecorded() throws Exception {
        // Records written by earlier builds must still compare equal, or every upgrade would repackage everything.
        FileStamp first = new FileStamp(120, 1_700_000_000_123_456_789L, 1_700_000_001_000_000_007L, 4242);
        FileStamp second = new FileStamp(7, 5, 6, 1L << 40);
        StagedTree tree = tree(entry("zeta/é.py", false, first), entry("app.py", true, second));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeInt("settings".length());
        out.write("settings".getBytes(StandardCharsets.UTF_8));
        // entries in the order staging found them, not name order
        for (Object[] e : new Object[][] {{"zeta/é.py", false, first}, {"app.py", true, second}}) {
            byte[] name = ((String) e[0]).getBytes(StandardCharsets.UTF_8);
            FileStamp stamp = (FileStamp) e[2];
            out.writeInt(name.length);
            out.write(name);
            out.writeBoolean((Boolean) e[1]);
            out.writeLong(stamp.size());
            out.writeLong(stamp.modifiedNanos());
            out.writeLong(stamp.changedNanos());
            out.writeLong(stamp.inode());
        }

        assertArrayEquals(expected.toByteArray(), RecordedInputs.of("settings", tree).toBytes());
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
        RecordedInputs written = RecordedInputs.of("layers: none", tree(entry("a.py", true, new FileStamp(1, 2, 3, 4))));
        byte[] bytes = written.toBytes();
        byte[] prefixed = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, prefixed, 3, bytes.length);

        RecordedInputs read = RecordedInputs.fromBytes(prefixed, 3);

        assertTrue(read.sameFiles(written));
        assertTrue(read.sameSettings(written));
        assertNull(RecordedInputs.fromBytes(new byte[] {0, 0, 0, 99, 1}, 0), "a settings length past the end is no record");
    }
}
