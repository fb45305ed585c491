package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipIntegrityCheckTest {

    @TempDir
    Path dir;

    private List<Finding> check(Path zip) {
        return new ZipIntegrityCheck().check(zip).findings();
    }

    private static List<Rule> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    @Test
    void cleanZip_hasNoFindings_andReportsItsUnzippedSize() throws Exception {
        Path zip = new ZipFixture().text("app.py", "def handler(e, c): pass\n").bytes("bin/tool", new byte[10], 0755)
                .bytes("pkg/", new byte[0], 0755).write(dir.resolve("ok.zip"));
        ZipIntegrityCheck.Result result = new ZipIntegrityCheck().check(zip);
        assertEquals(List.of(), result.findings());
        assertEquals(34, result.uncompressedSize());
    }

    @Test
    void unreadableByOthers_isFilePermissions() throws Exception {
        Path zip = new ZipFixture().bytes("app.py", "x".getBytes(), 0600).bytes("secret/", new byte[0], 0700)
                .bytes("ok.py", "y".getBytes(), 0644).write(dir.resolve("perm.zip"));
        List<Finding> findings = check(zip);
        assertEquals(List.of(Rule.FILE_PERMISSIONS, Rule.FILE_PERMISSIONS), rules(findings));
        assertTrue(findings.get(0).message().contains("mode 0600"), findings.get(0).message());
        assertTrue(findings.get(0).message().contains("Permission denied"));
    }

    @Test
    void windowsNamesAbsolutePathsAndDuplicates_areFound() throws Exception {
        Path zip = new ZipFixture().text("lambda\\app.py", "").text("../evil.py", "").text("/etc/x", "")
                .text("app.py", "a").text("app.py", "b").write(dir.resolve("names.zip"));
        List<Finding> findings = check(zip);
        assertEquals(List.of(Rule.ZIP_UNSAFE_PATH, Rule.ZIP_UNSAFE_PATH, Rule.ZIP_UNSAFE_PATH, Rule.ZIP_DUPLICATE),
                rules(findings), findings.toString());
        assertTrue(findings.get(0).message().contains("backslash"));
    }

    @Test
    void damagedData_isZipCorrupt() throws Exception {
        Path zip = new ZipFixture().bytes("data.txt", "hello hello hello hello".repeat(40).getBytes(), 0644)
                .write(dir.resolve("crc.zip"));
        byte[] bytes = Files.readAllBytes(zip);
        bytes[40] ^= 0x55; // inside the deflated data of the first entry
        Files.write(zip, bytes);
        assertTrue(rules(check(zip)).contains(Rule.ZIP_CORRUPT), check(zip).toString());

        Path notAZip = Files.writeString(dir.resolve("text.zip"), "this is not a zip");
        List<Finding> findings = check(notAZip);
        assertEquals(List.of(Rule.ZIP_CORRUPT), rules(findings));
    }

    @Test
    void bomb_overTheUnzippedLimit_stopsReadingAndIsReported() throws Exception {
        Path zip = dir.resolve("bomb.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipArchiveOutputStream out = new ZipArchiveOutputStream(file)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 2; i++) {
                ZipArchiveEntry entry = new ZipArchiveEntry("zeros" + i + ".bin");
                entry.setMethod(ZipEntry.DEFLATED);
                out.putArchiveEntry(entry);
                for (int mb = 0; mb < 140; mb++) {
                    out.write(zeros);
                }
                out.closeArchiveEntry();
            }
        }
        long start = System.nanoTime();
        ZipIntegrityCheck.Result result = new ZipIntegrityCheck().check(zip);
        assertTrue(result.uncompressedSize() > SizeCheck.MAX_UNZIPPED, "size " + result.uncompressedSize());
        assertEquals(Rule.SIZE_UNZIPPED, new SizeCheck().checkUnzipped(result.uncompressedSize()).get(0).rule());
        assertTrue(System.nanoTime() - start < 60_000_000_000L);
    }
}
