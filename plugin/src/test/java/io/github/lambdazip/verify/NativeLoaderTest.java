package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.verify.binary.ByteSource;
import io.github.lambdazip.verify.binary.ElfFile;
import io.github.lambdazip.verify.binary.FileByteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ELF rules that follow the Linux loader: program headers instead of section headers, foreign systems by
 * EI_OSABI, interpreter and C library, the library search order (RPATH, LD_LIBRARY_PATH, RUNPATH, the OS), and
 * the libstdc++ versions of each runtime's OS. Objects are compiled with gcc or built by hand ({@link ElfBuilder}).
 */
class NativeLoaderTest {

    private static final VerificationTarget PY311 = new VerificationTarget(PythonRuntime.PYTHON_3_11, Architecture.X86_64);
    private static final VerificationTarget PY312 = new VerificationTarget(PythonRuntime.PYTHON_3_12, Architecture.X86_64);

    @TempDir
    Path dir;

    private List<Finding> check(VerificationTarget target, ZipFixture zip, ZipFixture... layers) throws Exception {
        return check(target, false, zip, layers);
    }

    private List<Finding> check(VerificationTarget target, boolean layer, ZipFixture zip, ZipFixture... layers)
            throws Exception {
        List<PackageContents> layerContents = new ArrayList<>();
        for (ZipFixture each : layers) {
            layerContents.add(ZipContents.open(each.write(dir.resolve("l" + System.nanoTime() + ".zip"))));
        }
        try (ZipContents contents = ZipContents.open(zip.write(dir.resolve("f" + System.nanoTime() + ".zip")))) {
            return new NativeCheck(target).check(contents, layerContents, layer);
        } finally {
            for (PackageContents each : layerContents) {
                ((ZipContents) each).close();
            }
        }
    }

    private static List<Rule> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    @Test
    void elfWithoutSectionHeaders_isReadThroughItsProgramHeaders() throws Exception {
        Path compiled = NativeFixtures.needingHelper(dir);
        ElfFile original = ElfFile.parse(new FileByteSource(compiled));
        for (boolean zeroTable : new boolean[] {false, true}) {
            ElfFile stripped = ElfFile.parse(ByteSource.of(NativeFixtures.withoutSectionHeaders(compiled, zeroTable)));
            assertEquals(original.needed(), stripped.needed());
            assertEquals(List.of("$ORIGIN/../vendor.libs"), stripped.runpath());
            assertEquals(List.of(), stripped.rpath());
            assertEquals(original.versionNeeds(), stripped.versionNeeds());
            assertTrue(stripped.needed().contains("libhelper.so"), stripped.needed().toString());
        }
        byte[] fresh = NativeFixtures.withoutSectionHeaders(NativeFixtures.needsGlibc236(dir), true);
        List<Finding> findings = check(PY312, new ZipFixture().bytes("fresh.cpython-312-x86_64-linux-gnu.so", fresh, 0755));
        assertEquals(List.of(Rule.NATIVE_GLIBC), rules(findings), "a stripped section table must not hide the need");
        assertTrue(findings.get(0).message().contains("GLIBC_2.36"), findings.get(0).message());
    }

    @Test
    void handBuiltElfWithOnlyProgramHeaders_givesNeedsPathsSonameAndVersions() throws Exception {
        ElfFile elf = ElfFile.parse(ByteSource.of(new ElfBuilder().needs("libfoo.so.1").soname("libbar.so.2")
                .rpath("$ORIGIN/../bar.libs").runpath("/opt/lib").interpreter("/lib64/ld-linux-x86-64.so.2")
                .note("GNU").versions("libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.30")
                .versions("libc.so.6", "GLIBC_2.17").build()));
        assertEquals(List.of("libfoo.so.1", "libstdc++.so.6", "libc.so.6"), elf.needed());
        assertEquals("libbar.so.2", elf.soname());
        assertEquals(List.of("$ORIGIN/../bar.libs"), elf.rpath());
        assertEquals(List.of("/opt/lib"), elf.runpath());
        assertEquals("/lib64/ld-linux-x86-64.so.2", elf.interpreter());
        assertEquals(List.of("GNU"), elf.noteOwners());
        assertEquals(List.of(new ElfFile.VersionNeed("libstdc++.so.6", "GLIBCXX_3.4"),
                new ElfFile.VersionNeed("libstdc++.so.6", "GLIBCXX_3.4.30"),
                new ElfFile.VersionNeed("libc.so.6", "GLIBC_2.17")), elf.versionNeeds());
    }

    @Test
    void osAbiOtherThanSysvOrGnu_isNativePlatform_withoutAShipTheLibcFix() throws Exception {
        byte[] freebsd = new ElfBuilder().osAbi(9).needs("libgcc_s.so.1").build();
        List<Finding> findings = check(PY312, new ZipFixture().bytes("fast/_speed.abi3.so", freebsd, 0755));
        assertEquals(List.of(Rule.NATIVE_PLATFORM), rules(findings));
        assertEquals(Severity.ERROR, findings.get(0).severity());
        assertTrue(findings.get(0).message().contains("FreeBSD") && findings.get(0).message().contains("EI_OSABI is 9"),
                findings.get(0).message());
        assertFalse(findings.get(0).fix().contains("ship libc"), findings.get(0).fix());

        assertEquals(List.of(), check(PY312, new ZipFixture().bytes("fast/_speed.abi3.so",
                new ElfBuilder().osAbi(3).needs("libc.so.6").build(), 0755)), "EI_OSABI 3 (GNU/Linux) is Linux");
        List<Finding> solaris = check(PY312, new ZipFixture().bytes("fast/_speed.abi3.so",
                new ElfBuilder().osAbi(6).needs("libc.so.1").build(), 0755));
        assertTrue(solaris.get(0).message().contains("Solaris"), solaris.toString());
    }

    @Test
    void muslInterpreterLibcOrTag_isNativePlatformWithAMuslFix() throws Exception {
        byte[] interpreter = new ElfBuilder().interpreter("/lib/ld-musl-x86_64.so.1").needs("libc.so").build();
        byte[] alpine = new ElfBuilder().needs("libc.musl-x86_64.so.1").build();
        Path glibcBuilt = NativeFixtures.plain(dir);
        List<Finding> findings = check(PY311, new ZipFixture()
                .bytes("a/_a.abi3.so", interpreter, 0755)
                .bytes("b/_b.abi3.so", alpine, 0755)
                .file("c/_c.cpython-311-x86_64-linux-musl.so", glibcBuilt));
        assertEquals(List.of(Rule.NATIVE_PLATFORM, Rule.NATIVE_PLATFORM, Rule.NATIVE_PLATFORM), rules(findings),
                findings.toString());
        assertTrue(findings.get(0).message().contains("/lib/ld-musl-x86_64.so.1"), findings.get(0).message());
        assertTrue(findings.get(1).message().contains("libc.musl-x86_64.so.1"), findings.get(1).message());
        assertTrue(findings.get(2).message().contains("x86_64-linux-musl"), findings.get(2).message());
        for (Finding finding : findings) {
            assertTrue(finding.message().contains("musl"), finding.message());
            assertTrue(finding.fix().contains("manylinux wheels, not musllinux"), finding.fix());
            assertFalse(finding.fix().contains("ship libc.musl"), finding.fix());
        }
        List<Finding> wheel = check(PY311, new ZipFixture().text("orjson-3.10.0.dist-info/WHEEL",
                "Wheel-Version: 1.0\nTag: cp311-cp311-musllinux_1_2_x86_64\n"));
        assertEquals(List.of(Rule.NATIVE_PLATFORM), rules(wheel));
    }

    @Test
    void libraryBesideTheModuleOrInALibsFolder_isNotFoundWithoutASearchPath() throws Exception {
        Path plain = NativeFixtures.needingHelperWithoutRpath(dir);
        Path helper = dir.resolve("libhelper.so");
        for (String place : List.of("pkg/libhelper.so", "pkg.libs/libhelper.so")) {
            List<Finding> findings = check(PY312, new ZipFixture().file("pkg/_ext.abi3.so", plain).file(place, helper));
            assertEquals(List.of(Rule.NATIVE_LIB_MISSING), rules(findings), place);
            Finding finding = findings.get(0);
            assertEquals(Severity.ERROR, finding.severity());
            assertEquals("pkg/_ext.abi3.so", finding.file());
            assertTrue(finding.message().contains("the package has at " + place), finding.message());
            assertTrue(finding.message().contains("the loader does not look there"), finding.message());
            assertTrue(finding.fix().contains("patchelf --set-rpath '$ORIGIN/" + (place.startsWith("pkg/") ? "." : "../pkg.libs")),
                    finding.fix());
        }
        // Lambda's LD_LIBRARY_PATH has /var/task and /var/task/lib, and /opt/lib for layers.
        assertEquals(List.of(), check(PY312, new ZipFixture().file("pkg/_ext.abi3.so", plain).file("libhelper.so", helper)));
        assertEquals(List.of(), check(PY312, new ZipFixture().file("pkg/_ext.abi3.so", plain).file("lib/libhelper.so", helper)));
        assertEquals(List.of(), check(PY312, new ZipFixture().file("pkg/_ext.abi3.so", plain),
                new ZipFixture().file("lib/libhelper.so", helper)));
    }

    @Test
    void rpathAndRunpath_withOrigin_findTheLibrary_andRunpathHidesRpath() throws Exception {
        Path helper = NativeFixtures.needingHelperWithoutRpath(dir).resolveSibling("libhelper.so");
        Path rpath = NativeFixtures.needingHelperWithRpath(dir, "$ORIGIN/../pkg.libs");
        assertEquals(List.of("$ORIGIN/../pkg.libs"), ElfFile.parse(new FileByteSource(rpath)).rpath());
        assertEquals(List.of(), check(PY312, new ZipFixture().file("pkg/_ext.abi3.so", rpath)
                .file("pkg.libs/libhelper.so", helper)));

        // With a DT_RUNPATH, the loader ignores DT_RPATH even when only the RPATH points to the right folder.
        byte[] both = new ElfBuilder().rpath("$ORIGIN/../pkg.libs").runpath("$ORIGIN/elsewhere")
                .needs("libhelper.so", "libc.so.6").build();
        List<Finding> hidden = check(PY312, new ZipFixture().bytes("pkg/_ext.abi3.so", both, 0755)
                .file("pkg.libs/libhelper.so", helper));
        assertEquals(List.of(Rule.NATIVE_LIB_MISSING), rules(hidden));
        assertEquals(Severity.ERROR, hidden.get(0).severity());
        byte[] runpathOnly = new ElfBuilder().runpath("${ORIGIN}/../pkg.libs").needs("libhelper.so").build();
        assertEquals(List.of(), check(PY312, new ZipFixture().bytes("pkg/_ext.abi3.so", runpathOnly, 0755)
                .file("pkg.libs/libhelper.so", helper)));
    }

    @Test
    void rpathIsPassedDownToWhatALibraryLoads_runpathIsNot() throws Exception {
        byte[] libB = new ElfBuilder().soname("libB.so").needs("libc.so.6").build();
        byte[] libA = new ElfBuilder().soname("libA.so").needs("libB.so").build();
        byte[] viaRpath = new ElfBuilder().rpath("$ORIGIN/../pkg.libs").needs("libA.so").build();
        byte[] viaRunpath = new ElfBuilder().runpath("$ORIGIN/../pkg.libs").needs("libA.so").build();
        ZipFixture libs = new ZipFixture().bytes("pkg.libs/libA.so", libA, 0755).bytes("pkg.libs/libB.so", libB, 0755);
        assertEquals(List.of(), check(PY312, libs.bytes("pkg/_ext.abi3.so", viaRpath, 0755)),
                "auditwheel's DT_RPATH also serves the grafted libraries' own needs");
        List<Finding> findings = check(PY312, new ZipFixture().bytes("pkg.libs/libA.so", libA, 0755)
                .bytes("pkg.libs/libB.so", libB, 0755).bytes("pkg/_ext.abi3.so", viaRunpath, 0755));
        assertEquals(List.of(Rule.NATIVE_LIB_MISSING), rules(findings));
        assertEquals("pkg.libs/libA.so", findings.get(0).file());
        assertTrue(findings.get(0).message().contains("needs libB.so"), findings.get(0).message());
    }

    @Test
    void libraryFoundOnlyThroughAnotherModule_orPreloadedWithCtypes_isAWarning() throws Exception {
        Path helper = NativeFixtures.needingHelperWithoutRpath(dir).resolveSibling("libhelper.so");
        byte[] finds = new ElfBuilder().runpath("$ORIGIN/../pkg.libs").needs("libhelper.so").build();
        byte[] relies = new ElfBuilder().needs("libhelper.so").build();
        List<Finding> findings = check(PY312, new ZipFixture().file("pkg.libs/libhelper.so", helper)
                .bytes("pkg/_one.abi3.so", finds, 0755).bytes("pkg/_two.abi3.so", relies, 0755));
        assertEquals(List.of(Rule.NATIVE_LIB_MISSING), rules(findings));
        assertEquals(Severity.WARNING, findings.get(0).severity());
        assertEquals("pkg/_two.abi3.so", findings.get(0).file());
        assertTrue(findings.get(0).message().contains("only if pkg/_one.abi3.so is loaded first"), findings.get(0).message());

        List<Finding> ctypes = check(PY312, new ZipFixture().file("pkg.libs/libhelper.so", helper)
                .text("pkg/__init__.py", "import ctypes, os\nctypes.CDLL(os.path.join(os.path.dirname(__file__), "
                        + "'..', 'pkg.libs', 'libhelper.so'))\n")
                .bytes("pkg/_two.abi3.so", relies, 0755));
        assertEquals(List.of(Severity.WARNING), ctypes.stream().map(Finding::severity).toList(), ctypes.toString());
        assertTrue(ctypes.get(0).message().contains("ctypes"), ctypes.get(0).message());
    }

    @Test
    void aLayerIsUnpackedInOpt_soOnlyItsLibFolderIsOnTheSearchPath() throws Exception {
        Path plain = NativeFixtures.needingHelperWithoutRpath(dir);
        Path helper = dir.resolve("libhelper.so");
        assertEquals(List.of(), check(PY312, true, new ZipFixture().file("python/pkg/_ext.abi3.so", plain)
                .file("lib/libhelper.so", helper)));
        List<Finding> atRoot = check(PY312, true, new ZipFixture().file("python/pkg/_ext.abi3.so", plain)
                .file("libhelper.so", helper));
        assertEquals(List.of(Rule.NATIVE_LIB_MISSING), rules(atRoot), "/opt itself is not on LD_LIBRARY_PATH");
        byte[] absolute = new ElfBuilder().runpath("/opt/vendor").needs("libhelper.so").build();
        assertEquals(List.of(), check(PY312, new ZipFixture().bytes("pkg/_ext.abi3.so", absolute, 0755),
                new ZipFixture().file("vendor/libhelper.so", helper)), "an absolute RUNPATH into a layer's folder");
    }

    @Test
    void glibcxxOrCxxabiNewerThanTheRuntimesLibstdcxx_isNativeGlibcxx() throws Exception {
        byte[] gcc11 = new ElfBuilder().versions("libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.29", "CXXABI_1.3.13")
                .versions("libc.so.6", "GLIBC_2.17").build();
        List<Finding> al2 = check(PY311, new ZipFixture().bytes("cxx/_ext.abi3.so", gcc11, 0755));
        assertEquals(List.of(Rule.NATIVE_GLIBCXX), rules(al2));
        Finding finding = al2.get(0);
        assertEquals(Severity.ERROR, finding.severity());
        assertTrue(finding.message().contains("GLIBCXX_3.4.29 and CXXABI_1.3.13"), finding.message());
        assertTrue(finding.message().contains("Amazon Linux 2") && finding.message().contains("GLIBCXX_3.4.24"),
                finding.message());
        assertEquals(List.of(), check(PY312, new ZipFixture().bytes("cxx/_ext.abi3.so", gcc11, 0755)),
                "Amazon Linux 2023's GCC 11 libstdc++ has GLIBCXX_3.4.29 and CXXABI_1.3.13");

        byte[] gcc12 = new ElfBuilder().versions("libstdc++.so.6", "GLIBCXX_3.4.30").build();
        List<Finding> al2023 = check(PY312, new ZipFixture().bytes("cxx/_ext.abi3.so", gcc12, 0755));
        assertEquals(List.of(Rule.NATIVE_GLIBCXX), rules(al2023));
        assertTrue(al2023.get(0).message().contains("Amazon Linux 2023"), al2023.get(0).message());
        byte[] cxxabi = new ElfBuilder().versions("libstdc++.so.6", "CXXABI_1.3.12").build();
        assertEquals(List.of(Rule.NATIVE_GLIBCXX), rules(check(PY311, new ZipFixture().bytes("cxx/_e.abi3.so", cxxabi, 0755))));
    }

    @Test
    void newerLibstdcxxShippedAndFoundFirst_silencesNativeGlibcxx_onlyThroughRpath() throws Exception {
        byte[] libstdcxx = new ElfBuilder().soname("libstdc++.so.6").needs("libc.so.6").build();
        byte[] withRpath = new ElfBuilder().rpath("$ORIGIN/../cxx.libs").versions("libstdc++.so.6", "GLIBCXX_3.4.30")
                .build();
        assertEquals(List.of(), check(PY312, new ZipFixture().bytes("cxx/_ext.abi3.so", withRpath, 0755)
                .bytes("cxx.libs/libstdc++.so.6", libstdcxx, 0755)), "DT_RPATH is searched before LD_LIBRARY_PATH");
        // LD_LIBRARY_PATH, which starts with /lib64, comes before DT_RUNPATH and before /var/task/lib.
        byte[] withRunpath = new ElfBuilder().runpath("$ORIGIN/../cxx.libs").versions("libstdc++.so.6", "GLIBCXX_3.4.30")
                .build();
        byte[] plain = new ElfBuilder().versions("libstdc++.so.6", "GLIBCXX_3.4.30").build();
        for (ZipFixture zip : List.of(
                new ZipFixture().bytes("cxx/_ext.abi3.so", withRunpath, 0755).bytes("cxx.libs/libstdc++.so.6", libstdcxx, 0755),
                new ZipFixture().bytes("cxx/_ext.abi3.so", plain, 0755).bytes("lib/libstdc++.so.6", libstdcxx, 0755))) {
            List<Finding> findings = check(PY312, zip);
            assertEquals(List.of(Rule.NATIVE_GLIBCXX), rules(findings));
            assertTrue(findings.get(0).fix().contains("DT_RPATH"), findings.get(0).fix());
        }
    }

    @Test
    void systemLibraries_differByRuntime() throws Exception {
        byte[] openssl3 = new ElfBuilder().needs("libssl.so.3", "libcrypto.so.3", "libc.so.6").build();
        assertEquals(List.of(), check(PY312, new ZipFixture().bytes("m/_ssl.abi3.so", openssl3, 0755)),
                "Amazon Linux 2023 provides OpenSSL 3");
        List<Finding> al2 = check(PY311, new ZipFixture().bytes("m/_ssl.abi3.so", openssl3, 0755));
        assertEquals(List.of(Rule.NATIVE_LIB_MISSING, Rule.NATIVE_LIB_MISSING), rules(al2));
        assertTrue(al2.stream().allMatch(Finding::isError));
        assertTrue(al2.get(0).message().contains("python3.11 (Amazon Linux 2)"), al2.get(0).message());

        byte[] crypt = new ElfBuilder().needs("libcrypt.so.1").build();
        assertEquals(List.of(), check(PY311, new ZipFixture().bytes("m/_c.abi3.so", crypt, 0755)));
        List<Finding> uncertain = check(PY312, new ZipFixture().bytes("m/_c.abi3.so", crypt, 0755));
        assertEquals(List.of(Severity.WARNING), uncertain.stream().map(Finding::severity).toList());
        assertTrue(uncertain.get(0).message().contains("libxcrypt"), uncertain.get(0).message());

        byte[] x11 = new ElfBuilder().needs("libX11.so.6").build();
        assertEquals(List.of(Rule.NATIVE_LIB_MISSING), rules(check(PY312, new ZipFixture().bytes("m/_x.abi3.so", x11, 0755))));
        assertNull(SystemLibraries.AMAZON_LINUX_2.uncertainty("libc.so.6"));
    }
}
