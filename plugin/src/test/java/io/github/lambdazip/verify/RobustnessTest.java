package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.verify.binary.ByteSource;
import io.github.lambdazip.verify.binary.ElfFile;
import io.github.lambdazip.verify.binary.MalformedBinaryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input: thousands of randomly damaged ELF files and zips must each end in findings or a clean error,
 * quickly, never in a hang, a crash or a huge allocation.
 */
class RobustnessTest {

    @TempDir
    Path dir;

    @Test
    void mutatedElfHeaders_endInAResultOrMalformedBinary() throws Exception {
        byte[] original = Files.readAllBytes(NativeFixtures.needingHelper(dir));
        Random random = new Random(20261122);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 5000; i++) {
                byte[] mutated = mutate(original, random, i % 2 == 0 ? 64 : original.length);
                try {
                    ElfFile elf = ElfFile.parse(ByteSource.of(mutated));
                    assertTrue(elf.needed().size() < 100_000);
                } catch (MalformedBinaryException expected) {
                    // a clean error is a good outcome
                }
            }
        });
    }

    @Test
    void mutatedElfWithOnlyProgramHeaders_endsInAResultOrMalformedBinary() throws Exception {
        byte[] original = new ElfBuilder().needs("libfoo.so.1").soname("libbar.so").runpath("$ORIGIN/../x.libs")
                .interpreter("/lib64/ld-linux-x86-64.so.2").note("GNU")
                .versions("libstdc++.so.6", "GLIBCXX_3.4.30", "CXXABI_1.3.13").versions("libc.so.6", "GLIBC_2.34").build();
        Random random = new Random(20261130);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 5000; i++) {
                byte[] mutated = mutate(original, random, original.length);
                try {
                    ElfFile elf = ElfFile.parse(ByteSource.of(mutated));
                    assertTrue(elf.needed().size() < 100_000 && elf.versionNeeds().size() <= 100_000);
                } catch (MalformedBinaryException expected) {
                    // a clean error is a good outcome
                }
            }
        });
    }

    @Test
    void mutatedZips_endInFindingsNeverInAnException() throws Exception {
        Path so = NativeFixtures.needingHelper(dir);
        byte[] original = new ZipFixture()
                .text("app.py", "import json\nfrom pkg import ext\n\ndef handler(e, c):\n    return 1\n")
                .text("pkg/__init__.py", "")
                .file("pkg/ext.cpython-312-x86_64-linux-gnu.so", so)
                .text("pkg-1.0.dist-info/WHEEL", "Tag: cp312-cp312-manylinux_2_17_x86_64\n")
                .build();
        Random random = new Random(42);
        VerificationTarget target = new VerificationTarget(PythonRuntime.PYTHON_3_12, Architecture.X86_64);
        Path zip = dir.resolve("mutated.zip");
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 2000; i++) {
                Files.write(zip, mutate(original, random, original.length));
                ZipIntegrityCheck.Result integrity = new ZipIntegrityCheck().check(zip);
                if (integrity.findings().stream().anyMatch(f -> f.rule() == Rule.ZIP_CORRUPT && f.file() == null)) {
                    continue;
                }
                try (ZipContents contents = ZipContents.open(zip)) {
                    new PackageVerifier(target, Set.of()).check("app.handler", contents, List.of(),
                            integrity.uncompressedSize(), 0);
                } catch (java.io.IOException cleanError) {
                    // an unreadable entry that the integrity check already reported
                }
            }
        });
    }

    private static byte[] mutate(byte[] original, Random random, int range) {
        byte[] copy = original.clone();
        int flips = 1 + random.nextInt(8);
        for (int f = 0; f < flips; f++) {
            int at = random.nextInt(Math.min(range, copy.length));
            copy[at] = switch (random.nextInt(4)) {
                case 0 -> (byte) random.nextInt(256);
                case 1 -> (byte) 0xff;
                case 2 -> 0;
                default -> (byte) (copy[at] ^ (1 << random.nextInt(8)));
            };
        }
        if (random.nextInt(10) == 0) {
            return java.util.Arrays.copyOf(copy, random.nextInt(copy.length));
        }
        return copy;
    }
}
