package io.github.lambdazip.zip;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The byte layout of the zip records this plugin writes (PKWARE APPNOTE 4.3): local file headers, central directory
 * headers and the end records, with no extra fields, the UTF-8 name flag, Unix modes and one DOS time for all. The
 * layout is written here rather than by a general zip library so that every byte is decided by this class alone: a
 * library upgrade cannot change the bytes (and so the hash Terraform deploys on), and the headers can be built on
 * the compressing threads.
 */
final class ZipRecords {

    static final int LOCAL_HEADER_SIZE = 30;
    static final int CENTRAL_HEADER_SIZE = 46;
    /** Where a central directory header holds the offset of its local header. */
    static final int CENTRAL_OFFSET_FIELD = 42;

    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int UTF8_NAMES = 0x0800;
    private static final int UNIX = 3;
    private static final int VERSION_STORED = 10;
    private static final int VERSION_DEFLATED = 20;
    private static final int VERSION_ZIP64 = 45;
    private static final int REGULAR_FILE = 0100000;
    /** The most a 4-byte size or offset field holds; the 250 MB Lambda limit keeps every package far below it. */
    static final long MAX_32 = 0xFFFFFFFFL;
    /** The most entries the classic end record counts; more need the Zip64 end records. */
    static final int MAX_16 = 0xFFFF;

    /** 1980-01-01T00:00:00Z and 2107-12-31T23:59:58Z, the range of DOS times. */
    private static final long FIRST_DOS_SECOND = 315_532_800L;
    private static final long LAST_DOS_SECOND = 4_354_819_198L;

    private ZipRecords() {}

    /**
     * The DOS date (high 16 bits) and time (low 16 bits) for an instant, from its UTC fields so that no machine's
     * time zone enters the bytes; rounded down to DOS's two-second steps and kept within 1980–2107.
     */
    static int dosDateTime(Instant instant) {
        long seconds = Math.max(FIRST_DOS_SECOND, Math.min(LAST_DOS_SECOND, instant.getEpochSecond()));
        LocalDateTime utc = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int date = (utc.getYear() - 1980) << 9 | utc.getMonthValue() << 5 | utc.getDayOfMonth();
        int time = utc.getHour() << 11 | utc.getMinute() << 5 | utc.getSecond() / 2;
        return date << 16 | time;
    }

    static byte[] localHeader(byte[] name, int method, long crc, long compressedSize, long size, int dosDateTime)
            throws IOException {
        checkFits(name, compressedSize, size);
        byte[] header = new byte[LOCAL_HEADER_SIZE + name.length];
        putInt(header, 0, LOCAL_SIGNATURE);
        putEntryFields(header, 4, name, method, crc, compressedSize, size, dosDateTime);
        System.arraycopy(name, 0, header, LOCAL_HEADER_SIZE, name.length);
        return header;
    }

    /** A central directory header whose local header offset is filled in later, see {@link #CENTRAL_OFFSET_FIELD}. */
    static byte[] centralHeader(byte[] name, int method, long crc, long compressedSize, long size, int dosDateTime,
            boolean executable) throws IOException {
        checkFits(name, compressedSize, size);
        byte[] header = new byte[CENTRAL_HEADER_SIZE + name.length];
        putInt(header, 0, CENTRAL_SIGNATURE);
        putShort(header, 4, UNIX << 8 | VERSION_DEFLATED);
        putEntryFields(header, 6, name, method, crc, compressedSize, size, dosDateTime);
        // comment length, disk number, internal attributes: all zero
        putInt(header, 38, (REGULAR_FILE | (executable ? 0755 : 0644)) << 16);
        System.arraycopy(name, 0, header, CENTRAL_HEADER_SIZE, name.length);
        return header;
    }

    static void setLocalHeaderOffset(byte[] centralHeader, long offset) throws IOException {
        if (offset > MAX_32) {
            throw new IOException("the zip would pass 4 GiB, which needs Zip64 offsets; Lambda accepts at most 250 MB "
                    + "unzipped, so split the package");
        }
        putInt(centralHeader, CENTRAL_OFFSET_FIELD, (int) offset);
    }

    /**
     * The records after the central directory: the Zip64 end record and its locator when there are more entries
     * than the classic end record counts, then the classic end record.
     */
    static byte[] endRecords(long entries, long centralDirectoryOffset, long centralDirectorySize) throws IOException {
        if (centralDirectoryOffset > MAX_32 || centralDirectorySize > MAX_32) {
            throw new IOException("the zip would pass 4 GiB, which needs Zip64 offsets; Lambda accepts at most 250 MB "
                    + "unzipped, so split the package");
        }
        boolean zip64 = entries > MAX_16;
        byte[] end = new byte[(zip64 ? 56 + 20 : 0) + 22];
        int at = 0;
        if (zip64) {
            putInt(end, 0, ZIP64_END_SIGNATURE);
            putLong(end, 4, 44);
            putShort(end, 12, UNIX << 8 | VERSION_ZIP64);
            putShort(end, 14, VERSION_ZIP64);
            // this disk and the central directory's disk: 0
            putLong(end, 24, entries);
            putLong(end, 32, entries);
            putLong(end, 40, centralDirectorySize);
            putLong(end, 48, centralDirectoryOffset);
            putInt(end, 56, ZIP64_LOCATOR_SIGNATURE);
            putLong(end, 64, centralDirectoryOffset + centralDirectorySize);
            putInt(end, 72, 1);
            at = 76;
        }
        putInt(end, at, END_SIGNATURE);
        int count = (int) Math.min(entries, MAX_16);
        putShort(end, at + 8, count);
        putShort(end, at + 10, count);
        putInt(end, at + 12, (int) centralDirectorySize);
        putInt(end, at + 16, (int) centralDirectoryOffset);
        return end;
    }

    /**
     * The fields both headers share, in the same order: version needed, flags, method, time, CRC, sizes, name length,
     * and an extra field length of zero.
     */
    private static void putEntryFields(byte[] header, int at, byte[] name, int method, long crc, long compressedSize,
            long size, int dosDateTime) {
        putShort(header, at, versionNeeded(method));
        putShort(header, at + 2, UTF8_NAMES);
        putShort(header, at + 4, method);
        putInt(header, at + 6, dosDateTime);
        putInt(header, at + 10, (int) crc);
        putInt(header, at + 14, (int) compressedSize);
        putInt(header, at + 18, (int) size);
        putShort(header, at + 22, name.length);
        putShort(header, at + 24, 0);
    }

    private static int versionNeeded(int method) {
        return method == java.util.zip.ZipEntry.DEFLATED ? VERSION_DEFLATED : VERSION_STORED;
    }

    private static void checkFits(byte[] name, long compressedSize, long size) throws IOException {
        if (name.length > MAX_16) {
            throw new IOException("an entry name is longer than a zip allows (65,535 bytes): "
                    + new String(name, 0, 200, java.nio.charset.StandardCharsets.UTF_8) + "...");
        }
        if (size > MAX_32 || compressedSize > MAX_32) {
            throw new IOException("an entry of " + size + " bytes needs Zip64 sizes; Lambda accepts at most 250 MB "
                    + "unzipped, so leave the file out of the package");
        }
    }

    private static void putShort(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        putShort(bytes, at, value);
        putShort(bytes, at + 2, value >>> 16);
    }

    private static void putLong(byte[] bytes, int at, long value) {
        putInt(bytes, at, (int) value);
        putInt(bytes, at + 4, (int) (value >>> 32));
    }
}
