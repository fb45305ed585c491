package io.github.lambdazip.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shared objects compiled with the machine's gcc, so native checks are tested on real ELF files. */
final class NativeFixtures {

    private NativeFixtures() {}

    /** Compiles C source into a shared object; extra arguments go to gcc (libraries, rpath). */
    static Path sharedObject(Path dir, String name, String source, String... gccArgs) throws Exception {
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, source, StandardCharsets.UTF_8);
        Path so = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-o", so.toString(), c.toString()));
        command.addAll(List.of(gccArgs));
        Process gcc = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("gcc failed (these tests need gcc and libc6-dev): " + command + "\n" + output);
        }
        return so;
    }

    /** A plain extension-like object needing only old glibc symbols. */
    static Path plain(Path dir) throws Exception {
        return sharedObject(dir, "plain.so", "#include <string.h>\nint plain(const char *s) { return (int) strlen(s); }\n");
    }

    /** An object needing GLIBC_2.36 (arc4random appeared in glibc 2.36), newer than any Lambda runtime's. */
    static Path needsGlibc236(Path dir) throws Exception {
        return sharedObject(dir, "fresh.so",
                "#include <stdlib.h>\nunsigned int fresh(void) { return arc4random(); }\n");
    }

    /** A library and an object that needs it ({@code DT_NEEDED libhelper.so}) with an $ORIGIN rpath. */
    static Path needingHelper(Path dir) throws Exception {
        sharedObject(dir, "libhelper.so", "int helper(void) { return 42; }\n");
        return sharedObject(dir, "needs_helper.so", "int helper(void);\nint use(void) { return helper(); }\n",
                "-L" + dir, "-lhelper", "-Wl,-rpath,$ORIGIN/../vendor.libs");
    }

    /** The same object that needs {@code libhelper.so}, linked with no search path at all. */
    static Path needingHelperWithoutRpath(Path dir) throws Exception {
        sharedObject(dir, "libhelper.so", "int helper(void) { return 42; }\n");
        return sharedObject(dir, "needs_helper_plain.so", "int helper(void);\nint use(void) { return helper(); }\n",
                "-L" + dir, "-lhelper");
    }

    /** The same object with an old-style DT_RPATH (--disable-new-dtags) instead of DT_RUNPATH. */
    static Path needingHelperWithRpath(Path dir, String rpath) throws Exception {
        sharedObject(dir, "libhelper.so", "int helper(void) { return 42; }\n");
        return sharedObject(dir, "needs_helper_rpath.so", "int helper(void);\nint use(void) { return helper(); }\n",
                "-L" + dir, "-lhelper", "-Wl,--disable-new-dtags,-rpath," + rpath);
    }

    /**
     * The same bytes with the section-header table gone, as {@code strip --strip-section-headers} leaves a file:
     * e_shoff, e_shnum and e_shstrndx zeroed, and (with {@code zeroTable}) the table's bytes too.
     */
    static byte[] withoutSectionHeaders(Path elf, boolean zeroTable) throws IOException {
        byte[] bytes = Files.readAllBytes(elf);
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long shoff = header.getLong(40);
        int shentsize = header.getShort(58) & 0xffff;
        int shnum = header.getShort(60) & 0xffff;
        if (zeroTable) {
            java.util.Arrays.fill(bytes, (int) shoff, (int) shoff + shentsize * shnum, (byte) 0);
        }
        header.putLong(40, 0).putShort(60, (short) 0).putShort(62, (short) 0);
        return bytes;
    }

    /** The same bytes with the ELF machine field changed, as a file built for another CPU would have. */
    static byte[] withMachine(Path elf, int machine) throws IOException {
        byte[] bytes = Files.readAllBytes(elf);
        bytes[18] = (byte) machine;
        bytes[19] = (byte) (machine >> 8);
        return bytes;
    }
}
