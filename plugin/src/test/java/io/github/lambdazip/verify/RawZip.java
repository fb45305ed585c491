package io.github.lambdazip.verify;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes zips record by record, stored (method 0), so a test can make the local header and the central directory
 * disagree in any one field, share or overlap data, leave gaps, hide records, or add end records. With no changes
 * it writes a plain, valid zip.
 */
final class RawZip {

    /** One entry; every field defaults to the truth and can be changed on either side. */
    static final class Entry {
        final String name;
        final byte[] data;
        final long crc;
        String localName;
        int method = 0;
        int localMethod = -1;
        int flags = 0x0800;
        int localFlags = -1;
        Long localCrc;
        Long localSize;
        /** Write a data descriptor (flag bit 3) with zeros in the local header. */
        boolean descriptor;
        boolean descriptorSignature = true;
        Long descriptorCrc;
        /** Point the central entry at another entry's local record. */
        Entry sharesWith;
        /** Point the central entry this many bytes into its own record (into the previous entry's data when negative). */
        long offsetShift;
        /** Leave the entry out of the central directory (a hidden local record). */
        boolean hidden;
        /** Bytes written after this entry's data. */
        byte[] after = new byte[0];
        /** A Zip64 extra field in the central entry with these (size, compressed size) values, classic ones kept. */
        long[] zip64Sizes;
        long offset;

        Entry(String name, byte[] data) {
            this.name = name;
            this.data = data;
            CRC32 crc32 = new CRC32();
            crc32.update(data);
            this.crc = crc32.getValue();
        }
    }

    final List<Entry> entries = new ArrayList<>();
    byte[] prefix = new byte[0];
    byte[] beforeEnd = new byte[0];
    byte[] comment = new byte[0];
    byte[] trailing = new byte[0];
    Integer countOverride;
    /** Write a Zip64 end record and locator, with this entry count in it. */
    Long zip64Count;

    Entry add(String name, String content) {
        Entry entry = new Entry(name, content.getBytes(StandardCharsets.UTF_8));
        entries.add(entry);
        return entry;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        for (Entry entry : entries) {
            entry.offset = out.size();
            byte[] name = (entry.localName != null ? entry.localName : entry.name).getBytes(StandardCharsets.UTF_8);
            int flags = (entry.localFlags >= 0 ? entry.localFlags : entry.flags) | (entry.descriptor ? 0x0008 : 0);
            ByteBuffer local = buffer(30 + name.length);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) flags)
                    .putShort((short) (entry.localMethod >= 0 ? entry.localMethod : entry.method)).putShort((short) 0)
                    .putShort((short) 0x21);
            if (entry.descriptor) {
                local.putInt(0).putInt(0).putInt(0);
            } else {
                long size = entry.localSize != null ? entry.localSize : entry.data.length;
                local.putInt((int) (entry.localCrc != null ? entry.localCrc : entry.crc)).putInt((int) size).putInt((int) size);
            }
            local.putShort((short) name.length).putShort((short) 0).put(name);
            out.writeBytes(local.array());
            out.writeBytes(entry.data);
            if (entry.descriptor) {
                ByteBuffer descriptor = buffer(entry.descriptorSignature ? 16 : 12);
                if (entry.descriptorSignature) {
                    descriptor.putInt(0x08074b50);
                }
                descriptor.putInt((int) (entry.descriptorCrc != null ? entry.descriptorCrc : entry.crc))
                        .putInt(entry.data.length).putInt(entry.data.length);
                out.writeBytes(descriptor.array());
            }
            out.writeBytes(entry.after);
        }
        long directory = out.size();
        int count = 0;
        for (Entry entry : entries) {
            if (entry.hidden) {
                continue;
            }
            count++;
            byte[] name = entry.name.getBytes(StandardCharsets.UTF_8);
            byte[] extra = new byte[0];
            if (entry.zip64Sizes != null) {
                extra = buffer(20).putShort((short) 1).putShort((short) 16).putLong(entry.zip64Sizes[0])
                        .putLong(entry.zip64Sizes[1]).array();
            }
            long offset = (entry.sharesWith != null ? entry.sharesWith.offset : entry.offset) + entry.offsetShift;
            ByteBuffer central = buffer(46 + name.length + extra.length);
            central.putInt(0x02014b50).putShort((short) (3 << 8 | 20)).putShort((short) 20)
                    .putShort((short) (entry.flags | (entry.descriptor ? 0x0008 : 0))).putShort((short) entry.method)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) entry.crc).putInt(entry.data.length)
                    .putInt(entry.data.length).putShort((short) name.length).putShort((short) extra.length)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0100644 << 16).putInt((int) offset)
                    .put(name).put(extra);
            out.writeBytes(central.array());
        }
        long directorySize = out.size() - directory;
        out.writeBytes(beforeEnd);
        if (zip64Count != null) {
            long zip64End = out.size();
            out.writeBytes(buffer(56).putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0)
                    .putInt(0).putLong(zip64Count).putLong(zip64Count).putLong(directorySize).putLong(directory).array());
            out.writeBytes(buffer(20).putInt(0x07064b50).putInt(0).putLong(zip64End).putInt(1).array());
        }
        int recorded = countOverride != null ? countOverride : count;
        out.writeBytes(buffer(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) recorded)
                .putShort((short) recorded).putInt((int) directorySize).putInt((int) directory)
                .putShort((short) comment.length).array());
        out.writeBytes(comment);
        out.writeBytes(trailing);
        return out.toByteArray();
    }

    /** A valid end-of-central-directory record for an empty zip, to hide inside a comment. */
    static byte[] emptyEndRecord() {
        return buffer(22).putInt(0x06054b50).array();
    }

    Path write(Path file) throws java.io.IOException {
        Files.write(file, build());
        return file;
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
