package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.verify.binary.ElfFile;
import io.github.lambdazip.verify.binary.FileByteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeCheckTest {

    private static final VerificationTarget PY312_X86 = new VerificationTarget(PythonRuntime.PYTHON_3_12, Architecture.X86_64);
    private static final VerificationTarget PY311_X86 = new VerificationTarget(PythonRuntime.PYTHON_3_11, Architecture.X86_64);
    private static final Path DEBIAN = Path.of("/usr/lib/python3/dist-packages");

    @TempDir
    Path dir;

    private List<Finding> check(VerificationTarget target, ZipFixture zip, ZipFixture... layers) throws Exception {
        try (ZipContents contents = ZipContents.open(zip.write(dir.resolve("f" + System.nanoTime() + ".zip")))) {
            List<PackageContents> layerContents = new java.util.ArrayList<>();
            for (ZipFixture layer : layers) {
                layerContents.add(ZipContents.open(layer.write(dir.resolve("l" + System.nanoTime() + ".zip"))));
            }
            return new NativeCheck(target).check(contents, layerContents);
        }
    }

    private static List<Rule> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    @Test
    void elfParser_readsMachineNeededLibrariesRpathAndVersions() throws Exception {
        ElfFile elf = ElfFile.parse(new FileByteSource(NativeFixtures.needingHelper(dir)));
        assertEquals(62, elf.machine());
        assertTrue(elf.needed().contains("libhelper.so"), elf.needed().toString());
        assertEquals(List.of("$ORIGIN/../vendor.libs"), elf.searchPaths());
        ElfFile fresh = ElfFile.parse(new FileByteSource(NativeFixtures.needsGlibc236(dir)));
        assertTrue(fresh.versionNeeds().contains(new ElfFile.VersionNeed("libc.so.6", "GLIBC_2.36")), fresh.versionNeeds().toString());
    }

    @Test
    void plainLinuxExtension_forTheRightCpuAndPython_isClean() throws Exception {
        Path so = NativeFixtures.plain(dir);
        assertEquals(List.of(), check(PY312_X86, new ZipFixture().file("fastmath.cpython-312-x86_64-linux-gnu.so", so)
                .file("pkg/_speed.abi3.so", so)));
    }

    @Test
    void glibcNewerThanTheRuntimes_isNativeGlibc() throws Exception {
        Path so = NativeFixtures.needsGlibc236(dir);
        List<Finding> findings = check(PY312_X86, new ZipFixture().file("fresh.cpython-312-x86_64-linux-gnu.so", so));
        assertEquals(List.of(Rule.NATIVE_GLIBC), rules(findings));
        assertTrue(findings.get(0).message().contains("GLIBC_2.36"), findings.get(0).message());
        assertTrue(findings.get(0).message().contains("glibc 2.34"), findings.get(0).message());
        assertTrue(findings.get(0).fix().contains("<image>public.ecr.aws/sam/build-python3.12:latest-x86_64</image>"),
                "the fix names an image that matches Lambda: " + findings.get(0).fix());
    }

    @Test
    void wrongCpuOrPython_isNativeArchOrAbi() throws Exception {
        Path so = NativeFixtures.plain(dir);
        byte[] aarch64 = NativeFixtures.withMachine(so, 183);
        List<Finding> arch = check(PY312_X86, new ZipFixture().bytes("m.cpython-312-aarch64-linux-gnu.so", aarch64, 0755));
        assertEquals(List.of(Rule.NATIVE_ARCH), rules(arch));
        assertTrue(arch.get(0).message().contains("aarch64"));
        assertEquals(List.of(), check(new VerificationTarget(PythonRuntime.PYTHON_3_12, Architecture.ARM64),
                new ZipFixture().bytes("m.cpython-312-aarch64-linux-gnu.so", aarch64, 0755)));

        List<Finding> abi = check(PY312_X86, new ZipFixture().file("pydantic_core/_pydantic_core.cpython-311-x86_64-linux-gnu.so", so));
        assertEquals(List.of(Rule.NATIVE_ABI), rules(abi));
        assertTrue(abi.get(0).message().contains("CPython 3.11"));
    }

    @Test
    void windowsAndMacModules_areNativePlatform() throws Exception {
        byte[] pe = new byte[128];
        pe[0] = 'M';
        pe[1] = 'Z';
        byte[] macho = {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe, 7, 0, 0, 1};
        List<Finding> findings = check(PY312_X86, new ZipFixture()
                .bytes("pydantic_core/_pydantic_core.cp312-win_amd64.pyd", pe, 0644)
                .bytes("lib/thing.so", pe, 0644)
                .bytes("mac/_speed.cpython-312-darwin.so", macho, 0644)
                .bytes("libfoo.dylib", macho, 0644)
                .text("pkg-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nTag: cp312-cp312-win_amd64\n"));
        assertEquals(5, findings.size(), findings.toString());
        assertTrue(findings.stream().allMatch(f -> f.rule() == Rule.NATIVE_PLATFORM), findings.toString());
    }

    @Test
    void neededLibrary_mustBeShippedOrProvided() throws Exception {
        Path so = NativeFixtures.needingHelper(dir);
        Path helper = dir.resolve("libhelper.so");
        List<Finding> missing = check(PY312_X86, new ZipFixture().file("pkg/_ext.cpython-312-x86_64-linux-gnu.so", so));
        assertEquals(List.of(Rule.NATIVE_LIB_MISSING), rules(missing));
        assertTrue(missing.get(0).message().contains("libhelper.so"));

        // auditwheel's layout: $ORIGIN/../vendor.libs
        assertEquals(List.of(), check(PY312_X86, new ZipFixture().file("pkg/_ext.cpython-312-x86_64-linux-gnu.so", so)
                .file("vendor.libs/libhelper.so", helper)));
        // Lambda's LD_LIBRARY_PATH: /var/task/lib and a layer's /opt/lib
        assertEquals(List.of(), check(PY312_X86, new ZipFixture().file("pkg/_ext.cpython-312-x86_64-linux-gnu.so", so)
                .file("lib/libhelper.so", helper)));
        assertEquals(List.of(), check(PY312_X86, new ZipFixture().file("pkg/_ext.cpython-312-x86_64-linux-gnu.so", so),
                new ZipFixture().file("lib/libhelper.so", helper)));
    }

    @Test
    void debiansOwnExtensionModules_areJudgedCorrectly() throws Exception {
        Path markupsafe = DEBIAN.resolve("markupsafe/_speedups.cpython-311-x86_64-linux-gnu.so");
        Path yaml = DEBIAN.resolve("yaml/_yaml.cpython-311-x86_64-linux-gnu.so");
        assertTrue(Files.exists(markupsafe) && Files.exists(yaml),
                "these tests read Debian's python3-markupsafe and python3-yaml: apt-get install python3-markupsafe python3-yaml"
                        + " (.ci/docker-setup.sh does)");
        assertEquals(List.of(), check(PY311_X86, new ZipFixture().file("markupsafe/_speedups.cpython-311-x86_64-linux-gnu.so", markupsafe)));

        List<Finding> yamlFindings = check(PY311_X86, new ZipFixture().file("yaml/_yaml.cpython-311-x86_64-linux-gnu.so", yaml));
        assertEquals(List.of(Rule.NATIVE_LIB_MISSING), rules(yamlFindings));
        assertTrue(yamlFindings.get(0).message().contains("libyaml-0.so.2"));

        List<Finding> newerPython = check(PY312_X86, new ZipFixture().file("markupsafe/_speedups.cpython-311-x86_64-linux-gnu.so", markupsafe));
        assertEquals(List.of(Rule.NATIVE_ABI), rules(newerPython));

        Path libyaml = Path.of("/usr/lib/x86_64-linux-gnu/libyaml-0.so.2");
        if (Files.exists(libyaml)) {
            assertEquals(List.of(), check(PY311_X86, new ZipFixture().file("yaml/_yaml.cpython-311-x86_64-linux-gnu.so", yaml)
                    .file("lib/libyaml-0.so.2", libyaml)));
        }
    }
}
