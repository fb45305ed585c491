package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code BYTECODE_STALE}: one case per way a shipped .pyc is ignored or wrong on a python3.11 Lambda. */
class BytecodeCheckTest {

    private static final String SOURCE = "def handler(event, context):\n    return 1\n";
    /** {@code _imp.source_hash(_RAW_MAGIC_NUMBER, SOURCE)} as Python 3.11 computes it. */
    private static final String SOURCE_HASH_311 = "492ab8bee445ca28";
    private static final String PYC = "__pycache__/app.cpython-311.pyc";

    @TempDir
    Path dir;

    /** A PEP 552 header (magic, flags, 8 bytes of time and size or hash) and a few body bytes. */
    private static byte[] pyc(int magic, int flags, String eightBytesHex) {
        byte[] header = new byte[20];
        header[0] = (byte) magic;
        header[1] = (byte) (magic >> 8);
        header[2] = '\r';
        header[3] = '\n';
        header[4] = (byte) flags;
        System.arraycopy(HexFormat.of().parseHex(eightBytesHex), 0, header, 8, 8);
        return header;
    }

    private List<Finding> check(ZipFixture zip) throws Exception {
        try (ZipContents contents = ZipContents.open(zip.write(dir.resolve("z" + System.nanoTime() + ".zip")))) {
            return new BytecodeCheck(PythonRuntime.PYTHON_3_11).check(contents);
        }
    }

    private static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals(Rule.BYTECODE_STALE, finding.rule());
        assertEquals(Severity.WARNING, finding.severity());
        return finding;
    }

    @Test
    void uncheckedHashPyc_ofTheShippedSource_isFine() throws Exception {
        assertEquals(List.of(), check(new ZipFixture().text("app.py", SOURCE)
                .bytes(PYC, pyc(3495, 0b01, SOURCE_HASH_311), 0644)));
    }

    @Test
    void pycOfAnotherPython_isIgnoredAndRecompiledEachColdStart() throws Exception {
        Finding finding = only(check(new ZipFixture().text("app.py", SOURCE)
                .bytes(PYC, pyc(3531, 0b01, SOURCE_HASH_311), 0644)));
        assertEquals(PYC, finding.file());
        assertTrue(finding.message().contains("compiled by Python 3.12 (magic number 3531), not by the python3.11 "
                + "runtime's Python (3495)"), finding.message());
        assertTrue(finding.message().contains("compiles app.py again at every cold start"), finding.message());
        assertTrue(finding.fix().contains("<compileBytecode>true</compileBytecode>"), finding.fix());
    }

    @Test
    void sourcelessPycOfAnotherPython_failsToImport() throws Exception {
        Finding finding = only(check(new ZipFixture().bytes("lib/fast.pyc", pyc(3439, 0, "0000000000000000"), 0644)));
        assertTrue(finding.message().contains("compiled by Python 3.10"), finding.message());
        assertTrue(finding.message().contains("importing it fails with 'bad magic number'"), finding.message());
    }

    @Test
    void timestampPyc_isIgnoredBecauseTheZipFixesTimes() throws Exception {
        Finding finding = only(check(new ZipFixture().text("app.py", SOURCE)
                .bytes(PYC, pyc(3495, 0, "80a1b26500000000"), 0644)));
        assertTrue(finding.message().contains("is a timestamp-based .pyc"), finding.message());
        assertTrue(finding.message().contains("compiles app.py again at every cold start"), finding.message());
    }

    @Test
    void uncheckedHashPyc_ofAnOlderSource_runsTheOldCode() throws Exception {
        Finding finding = only(check(new ZipFixture().text("app.py", SOURCE.replace("1", "2"))
                .bytes(PYC, pyc(3495, 0b01, SOURCE_HASH_311), 0644)));
        assertTrue(finding.message().contains("unchecked-hash .pyc compiled from another version of app.py"),
                finding.message());
        assertTrue(finding.message().contains("the old code runs"), finding.message());
    }

    @Test
    void checkedHashPyc_ofAnOlderSource_isRecompiledEachColdStart() throws Exception {
        Finding finding = only(check(new ZipFixture().text("pkg/mod.py", "x = 2\n")
                .bytes("pkg/__pycache__/mod.cpython-311.pyc", pyc(3495, 0b11, SOURCE_HASH_311), 0644)));
        assertTrue(finding.message().startsWith("pkg/__pycache__/mod.cpython-311.pyc is a checked-hash .pyc"),
                finding.message());
        assertTrue(finding.message().contains("compiles pkg/mod.py again at every cold start"), finding.message());
    }

    @Test
    void checkedHashPyc_ofTheShippedSource_isFine() throws Exception {
        assertEquals(List.of(), check(new ZipFixture().text("app.py", SOURCE)
                .bytes(PYC, pyc(3495, 0b11, SOURCE_HASH_311), 0644)));
    }

    @Test
    void cachedPycWithoutItsSource_isNeverLookedAt() throws Exception {
        assertEquals(List.of(), check(new ZipFixture().bytes(PYC, pyc(3531, 0, "0000000000000000"), 0644)));
    }

    @Test
    void truncatedPyc_isReported() throws Exception {
        Finding finding = only(check(new ZipFixture().text("app.py", SOURCE)
                .bytes(PYC, "not bytecode".getBytes(StandardCharsets.US_ASCII), 0644)));
        assertTrue(finding.message().contains("not a .pyc file Python can read"), finding.message());
    }

    @Test
    void sourceOf_followsPep3147Names() {
        assertEquals("a/b/m.py", BytecodeCheck.sourceOf("a/b/__pycache__/m.cpython-311.pyc"));
        assertEquals("m.py", BytecodeCheck.sourceOf("__pycache__/m.cpython-311.opt-1.pyc"));
        assertEquals("a/m.py", BytecodeCheck.sourceOf("a/m.pyc"));
    }

    @Test
    void pythonOf_namesReleasesAndPreReleases() {
        assertEquals("Python 3.13", BytecodeCheck.pythonOf(3571));
        assertEquals("a pre-release of Python 3.14", BytecodeCheck.pythonOf(3600));
        assertEquals("a Python older than 3.9", BytecodeCheck.pythonOf(3413));
        assertEquals("a Python newer than 3.14", BytecodeCheck.pythonOf(3650));
    }

    @Test
    void packageVerifier_runsTheRule() throws Exception {
        ZipFixture zip = new ZipFixture().text("app.py", SOURCE).bytes(PYC, pyc(3495, 0, "0000000000000000"), 0644);
        try (ZipContents contents = ZipContents.open(zip.write(dir.resolve("v.zip")))) {
            List<Finding> findings = new PackageVerifier(new VerificationTarget(PythonRuntime.PYTHON_3_11,
                    Architecture.X86_64), Set.of()).check("app.handler", contents, List.of(), 100, 0);
            assertEquals(1, findings.stream().filter(f -> f.rule() == Rule.BYTECODE_STALE).count(), findings.toString());
        }
    }
}
