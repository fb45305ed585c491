package io.github.lambdazip.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every way two zip readers can see different files in one zip, checked on the raw records: a reader that walks
 * the central directory (Lambda's extractor, Python's zipfile, Java's ZipFile) and one that streams local headers
 * (unzip -, Java's ZipInputStream, many scanners) must agree, and so must readers that pick the end record or the
 * Zip64 fields differently. Reported as {@link Rule#ZIP_AMBIGUOUS}: local header name, method, flags, CRC or sizes
 * that differ from the central directory (data descriptors honoured); entries whose data overlap or share one local
 * record; bytes before the first entry, between entries or before the end record; local records the central
 * directory does not list; more than one end record, or one hidden in the comment; Zip64 values that contradict
 * the classic ones; an entry count that does not match the directory.
 *
 * <p>Bounded: the file is read through a small window, never whole; the central directory is read once, entries
 * are capped at {@value #MAX_ENTRIES} and stored names at {@value #MAX_NAME_BYTES} bytes, and findings at
 * {@value #MAX_FINDINGS}.
 */
public final class ZipStructureCheck {

    static final int MAX_ENTRIES = 500_000;
    static final long MAX_NAME_BYTES = 64L * 1024 * 1024;
    static final int MAX_FINDINGS = 50;

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int DESCRIPTOR = 0x08074b50;
    private static final long MAX_32 = 0xffffffffL;
    private static final int MAX_16 = 0xffff;
    /** The general-purpose flags whose disagreement changes what is read: encryption, data descriptor. */
    private static final int COMPARED_FLAGS = 0x0001 | 0x0008;
    private static final int UTF8_FLAG = 0x0800;
    private static final String FIX = "rebuild the zip with one standard tool (this plugin, zip, Python's zipfile); a zip "
            + "whose readers disagree may have been tampered with, so check where it came from";

    /** One central-directory entry, with what its local record says once read. */
    private static final class Entry {
        byte[] name;
        int flags;
        int method;
        long crc;
        long compressedSize;
        long size;
        long offset;
        long end;

        String name() {
            return new String(name, StandardCharsets.UTF_8);
        }
    }

    /** The ways readers would disagree on this zip; empty for a consistent zip or a file that is no zip at all. */
    public List<Finding> check(Path file) {
        List<Finding> findings = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            new Run(new Window(channel), findings).go();
        } catch (IOException | RuntimeException e) {
            // Not readable as zip records at all: the integrity check reports the file as ZIP_CORRUPT.
        }
        return findings;
    }

    /** Reads little-endian fields through a 64 KiB window, so scattered small reads stay cheap. */
    private static final class Window {
        private final FileChannel channel;
        private final long size;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        private long start = -1;
        private int filled;

        Window(FileChannel channel) throws IOException {
            this.channel = channel;
            this.size = channel.size();
        }

        long size() {
            return size;
        }

        /** True when {@code length} bytes at {@code position} are in the file. */
        boolean has(long position, long length) {
            return position >= 0 && length >= 0 && position + length <= size;
        }

        private void load(long position, int length) throws IOException {
            if (start >= 0 && position >= start && position + length <= start + filled) {
                return;
            }
            buffer.clear();
            start = position;
            filled = 0;
            while (filled < buffer.capacity()) {
                int n = channel.read(buffer, position + filled);
                if (n <= 0) {
                    break;
                }
                filled += n;
            }
        }

        int u16(long position) throws IOException {
            load(position, 2);
            return buffer.getShort((int) (position - start)) & 0xffff;
        }

        long u32(long position) throws IOException {
            load(position, 4);
            return buffer.getInt((int) (position - start)) & MAX_32;
        }

        long u64(long position) throws IOException {
            load(position, 8);
            return buffer.getLong((int) (position - start));
        }

        byte[] bytes(long position, int length) throws IOException {
            byte[] out = new byte[length];
            int done = 0;
            while (done < length) {
                int chunk = Math.min(length - done, 32 * 1024);
                load(position + done, chunk);
                buffer.get((int) (position + done - start), out, done, chunk);
                done += chunk;
            }
            return out;
        }
    }

    private static final class Run {
        private final Window window;
        private final List<Finding> findings;
        private final List<Entry> entries = new ArrayList<>();

        Run(Window window, List<Finding> findings) {
            this.window = window;
            this.findings = findings;
        }

        private void add(String file, String message) {
            if (findings.size() < MAX_FINDINGS) {
                findings.add(Finding.error(Rule.ZIP_AMBIGUOUS, file, message, FIX));
            } else if (findings.size() == MAX_FINDINGS) {
                findings.add(Finding.error(Rule.ZIP_AMBIGUOUS, null, "more ways readers disagree than are listed "
                        + "here (" + MAX_FINDINGS + " shown)", FIX));
            }
        }

        void go() throws IOException {
            long size = window.size();
            if (size < 22) {
                return;
            }
            long tailStart = Math.max(0, size - (MAX_16 + 22));
            byte[] tail = window.bytes(tailStart, (int) (size - tailStart));
            ByteBuffer tailBuffer = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN);
            List<Long> candidates = new ArrayList<>();
            for (int i = tail.length - 22; i >= 0; i--) {
                if (tailBuffer.getInt(i) == END) {
                    candidates.add(tailStart + i);
                }
            }
            if (candidates.isEmpty()) {
                return;
            }
            // The real record is the first whose comment reaches exactly the end of the file; a later one can
            // only be inside its comment. Readers that search backwards for the signature take the last one.
            long end = -1;
            for (int i = candidates.size() - 1; i >= 0 && end < 0; i--) {
                long candidate = candidates.get(i);
                if (candidate + 22 + window.u16(candidate + 20) == size) {
                    end = candidate;
                }
            }
            if (end < 0) {
                end = candidates.get(0);
                long declaredEnd = end + 22 + window.u16(end + 20);
                add(null, declaredEnd < size ? (size - declaredEnd) + " bytes after the end-of-central-directory record "
                        + "and its comment: readers that search for the record from the end of the file and those that "
                        + "check its comment length find different records"
                        : "the end-of-central-directory record's comment runs past the end of the file");
            }
            int disk = window.u16(end + 4);
            int directoryDisk = window.u16(end + 6);
            long entriesHere = window.u16(end + 8);
            long count = window.u16(end + 10);
            long directorySize = window.u32(end + 12);
            long directoryOffset = window.u32(end + 16);
            if (disk != 0 || directoryDisk != 0) {
                add(null, "the end record says the zip spans several disks (a split archive): readers that "
                        + "ignore disk numbers and those that refuse them disagree");
            }
            if (entriesHere != count) {
                add(null, "the end record counts " + entriesHere + " entries on this disk but " + count + " in all");
            }
            long endOfDirectory = end;
            if (end >= 20 && window.u32(end - 20) == ZIP64_LOCATOR) {
                long zip64End = window.u64(end - 20 + 8);
                if (!window.has(zip64End, 56) || window.u32(zip64End) != ZIP64_END || zip64End > end - 20 - 56) {
                    add(null, "the Zip64 locator points at no Zip64 end record: readers that need Zip64 values and "
                            + "those that use the classic ones disagree");
                } else {
                    long count64 = window.u64(zip64End + 32);
                    long size64 = window.u64(zip64End + 40);
                    long offset64 = window.u64(zip64End + 48);
                    contradiction("entry count", count, MAX_16, count64);
                    contradiction("central directory size", directorySize, MAX_32, size64);
                    contradiction("central directory offset", directoryOffset, MAX_32, offset64);
                    count = count64;
                    directorySize = size64;
                    directoryOffset = offset64;
                    endOfDirectory = zip64End;
                }
            } else if (directorySize == MAX_32 || directoryOffset == MAX_32) {
                add(null, "the end record holds Zip64 markers (0xFFFFFFFF) but the zip has no Zip64 end record");
                return;
            }
            if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize > endOfDirectory) {
                return; // the directory does not fit: ZIP_CORRUPT, from the integrity check
            }
            if (directoryOffset + directorySize < endOfDirectory) {
                add(null, (endOfDirectory - directoryOffset - directorySize) + " bytes between the central directory "
                        + "and the end record, where a reader that searches backwards may find other records");
            }
            for (long candidate : candidates) {
                if (candidate != end && candidate > directoryOffset + directorySize) {
                    add(null, "a second end-of-central-directory record at offset " + candidate + (candidate > end
                            ? ", inside the comment: readers that search from the end of the file take it, others "
                                    + "take the real one"
                            : ", before the real one: readers disagree on which one ends the zip"));
                }
            }
            readDirectory(directoryOffset, directorySize, count);
            readLocalRecords(directoryOffset);
        }

        private void contradiction(String field, long classic, long marker, long zip64) {
            if (classic != marker && classic != zip64) {
                add(null, "the end record's " + field + " (" + classic + ") contradicts the Zip64 end record's ("
                        + zip64 + "): readers that honour Zip64 and those that do not see different directories");
            }
        }

        private void readDirectory(long offset, long size, long count) throws IOException {
            long at = offset;
            long end = offset + size;
            long names = 0;
            while (at + 46 <= end && window.u32(at) == CENTRAL) {
                if (entries.size() >= MAX_ENTRIES || names > MAX_NAME_BYTES) {
                    findings.add(Finding.warning(Rule.ZIP_AMBIGUOUS, null, "more than " + entries.size()
                            + " entries: only those were checked for disagreeing readers", FIX));
                    return;
                }
                Entry entry = new Entry();
                entry.flags = window.u16(at + 8);
                entry.method = window.u16(at + 10);
                entry.crc = window.u32(at + 16);
                entry.compressedSize = window.u32(at + 20);
                entry.size = window.u32(at + 24);
                int nameLength = window.u16(at + 28);
                int extraLength = window.u16(at + 30);
                int commentLength = window.u16(at + 32);
                int startDisk = window.u16(at + 34);
                entry.offset = window.u32(at + 42);
                long next = at + 46 + nameLength + extraLength + commentLength;
                if (next > end) {
                    add(null, "a central-directory entry runs past the end of the directory");
                    return;
                }
                entry.name = window.bytes(at + 46, nameLength);
                names += nameLength;
                zip64(entry, at + 46 + nameLength, extraLength, startDisk);
                entries.add(entry);
                at = next;
            }
            if (at != end) {
                add(null, (end - at) + " bytes of the central directory are not entries: readers that go by the "
                        + "directory's size and those that go by its entry count disagree");
            }
            if (entries.size() != count) {
                add(null, "the end record counts " + count + " entries but the central directory holds "
                        + entries.size() + ": readers that trust the count see a different list");
            }
        }

        /** Applies a central entry's Zip64 extra field, and reports one that contradicts the classic fields. */
        private void zip64(Entry entry, long extra, int length, int startDisk) throws IOException {
            long at = extra;
            long end = extra + length;
            while (at + 4 <= end) {
                int id = window.u16(at);
                int size = window.u16(at + 2);
                if (at + 4 + size > end) {
                    break;
                }
                if (id == 0x0001) {
                    long field = at + 4;
                    long fieldEnd = field + size;
                    boolean sizeMarked = entry.size == MAX_32;
                    boolean compressedMarked = entry.compressedSize == MAX_32;
                    boolean offsetMarked = entry.offset == MAX_32;
                    if (!sizeMarked && !compressedMarked && !offsetMarked && size >= 16) {
                        // Some writers put every field in; readers that take them over the classic ones must agree.
                        long size64 = window.u64(field);
                        long compressed64 = window.u64(field + 8);
                        if (size64 != entry.size || compressed64 != entry.compressedSize) {
                            add(entry.name(), "its Zip64 extra field gives sizes " + size64 + "/" + compressed64
                                    + " but the classic fields " + entry.size + "/" + entry.compressedSize
                                    + ": readers that prefer either see different data");
                        }
                    }
                    if (sizeMarked && field + 8 <= fieldEnd) {
                        entry.size = window.u64(field);
                        field += 8;
                    }
                    if (compressedMarked && field + 8 <= fieldEnd) {
                        entry.compressedSize = window.u64(field);
                        field += 8;
                    }
                    if (offsetMarked && field + 8 <= fieldEnd) {
                        entry.offset = window.u64(field);
                    }
                }
                at += 4 + size;
            }
            if (startDisk != 0 && startDisk != MAX_16) {
                add(entry.name(), "its data is said to start on disk " + startDisk);
            }
        }

        private void readLocalRecords(long directoryOffset) throws IOException {
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparingLong(e -> e.offset));
            for (Entry entry : sorted) {
                localRecord(entry, directoryOffset);
            }
            long expected = 0;
            Entry previous = null;
            for (Entry entry : sorted) {
                if (entry.end < 0) {
                    continue;
                }
                if (previous == null && entry.offset > 0) {
                    gap(0, entry.offset, "before the first entry");
                } else if (previous != null && entry.offset == previous.offset) {
                    add(entry.name(), "shares its local record (and data) with " + previous.name()
                            + ": several names, one content; readers that walk local records see only one entry");
                } else if (previous != null && entry.offset < expected) {
                    add(entry.name(), "its local record starts inside the data of " + previous.name()
                            + " (the two overlap)");
                } else if (previous != null && entry.offset > expected) {
                    gap(expected, entry.offset, "between " + previous.name() + " and " + entry.name());
                }
                if (previous == null || entry.offset != previous.offset) {
                    previous = entry;
                }
                expected = Math.max(expected, entry.end);
            }
            if (previous != null && expected < directoryOffset) {
                gap(expected, directoryOffset, "between the last entry and the central directory");
            } else if (previous != null && expected > directoryOffset) {
                add(previous.name(), "its data runs into the central directory");
            }
        }

        private void gap(long from, long to, String where) throws IOException {
            if (to - from >= 4 && window.u32(from) == LOCAL) {
                int nameLength = window.has(from, 30) ? window.u16(from + 26) : 0;
                String name = window.has(from + 30, nameLength)
                        ? new String(window.bytes(from + 30, Math.min(nameLength, 1024)), StandardCharsets.UTF_8) : "?";
                add(null, "a local record for '" + name + "' at offset " + from + " that the central directory does "
                        + "not list: streaming readers extract it, directory readers do not");
            } else {
                add(null, (to - from) + " bytes " + where + " that no entry accounts for (readers that stream and "
                        + "those that use the central directory, or that adjust for a prefix, disagree)");
            }
        }

        /** Reads an entry's local record, compares it with the central directory, and sets where its data ends. */
        private void localRecord(Entry entry, long directoryOffset) throws IOException {
            entry.end = -1;
            if (!window.has(entry.offset, 30) || entry.offset + 30 > directoryOffset) {
                add(entry.name(), "its local record would start at offset " + entry.offset
                        + ", outside the entries' part of the file");
                return;
            }
            if (window.u32(entry.offset) != LOCAL) {
                add(entry.name(), "there is no local record at offset " + entry.offset
                        + ", where the central directory puts it");
                return;
            }
            int flags = window.u16(entry.offset + 6);
            int method = window.u16(entry.offset + 8);
            long crc = window.u32(entry.offset + 14);
            long compressedSize = window.u32(entry.offset + 18);
            long size = window.u32(entry.offset + 22);
            int nameLength = window.u16(entry.offset + 26);
            int extraLength = window.u16(entry.offset + 28);
            long data = entry.offset + 30 + nameLength + extraLength;
            byte[] name = window.has(entry.offset + 30, nameLength) ? window.bytes(entry.offset + 30, nameLength)
                    : new byte[0];
            String central = entry.name();
            if (!Arrays.equals(name, entry.name)) {
                add(central, "its local record names it '" + new String(name, StandardCharsets.UTF_8)
                        + "': readers that use the central directory and those that stream local records extract "
                        + "different names (Python's zipfile refuses it)");
            }
            if (method != entry.method) {
                add(central, "its local record says compression method " + method + ", the central directory "
                        + entry.method);
            }
            int compared = COMPARED_FLAGS | (nonAscii(entry.name) ? UTF8_FLAG : 0);
            if ((flags & compared) != (entry.flags & compared)) {
                add(central, String.format("its local record's flags (0x%04x) differ from the central directory's "
                        + "(0x%04x) in encryption, data-descriptor or name-encoding bits", flags, entry.flags));
            }
            if (compressedSize == MAX_32 || size == MAX_32) {
                long[] sizes = localZip64(entry.offset + 30 + nameLength, extraLength, size == MAX_32,
                        compressedSize == MAX_32);
                size = sizes[0] >= 0 ? sizes[0] : size;
                compressedSize = sizes[1] >= 0 ? sizes[1] : compressedSize;
            }
            long descriptorLength = 0;
            if ((flags & 0x0008) == 0) {
                if (crc != entry.crc || compressedSize != entry.compressedSize || size != entry.size) {
                    add(central, "its local record gives CRC " + Long.toHexString(crc) + " and sizes " + compressedSize
                            + "/" + size + ", the central directory " + Long.toHexString(entry.crc) + " and "
                            + entry.compressedSize + "/" + entry.size + ": streaming readers and directory readers "
                            + "read different data");
                }
            } else {
                if ((crc != 0 && crc != entry.crc) || (compressedSize != 0 && compressedSize != entry.compressedSize)
                        || (size != 0 && size != entry.size)) {
                    add(central, "its local record gives CRC or sizes that differ from the central directory's");
                }
                descriptorLength = descriptor(entry, data + entry.compressedSize);
                if (descriptorLength < 0) {
                    add(central, "its data descriptor is missing or contradicts the central directory's CRC and "
                            + "sizes: streaming readers and directory readers disagree on where the entry ends");
                    descriptorLength = 0;
                }
            }
            entry.end = data + entry.compressedSize + descriptorLength;
        }

        /** The length of the data descriptor at {@code at} that matches the entry, or -1. */
        private long descriptor(Entry entry, long at) throws IOException {
            for (boolean signature : new boolean[] {true, false}) {
                long start = at + (signature ? 4 : 0);
                if (signature && (!window.has(at, 4) || window.u32(at) != DESCRIPTOR)) {
                    continue;
                }
                if (window.has(start, 12) && window.u32(start) == entry.crc && window.u32(start + 4) == entry.compressedSize
                        && window.u32(start + 8) == entry.size) {
                    return (signature ? 4 : 0) + 12;
                }
                if (window.has(start, 20) && window.u32(start) == entry.crc && window.u64(start + 4) == entry.compressedSize
                        && window.u64(start + 12) == entry.size) {
                    return (signature ? 4 : 0) + 20;
                }
            }
            return -1;
        }

        /** The sizes in a local record's Zip64 extra field: {size, compressed}, -1 for absent. */
        private long[] localZip64(long extra, int length, boolean sizeMarked, boolean compressedMarked)
                throws IOException {
            long[] sizes = {-1, -1};
            long at = extra;
            while (at + 4 <= extra + length) {
                int id = window.u16(at);
                int size = window.u16(at + 2);
                if (id == 0x0001 && size >= 16) {
                    sizes[0] = sizeMarked ? window.u64(at + 4) : -1;
                    sizes[1] = compressedMarked ? window.u64(at + 12) : -1;
                    return sizes;
                }
                at += 4 + size;
            }
            return sizes;
        }

        private static boolean nonAscii(byte[] name) {
            for (byte b : name) {
                if (b < 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
