package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ZIP_AMBIGUOUS: one hand-built zip per way two readers can see different files. Each starts from a valid zip
 * ({@link RawZip} with no changes is clean) and breaks one thing.
 */
class ZipStructureCheckTest {

    @TempDir
    Path dir;

    private List<Finding> check(RawZip zip) throws Exception {
        return new ZipStructureCheck().check(zip.write(dir.resolve("z" + System.nanoTime() + ".zip")));
    }

    /** The one finding the change must give: ZIP_AMBIGUOUS, an error, about this file, saying this. */
    private void expectOne(RawZip zip, String file, String says) throws Exception {
        List<Finding> findings = check(zip);
        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals(Rule.ZIP_AMBIGUOUS, finding.rule());
        assertEquals(Severity.ERROR, finding.severity());
        assertEquals(file, finding.file());
        assertTrue(finding.message().contains(says), finding.message());
        assertTrue(finding.fix().contains("rebuild the zip"), finding.fix());
    }

    private static RawZip three() {
        RawZip zip = new RawZip();
        zip.add("app.py", "def handler(event, context):\n    return 1\n");
        zip.add("lib/util.py", "X = 1\n");
        zip.add("other.py", "Y = 2\n");
        return zip;
    }

    @Test
    void validZips_haveNoFindings_withOrWithoutDataDescriptors() throws Exception {
        assertEquals(List.of(), check(three()));
        RawZip descriptors = three();
        descriptors.entries.forEach(e -> e.descriptor = true);
        descriptors.entries.get(1).descriptorSignature = false;
        assertEquals(List.of(), check(descriptors), "zero CRC and sizes in the local header are fine with bit 3");
        assertEquals(List.of(), check(new RawZip()), "an empty zip");
        RawZip commented = three();
        commented.comment = "built by hand".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(), check(commented));
    }

    @Test
    void centralEntriesSharingOneLocalRecordWithAnotherName_areAmbiguous() throws Exception {
        // The zip: app.py, evil.py and other.py all point at the local record named app.py.
        RawZip zip = new RawZip();
        RawZip.Entry app = zip.add("app.py", "def handler(event, context):\n    return 1\n");
        RawZip.Entry evil = zip.add("evil.py", "import os\n");
        RawZip.Entry other = zip.add("other.py", "");
        evil.sharesWith = app;
        other.sharesWith = app;
        List<Finding> findings = check(zip);
        assertTrue(findings.stream().allMatch(f -> f.rule() == Rule.ZIP_AMBIGUOUS && f.isError()), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> "evil.py".equals(f.file())
                && f.message().contains("its local record names it 'app.py'")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> "evil.py".equals(f.file())
                && f.message().contains("shares its local record")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> "other.py".equals(f.file())
                && f.message().contains("shares its local record (and data) with app.py")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.file() == null
                && f.message().contains("local record for 'evil.py'")), "evil.py's own record is listed nowhere: " + findings);
        // The verify goal's integrity check reports them, where it used to pass this zip clean.
        List<Finding> integrity = new ZipIntegrityCheck().check(zip.write(dir.resolve("issue.zip"))).findings();
        assertTrue(integrity.stream().filter(f -> f.rule() == Rule.ZIP_AMBIGUOUS).count() >= 4, integrity.toString());
    }

    @Test
    void localNameDifferentFromTheDirectory_isAmbiguous() throws Exception {
        RawZip zip = three();
        zip.entries.get(1).localName = "lib/evil.py";
        expectOne(zip, "lib/util.py", "its local record names it 'lib/evil.py'");
    }

    @Test
    void localMethodDifferentFromTheDirectory_isAmbiguous() throws Exception {
        RawZip zip = three();
        zip.entries.get(0).localMethod = 8;
        expectOne(zip, "app.py", "compression method 8, the central directory 0");
    }

    @Test
    void localCrcOrSizeDifferentFromTheDirectory_isAmbiguous() throws Exception {
        RawZip crc = three();
        crc.entries.get(2).localCrc = 0x1234L;
        expectOne(crc, "other.py", "its local record gives CRC 1234");
        RawZip size = three();
        size.entries.get(2).localSize = 3L;
        List<Finding> findings = check(size);
        assertTrue(findings.stream().anyMatch(f -> "other.py".equals(f.file()) && f.message().contains("sizes 3/3")),
                findings.toString());
    }

    @Test
    void localFlagsDifferentFromTheDirectory_isAmbiguous() throws Exception {
        RawZip zip = three();
        zip.entries.get(0).localFlags = 0x0801;
        expectOne(zip, "app.py", "flags (0x0801) differ from the central directory's (0x0800)");
    }

    @Test
    void dataDescriptorContradictingTheDirectory_isAmbiguous() throws Exception {
        RawZip zip = three();
        zip.entries.get(1).descriptor = true;
        zip.entries.get(1).descriptorCrc = 0xdeadL;
        List<Finding> findings = check(zip);
        assertTrue(findings.stream().anyMatch(f -> "lib/util.py".equals(f.file())
                && f.message().contains("data descriptor is missing or contradicts")), findings.toString());
    }

    @Test
    void entriesWhoseDataOverlap_areAmbiguous() throws Exception {
        RawZip zip = three();
        zip.entries.get(2).offsetShift = -4; // other.py's record "starts" inside lib/util.py's data
        List<Finding> findings = check(zip);
        assertTrue(findings.stream().anyMatch(f -> "other.py".equals(f.file())
                && f.message().contains("no local record at offset")), findings.toString());
        RawZip inside = new RawZip();
        inside.add("outer.bin", "PK\u0003\u0004 looks like a record but is data of outer.bin, 0123456789");
        RawZip.Entry inner = inside.add("inner.py", "x = 1\n");
        inner.offsetShift = -50;
        assertTrue(check(inside).stream().anyMatch(f -> "inner.py".equals(f.file())), check(inside).toString());
    }

    @Test
    void bytesBeforeTheFirstEntry_areAmbiguous() throws Exception {
        RawZip zip = three();
        zip.prefix = "#!/bin/sh\nexec python3 \"$0\"\n".getBytes(StandardCharsets.UTF_8);
        expectOne(zip, null, "bytes before the first entry");
    }

    @Test
    void bytesBetweenEntries_areAmbiguous() throws Exception {
        RawZip zip = three();
        zip.entries.get(0).after = new byte[17];
        expectOne(zip, null, "17 bytes between app.py and lib/util.py");
    }

    @Test
    void localRecordTheDirectoryDoesNotList_isAmbiguous() throws Exception {
        RawZip zip = three();
        zip.entries.get(1).hidden = true;
        expectOne(zip, null, "a local record for 'lib/util.py'");
    }

    @Test
    void secondEndRecordHiddenInTheComment_isAmbiguous() throws Exception {
        RawZip zip = three();
        zip.comment = RawZip.emptyEndRecord();
        List<Finding> findings = check(zip);
        assertTrue(!findings.isEmpty() && findings.stream().allMatch(f -> f.rule() == Rule.ZIP_AMBIGUOUS), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.message().contains("a second end-of-central-directory record")),
                findings.toString());
    }

    @Test
    void bytesAfterTheEndRecord_orBeforeIt_areAmbiguous() throws Exception {
        RawZip trailing = three();
        trailing.trailing = new byte[9];
        expectOne(trailing, null, "9 bytes after the end-of-central-directory record");
        RawZip before = three();
        before.beforeEnd = new byte[5];
        expectOne(before, null, "5 bytes between the central directory and the end record");
    }

    @Test
    void entryCountThatDoesNotMatchTheDirectory_isAmbiguous() throws Exception {
        RawZip zip = three();
        zip.countOverride = 2;
        expectOne(zip, null, "the end record counts 2 entries but the central directory holds 3");
    }

    @Test
    void zip64ValuesContradictingTheClassicOnes_areAmbiguous() throws Exception {
        RawZip agreeing = three();
        agreeing.zip64Count = 3L;
        assertEquals(List.of(), check(agreeing), "a Zip64 end record that agrees is fine");
        RawZip count = three();
        count.zip64Count = 2L;
        List<Finding> findings = check(count);
        assertTrue(findings.stream().anyMatch(f -> f.message().contains("entry count (3) contradicts the Zip64 end "
                + "record's (2)")), findings.toString());
        RawZip sizes = three();
        sizes.entries.get(0).zip64Sizes = new long[] {999, 999};
        expectOne(sizes, "app.py", "its Zip64 extra field gives sizes 999/999");
    }

    @Test
    void manyEntries_areCheckedInBoundedTime() throws Exception {
        RawZip zip = new RawZip();
        for (int i = 0; i < 20_000; i++) {
            zip.add(String.format("pkg/m%05d.py", i), "x = " + i + "\n");
        }
        zip.entries.get(19_999).localName = "pkg/evil.py";
        Path file = zip.write(dir.resolve("many.zip"));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<Finding> findings = new ZipStructureCheck().check(file);
            assertEquals(List.of("pkg/m19999.py"), findings.stream().map(Finding::file).toList());
        });
    }
}
