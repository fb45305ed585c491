package io.github.lambdazip.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipRecordsTest {

    @TempDir
    Path dir;

    @Test
    void dosTime_takesTheUtcFieldsInTwoSecondSteps() {
        int value = ZipRecords.dosDateTime(Instant.parse("2024-03-10T12:34:57.900Z"));
        assertEquals((2024 - 1980) << 9 | 3 << 5 | 10, value >>> 16);
        assertEquals(12 << 11 | 34 << 5 | 56 / 2, value & 0xFFFF);
    }

    @Test
    void dosTime_isKeptWithinTheRangeDosCanHold() {
        assertEquals(1 << 5 | 1, ZipRecords.dosDateTime(Instant.EPOCH) >>> 16);
        assertEquals(0, ZipRecords.dosDateTime(Instant.EPOCH) & 0xFFFF);
        int last = ZipRecords.dosDateTime(Instant.parse("2200-06-01T00:00:00Z"));
        assertEquals(127 << 9 | 12 << 5 | 31, last >>> 16);
        assertEquals(23 << 11 | 59 << 5 | 29, last & 0xFFFF);
    }

    /**
     * More entries than the classic end record counts: the Zip64 end records hold the count, and readers find every
     * entry. (The JDK and commons-compress would also find them with a wrong count, so the records are checked too.)
     */
    @Test
    void moreThan65535Entries_areAllFoundByTheJdkAndCommonsCompress() throws Exception {
        int entries = 70_000;
        int time = ZipRecords.dosDateTime(Instant.parse("2024-01-01T00:00:00Z"));
        byte[] content = "x = 1\n".getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(content);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (int i = 0; i < entries; i++) {
            byte[] name = String.format("pkg/m%05d.py", i).getBytes(StandardCharsets.UTF_8);
            byte[] centralHeader = ZipRecords.centralHeader(name, ZipEntry.STORED, crc.getValue(), content.length,
                    content.length, time, false);
            ZipRecords.setLocalHeaderOffset(centralHeader, zip.size());
            zip.write(ZipRecords.localHeader(name, ZipEntry.STORED, crc.getValue(), content.length, content.length, time));
            zip.write(content);
            central.write(centralHeader);
        }
        long centralOffset = zip.size();
        zip.write(central.toByteArray());
        zip.write(ZipRecords.endRecords(entries, centralOffset, central.size()));
        byte[] bytes = zip.toByteArray();
        Path file = Files.write(dir.resolve("many.zip"), bytes);
        assertEquals(java.util.List.of(), new io.github.lambdazip.verify.ZipStructureCheck().check(file),
                "the Zip64 end records agree with the classic one as readers see it");

        // The classic end record says "see Zip64" and the Zip64 records hold the real numbers (APPNOTE 4.3.14-16).
        ByteBuffer tail = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int end = bytes.length - 22;
        assertEquals(0x06054b50, tail.getInt(end));
        assertEquals(0xFFFF, Short.toUnsignedInt(tail.getShort(end + 10)));
        int locator = end - 20;
        assertEquals(0x07064b50, tail.getInt(locator));
        int record = (int) tail.getLong(locator + 8);
        assertEquals(0x06064b50, tail.getInt(record));
        assertEquals(entries, tail.getLong(record + 32));
        assertEquals(central.size(), tail.getLong(record + 40));
        assertEquals(centralOffset, tail.getLong(record + 48));
        assertEquals(record, centralOffset + central.size());

        try (java.util.zip.ZipFile jdk = new java.util.zip.ZipFile(file.toFile())) {
            assertEquals(entries, jdk.size());
            ZipEntry last = jdk.getEntry("pkg/m69999.py");
            assertEquals("x = 1\n", new String(jdk.getInputStream(last).readAllBytes(), StandardCharsets.UTF_8));
        }
        try (org.apache.commons.compress.archivers.zip.ZipFile commons =
                org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(file).get()) {
            int count = 0;
            for (ZipArchiveEntry entry : Collections.list(commons.getEntries())) {
                assertEquals(0100644, entry.getUnixMode(), entry.getName());
                count++;
            }
            assertEquals(entries, count);
        }
    }

    @Test
    void entriesBeyondWhatLambdaAccepts_areRefusedWithTheReason() {
        byte[] name = "huge.bin".getBytes(StandardCharsets.UTF_8);
        IOException error = assertThrows(IOException.class,
                () -> ZipRecords.localHeader(name, ZipEntry.STORED, 0, 5L << 30, 5L << 30, 0));
        assertTrue(error.getMessage().contains("250 MB"), error.getMessage());
        assertThrows(IOException.class, () -> ZipRecords.endRecords(3, 5L << 30, 100));
    }
}
