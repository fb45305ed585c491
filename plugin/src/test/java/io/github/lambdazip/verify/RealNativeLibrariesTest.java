package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native checks on real binaries nobody on this team built: the libraries inside sqlite-jdbc, zstd-jni and JNA
 * (Linux glibc and musl, Android, FreeBSD, OpenBSD, DragonFly, Solaris, Windows, macOS, eight CPUs) and Debian 12's
 * extension modules (C, C++ and Rust, amd64 and arm64), laid out as a Lambda package would hold them.
 */
class RealNativeLibrariesTest {

    private static final VerificationTarget X86_312 = new VerificationTarget(PythonRuntime.PYTHON_3_12, Architecture.X86_64);
    private static final VerificationTarget X86_311 = new VerificationTarget(PythonRuntime.PYTHON_3_11, Architecture.X86_64);
    private static final VerificationTarget ARM_312 = new VerificationTarget(PythonRuntime.PYTHON_3_12, Architecture.ARM64);
    private static final VerificationTarget ARM_311 = new VerificationTarget(PythonRuntime.PYTHON_3_11, Architecture.ARM64);

    @TempDir
    Path dir;

    private List<Finding> check(VerificationTarget target, ZipFixture zip) throws Exception {
        try (ZipContents contents = ZipContents.open(zip.write(dir.resolve("f" + System.nanoTime() + ".zip")))) {
            return new NativeCheck(target).check(contents, List.of());
        }
    }

    /** One jar library put in a package as vendored native code, and what the check must say about it. */
    private record Case(String resource, VerificationTarget target, Rule rule, String says) {}

    @Test
    void jarNativeLibraries_forEverySystemAndCpu_areJudgedRight() throws Exception {
        String sqlite = "org/sqlite/native/";
        String zstd = "";
        String jna = "com/sun/jna/";
        String z = "libzstd-jni-1.5.7-9";
        List<Case> cases = List.of(
                new Case(sqlite + "Linux/x86_64/libsqlitejdbc.so", X86_311, null, null),
                new Case(sqlite + "Linux/aarch64/libsqlitejdbc.so", ARM_312, null, null),
                new Case(sqlite + "Linux/aarch64/libsqlitejdbc.so", X86_312, Rule.NATIVE_ARCH, "aarch64"),
                new Case(sqlite + "Linux/x86/libsqlitejdbc.so", X86_312, Rule.NATIVE_ARCH, "x86 (32-bit)"),
                new Case(sqlite + "Linux/riscv64/libsqlitejdbc.so", X86_312, Rule.NATIVE_ARCH, "RISC-V"),
                new Case(sqlite + "Linux-Musl/x86_64/libsqlitejdbc.so", X86_312, Rule.NATIVE_PLATFORM, "libc.musl-x86_64.so.1"),
                new Case(sqlite + "Linux-Musl/aarch64/libsqlitejdbc.so", ARM_312, Rule.NATIVE_PLATFORM, "unversioned libc.so"),
                new Case(sqlite + "Linux-Android/x86_64/libsqlitejdbc.so", X86_312, Rule.NATIVE_PLATFORM, "Android"),
                new Case(sqlite + "Linux-Android/aarch64/libsqlitejdbc.so", ARM_312, Rule.NATIVE_PLATFORM, "Android"),
                new Case(sqlite + "FreeBSD/x86_64/libsqlitejdbc.so", X86_312, Rule.NATIVE_PLATFORM, "EI_OSABI is 9"),
                new Case(sqlite + "FreeBSD/aarch64/libsqlitejdbc.so", ARM_312, Rule.NATIVE_PLATFORM, "libc.so.7"),
                new Case(sqlite + "Windows/x86_64/sqlitejdbc.dll", X86_312, Rule.NATIVE_PLATFORM, "Windows"),
                new Case(sqlite + "Mac/aarch64/libsqlitejdbc.dylib", ARM_312, Rule.NATIVE_PLATFORM, "macOS"),
                new Case(zstd + "linux/amd64/" + z + ".so", X86_311, null, null),
                new Case(zstd + "linux/aarch64/" + z + ".so", ARM_311, null, null),
                new Case(zstd + "linux/s390x/" + z + ".so", X86_312, Rule.NATIVE_ARCH, "s390"),
                new Case(zstd + "linux/ppc64/" + z + ".so", ARM_312, Rule.NATIVE_ARCH, "PowerPC"),
                new Case(zstd + "linux/arm/" + z + ".so", ARM_312, Rule.NATIVE_ARCH, "ARM (32-bit)"),
                new Case(zstd + "freebsd/amd64/" + z + ".so", X86_312, Rule.NATIVE_PLATFORM, "FreeBSD"),
                new Case(zstd + "win/amd64/" + z + ".dll", X86_312, Rule.NATIVE_PLATFORM, "Windows"),
                new Case(zstd + "darwin/x86_64/" + z + ".dylib", X86_312, Rule.NATIVE_PLATFORM, "macOS"),
                new Case(jna + "linux-x86-64/libjnidispatch.so", X86_311, null, null),
                new Case(jna + "linux-aarch64/libjnidispatch.so", ARM_312, null, null),
                new Case(jna + "sunos-x86-64/libjnidispatch.so", X86_312, Rule.NATIVE_PLATFORM, "Solaris"),
                new Case(jna + "openbsd-x86-64/libjnidispatch.so", X86_312, Rule.NATIVE_PLATFORM, "OpenBSD"),
                new Case(jna + "dragonflybsd-x86-64/libjnidispatch.so", X86_312, Rule.NATIVE_PLATFORM, "DragonFly"),
                new Case(jna + "freebsd-aarch64/libjnidispatch.so", ARM_312, Rule.NATIVE_PLATFORM, "FreeBSD"));
        List<String> wrong = new ArrayList<>();
        for (Case each : cases) {
            String fileName = each.resource().substring(each.resource().lastIndexOf('/') + 1);
            String name = "vendor/" + each.resource().replace('/', '_').toLowerCase(Locale.ROOT) + "/" + fileName;
            List<Finding> findings = check(each.target(), new ZipFixture().bytes(name, RealFixtures.jarResource(each.resource()), 0755));
            List<Rule> expected = each.rule() == null ? List.of() : List.of(each.rule());
            List<Rule> actual = findings.stream().map(Finding::rule).toList();
            if (!expected.equals(actual) || (each.says() != null && !findings.get(0).message().contains(each.says()))
                    || findings.stream().anyMatch(f -> !f.isError())
                    || findings.stream().anyMatch(f -> f.fix().matches(".*ship (libc|libthr|libandroid|liblog).*"))) {
                wrong.add(each + " -> " + findings);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void debiansCxxExtensions_needNewerLibstdcxxThanAmazonLinux2() throws Exception {
        Path kiwisolver = RealFixtures.distPackages("python3-kiwisolver", "amd64",
                "kiwisolver/_cext.cpython-311-x86_64-linux-gnu.so");
        List<Finding> al2 = check(X86_311, new ZipFixture().file("kiwisolver/_cext.cpython-311-x86_64-linux-gnu.so", kiwisolver));
        assertEquals(List.of(Rule.NATIVE_GLIBCXX), al2.stream().map(Finding::rule).toList(), al2.toString());
        assertTrue(al2.get(0).message().contains("GLIBCXX_3.4.29"), al2.get(0).message());
        // The same bytes under an abi3 name, for python3.12 on Amazon Linux 2023 (GCC 11): nothing to report.
        assertEquals(List.of(), check(X86_312, new ZipFixture().file("kiwisolver/_cext.abi3.so", kiwisolver)));
        // With its section-header table gone the file is judged the same.
        assertEquals(List.of(Rule.NATIVE_GLIBCXX), check(X86_311, new ZipFixture().bytes(
                "kiwisolver/_cext.cpython-311-x86_64-linux-gnu.so", NativeFixtures.withoutSectionHeaders(kiwisolver, true),
                0755)).stream().map(Finding::rule).toList());

        Path grpc = RealFixtures.distPackages("python3-grpcio", "amd64", "grpc/_cython/cygrpc.cpython-311-x86_64-linux-gnu.so");
        List<Finding> grpcFindings = check(X86_312, new ZipFixture().file("grpc/_cython/cygrpc.abi3.so", grpc));
        assertTrue(grpcFindings.stream().anyMatch(f -> f.rule() == Rule.NATIVE_GLIBCXX
                && f.message().contains("GLIBCXX_3.4.30")), grpcFindings.toString());
        assertTrue(grpcFindings.stream().anyMatch(f -> f.rule() == Rule.NATIVE_LIB_MISSING
                && f.message().contains("libcares.so.2")), grpcFindings.toString());
        assertFalse(grpcFindings.stream().anyMatch(f -> f.message().contains("needs libssl.so.3")),
                "Amazon Linux 2023 has OpenSSL 3: " + grpcFindings);
    }

    @Test
    void shippingDebiansLibstdcxx_helpsOnlyThroughRpath_andNeedsANewerGlibcItself() throws Exception {
        Path kiwisolver = RealFixtures.distPackages("python3-kiwisolver", "amd64",
                "kiwisolver/_cext.cpython-311-x86_64-linux-gnu.so");
        Path libstdcxx = RealFixtures.find("libstdc++6", "amd64", "libstdc++.so.6.0.30");
        List<Finding> inLib = check(X86_311, new ZipFixture()
                .file("kiwisolver/_cext.cpython-311-x86_64-linux-gnu.so", kiwisolver).file("lib/libstdc++.so.6", libstdcxx));
        assertEquals(List.of("NATIVE_GLIBC lib/libstdc++.so.6", "NATIVE_GLIBCXX kiwisolver/_cext.cpython-311-x86_64-linux-gnu.so"),
                inLib.stream().map(f -> f.rule() + " " + f.file()).sorted().toList(), inLib.toString());
        assertTrue(inLib.stream().anyMatch(f -> f.message().contains("GLIBC_2.36")), inLib.toString());
        // A module whose DT_RPATH points at the shipped copy uses it: no NATIVE_GLIBCXX, but Debian's libstdc++
        // itself needs glibc 2.36, newer than either runtime's.
        byte[] module = new ElfBuilder().rpath("$ORIGIN/../cxx.libs").versions("libstdc++.so.6", "GLIBCXX_3.4.30").build();
        for (VerificationTarget target : List.of(X86_311, X86_312)) {
            List<Finding> rpath = check(target, new ZipFixture().bytes("cxx/_ext.abi3.so", module, 0755)
                    .file("cxx.libs/libstdc++.so.6", libstdcxx));
            assertEquals(List.of("NATIVE_GLIBC cxx.libs/libstdc++.so.6"),
                    rpath.stream().map(f -> f.rule() + " " + f.file()).toList(), target.runtime().id());
        }
    }

    @Test
    void debiansCryptography_needsOpenssl3_whichOnlyAmazonLinux2023Has() throws Exception {
        Path openssl = RealFixtures.distPackages("python3-cryptography", "amd64", "cryptography/hazmat/bindings/_openssl.abi3.so");
        Path rust = RealFixtures.distPackages("python3-cryptography", "amd64", "cryptography/hazmat/bindings/_rust.abi3.so");
        ZipFixture zip = new ZipFixture().file("cryptography/hazmat/bindings/_openssl.abi3.so", openssl)
                .file("cryptography/hazmat/bindings/_rust.abi3.so", rust);
        assertEquals(List.of(), check(X86_312, zip), "glibc 2.34 and OpenSSL 3 are both there on python3.12");
        List<Finding> al2 = check(X86_311, zip);
        assertEquals(List.of("NATIVE_LIB_MISSING libssl.so.3", "NATIVE_LIB_MISSING libcrypto.so.3", "NATIVE_GLIBC GLIBC_2.34"),
                al2.stream().map(f -> f.rule() + " " + (f.rule() == Rule.NATIVE_GLIBC ? "GLIBC_2.34"
                        : f.message().replaceAll("^needs (\\S+),.*$", "$1"))).sorted((a, b) -> b.compareTo(a)).toList(),
                al2.toString());
    }

    @Test
    void debiansArm64Yaml_needsItsLibyaml_andIsTheWrongCpuForX86() throws Exception {
        Path yaml = RealFixtures.distPackages("python3-yaml", "arm64", "yaml/_yaml.cpython-311-aarch64-linux-gnu.so");
        Path libyaml = RealFixtures.find("libyaml-0-2", "arm64", "libyaml-0.so.2");
        String module = "yaml/_yaml.cpython-311-aarch64-linux-gnu.so";
        List<Finding> missing = check(ARM_311, new ZipFixture().file(module, yaml));
        assertEquals(List.of(Rule.NATIVE_LIB_MISSING), missing.stream().map(Finding::rule).toList());
        assertTrue(missing.get(0).message().contains("libyaml-0.so.2"), missing.get(0).message());
        assertEquals(List.of(), check(ARM_311, new ZipFixture().file(module, yaml).file("lib/libyaml-0.so.2", libyaml)));
        List<Finding> beside = check(ARM_311, new ZipFixture().file(module, yaml).file("yaml/libyaml-0.so.2", libyaml));
        assertEquals(List.of(Severity.ERROR), beside.stream().map(Finding::severity).toList());
        assertTrue(beside.get(0).message().contains("the loader does not look there"), beside.get(0).message());
        assertEquals(List.of(Rule.NATIVE_ARCH), check(X86_311, new ZipFixture().file(module, yaml)).stream()
                .map(Finding::rule).toList());
    }
}
