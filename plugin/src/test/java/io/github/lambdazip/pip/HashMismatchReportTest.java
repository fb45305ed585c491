package io.github.lambdazip.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** pip's hash report, as pip 23 prints it in the test image, becomes a message naming package, expected and actual. */
class HashMismatchReportTest {

    private static final String HEAD = "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If "
            + "you have updated the package versions, please update the hashes. Otherwise, examine the package "
            + "contents carefully; someone may have tampered with them.";

    private static HashMismatchReport read(String... lines) {
        HashMismatchReport report = new HashMismatchReport();
        for (String line : lines) {
            report.accept(line);
        }
        return report;
    }

    @Test
    void pipsReport_givesPackageFileExpectedAndActual() {
        HashMismatchReport report = read("Processing ./wh/lzwords-1.0-py3-none-any.whl", HEAD,
                "    lzwords==1.0 from file:///lambdazip/project/lzwords-1.0-py3-none-any.whl (from -r "
                        + "/lambdazip/locked-requirements.txt (line 2)):",
                "        Expected sha256 " + "0".repeat(64),
                "             Got        af7d620411095d206eada4db9140fa056c03723a8540e763443510e740076c52", "");
        assertEquals(List.of(new HashMismatchException.Mismatch("lzwords==1.0", "lzwords-1.0-py3-none-any.whl",
                "sha256", List.of("0".repeat(64)), "af7d620411095d206eada4db9140fa056c03723a8540e763443510e740076c52")),
                report.mismatches());
    }

    @Test
    void severalPackagesAndAlternativeHashes_areAllKept() {
        HashMismatchReport report = read(HEAD,
                "    lzgreet==1.0 from https://files.example/lzgreet-1.0-py3-none-any.whl#sha256=abc:",
                "        Expected sha256 " + "1".repeat(64),
                "        Expected     or " + "2".repeat(64),
                "             Got        " + "3".repeat(64),
                "",
                "    lzwords==1.0:",
                "        Expected sha512 " + "4".repeat(128),
                "             Got        " + "5".repeat(128));
        List<HashMismatchException.Mismatch> mismatches = report.mismatches();
        assertEquals(2, mismatches.size());
        assertEquals(List.of("1".repeat(64), "2".repeat(64)), mismatches.get(0).expected());
        assertEquals("lzgreet-1.0-py3-none-any.whl", mismatches.get(0).file());
        assertEquals("lzwords", mismatches.get(1).name());
        assertEquals("sha512", mismatches.get(1).algorithm());
        assertEquals("", mismatches.get(1).file());
    }

    @Test
    void otherErrors_areNoMismatch() {
        assertEquals(List.of(), read("ERROR: No matching distribution found for lzgreet==9.9",
                "    lzgreet==9.9:", "        Expected sha256 " + "1".repeat(64)).mismatches());
    }

    @Test
    void exception_namesPackageExpectedAndActual_andHowToFix() {
        HashMismatchException error = new HashMismatchException("greeter", "uv.lock", List.of(
                new HashMismatchException.Mismatch("lzwords==1.0", "lzwords-1.0-py3-none-any.whl", "sha256",
                        List.of("aa"), "bb")));
        assertEquals("pip refused lzwords for 'greeter': the files it found do not have the hashes uv.lock records"
                + System.lineSeparator() + "  lzwords==1.0 (lzwords-1.0-py3-none-any.whl): expected sha256 aa, got bb",
                error.getMessage());
        assertTrue(error.fix().contains("regenerate uv.lock"), error.fix());
        assertTrue(error.fix().contains("<findLinks>"), error.fix());
    }
}
