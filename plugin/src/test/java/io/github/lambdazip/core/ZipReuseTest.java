package io.github.lambdazip.core;

import static io.github.lambdazip.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.TestFiles;
import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild copies the entries of unchanged files from the previous zip, and its zip is byte for byte the one a clean
 * build of the same tree writes: after edits, additions, removals, renames and mode changes, with other settings, and
 * whatever was done to the previous zip.
 */
class ZipReuseTest {

    private static final int MODULES = 120;
    /** The modules, app.py, a large compressible file, a large random one (stored) and a small random one. */
    private static final int FILES = MODULES + 4;

    @TempDir
    Path dir;

    private int cleanBuilds;

    @Test
    void oneChangedFile_copiesEveryOtherEntry_andWritesACleanBuildsBytes() throws Exception {
        Path base = builtThenEdited("src/pkg3/mod_7.py");
        List<String> log = build(base, "auto");
        assertReused(log, FILES - 1, 1);
        assertSameAsCleanBuild(base);

        // again, from a zip that was itself written by copying, and with the large files changed
        edit(base, "src/big.txt");
        Files.write(base.resolve("src/random.bin"), random(3, 1_300_000));
        log = build(base, "auto");
        assertReused(log, FILES - 2, 2);
        assertSameAsCleanBuild(base);
    }

    @Test
    void addedRemovedAndRenamedFiles_writeACleanBuildsBytes() throws Exception {
        Path base = project();
        build(base, "auto");
        write(base, "src/pkg2/added.py", "ADDED = True\n");
        Files.delete(base.resolve("src/pkg5/mod_1.py"));
        Files.move(base.resolve("src/pkg1/mod_2.py"), base.resolve("src/pkg1/renamed.py"));
        List<String> log = build(base, "auto");
        assertReused(log, FILES - 2, 2);
        assertSameAsCleanBuild(base);
        assertTrue(TestFiles.entryNames(zip(base)).contains("pkg1/renamed.py"));
    }

    @Test
    void fileMadeExecutable_writesACleanBuildsBytes() throws Exception {
        Path base = project();
        build(base, "auto");
        TestFiles.setPermissions(base.resolve("src/pkg0/mod_0.py"), "rwxr-xr-x");
        build(base, "auto");
        assertSameAsCleanBuild(base);
        TestFiles.setPermissions(base.resolve("src/pkg0/mod_0.py"), "rw-r--r--");
        build(base, "auto");
        assertSameAsCleanBuild(base);
    }

    @Test
    void otherEntryTime_copiesNothing() throws Exception {
        Path base = builtThenEdited("src/app.py");
        Instant later = Instant.parse("2024-02-03T04:05:06Z");
        List<String> log = build(request(base, out(base), later, "auto"));
        assertNothingReused(log);
        assertArrayEquals(cleanBuild(base, later, "auto"), Files.readAllBytes(zip(base)));
    }

    @Test
    void encoders_copyOnlyBetweenThoseThatWriteTheReferenceBytes() throws Exception {
        Path base = builtThenEdited("src/pkg1/mod_1.py");
        List<String> log = build(base, "java");
        assertReused(log, FILES - 1, 1);
        assertSameAsCleanBuild(base);

        // native: the JDK's zlib untested, so its entries are neither taken nor offered
        edit(base, "src/pkg1/mod_1.py");
        log = build(base, "native");
        assertNothingReused(log);
        edit(base, "src/pkg1/mod_1.py");
        log = build(base, "auto");
        assertNothingReused(log);
        assertSameAsCleanBuild(base);
    }

    @Test
    void flippedByteInCompressedData_isCompressedAgain() throws Exception {
        for (String name : List.of("pkg4/mod_3.py", "random.bin", "big.txt")) {
            Path base = project(name.replace('/', '-'));
            build(base, "auto");
            edit(base, "src/app.py");
            damageKeepingSizeAndTime(zip(base), bytes -> bytes[dataOffset(bytes, name) + 3] ^= 0x20);
            List<String> log = build(base, "auto");
            assertReused(log, FILES - 2, 2);
            assertTrue(log.stream().anyMatch(line -> line.contains(": 1 entries of the previous zip")), log.toString());
            assertSameAsCleanBuild(base);
        }
    }

    @Test
    void wrongCrcInALocalHeader_isCompressedAgain() throws Exception {
        Path base = builtThenEdited("src/app.py");
        // the CRC-32 field, 14 bytes into the local header (30 bytes, then the name)
        damageKeepingSizeAndTime(zip(base), bytes -> bytes[dataOffset(bytes, "pkg2/mod_5.py") - "pkg2/mod_5.py".length()
                - 30 + 14] ^= 0x01);
        List<String> log = build(base, "auto");
        assertReused(log, FILES - 2, 2);
        assertSameAsCleanBuild(base);
    }

    @Test
    void centralDirectoryDisagreeingWithTheLocalHeaders_isNotRead() throws Exception {
        Path base = builtThenEdited("src/app.py");
        // every CRC-32 and offset in the central directory made wrong: the copy rests on the record, not on these
        damageKeepingSizeAndTime(zip(base), bytes -> {
            int end = bytes.length - 22;
            int at = (bytes[end + 16] & 0xFF) | (bytes[end + 17] & 0xFF) << 8 | (bytes[end + 18] & 0xFF) << 16
                    | (bytes[end + 19] & 0xFF) << 24;
            for (int entry = 0; entry < FILES; entry++) {
                int nameLength = (bytes[at + 28] & 0xFF) | (bytes[at + 29] & 0xFF) << 8;
                bytes[at + 16] ^= 0x55;
                bytes[at + 42] ^= 0x07;
                at += 46 + nameLength;
            }
        });
        List<String> log = build(base, "auto");
        assertReused(log, FILES - 1, 1);
        assertSameAsCleanBuild(base);
    }

    @Test
    void truncatedPreviousZip_copiesNothing() throws Exception {
        Path base = builtThenEdited("src/app.py");
        Path zip = zip(base);
        FileTime time = Files.getLastModifiedTime(zip);
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        Files.setLastModifiedTime(zip, time);
        List<String> log = build(base, "auto");
        assertNothingReused(log);
        assertSameAsCleanBuild(base);
    }

    /** Another tool's zip of the same files, padded or cut to the recorded size and given the recorded time. */
    @Test
    void foreignZipInPlaceOfThePreviousOne_isNotCopiedFrom() throws Exception {
        Path base = builtThenEdited("src/app.py");
        Path zip = zip(base);
        long size = Files.size(zip);
        FileTime time = Files.getLastModifiedTime(zip);
        Path foreign = dir.resolve("foreign.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(foreign));
                Stream<Path> files = Files.walk(base.resolve("src"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                ZipEntry entry = new ZipEntry(base.resolve("src").relativize(file).toString());
                entry.setTime(0);
                out.putNextEntry(entry);
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        Files.write(zip, java.util.Arrays.copyOf(Files.readAllBytes(foreign), (int) size));
        Files.setLastModifiedTime(zip, time);
        List<String> log = build(base, "auto");
        assertReused(log, 0, FILES);
        assertTrue(log.stream().anyMatch(line -> line.contains(": " + (FILES - 1) + " entries of the previous zip")),
                log.toString());
        assertSameAsCleanBuild(base);

        // and one written by Info-ZIP, where the machine has it
        if (onPath("zip")) {
            edit(base, "src/app.py");
            size = Files.size(zip);
            time = Files.getLastModifiedTime(zip);
            Files.deleteIfExists(foreign);
            Process process = new ProcessBuilder("zip", "-q", "-r", "-X", foreign.toString(), ".")
                    .directory(base.resolve("src").toFile()).inheritIO().start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0);
            Files.write(zip, java.util.Arrays.copyOf(Files.readAllBytes(foreign), (int) size));
            Files.setLastModifiedTime(zip, time);
            log = build(base, "auto");
            assertReused(log, 0, FILES);
            assertSameAsCleanBuild(base);
        }
    }

    @Test
    void damagedStateRecord_copiesNothing() throws Exception {
        Path base = builtThenEdited("src/app.py");
        Path record = out(base).resolve(".lambda-zip-state/app.inputs");
        byte[] bytes = Files.readAllBytes(record);
        Files.write(record, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        List<String> log = build(base, "auto");
        assertNothingReused(log);
        assertSameAsCleanBuild(base);
    }

    // --- the project and its builds

    /** The project, built once, then one of its files edited. */
    private Path builtThenEdited(String file) throws Exception {
        Path base = project();
        build(base, "auto");
        edit(base, file);
        return base;
    }

    private Path project() {
        return project("project");
    }

    /** About 120 Python modules, a 1.5 MB text file, a 1.2 MB random file (stored) and a small random one. */
    private Path project(String name) {
        Path base = dir.resolve(name);
        write(base, "src/app.py", "def handler(event, context):\n    return 1\n");
        Random random = new Random(42);
        for (int i = 0; i < MODULES; i++) {
            write(base, "src/pkg" + (i % 8) + "/mod_" + (i / 8) + ".py", code(random, 200 + random.nextInt(6000)));
        }
        write(base, "src/big.txt", code(random, 1_500_000));
        try {
            Files.write(base.resolve("src/random.bin"), random(1, 1_200_000));
            Files.write(base.resolve("src/small.bin"), random(2, 3000));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return base;
    }

    private static String code(Random random, int size) {
        String[] words = {"def", "return", "self", "import", "value", "for", "in", "if", "None", "(", ")", ":", "\n    "};
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        return text.toString();
    }

    private static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Gives a file other content of the same kind (one more line). */
    private static void edit(Path base, String file) throws IOException {
        Path path = base.resolve(file);
        Files.write(path, ("# edited " + System.nanoTime() + "\n").getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static Path out(Path base) {
        return base.resolve("target/lambda-zip");
    }

    private static Path zip(Path base) {
        return out(base).resolve("app.zip");
    }

    private static PackageRequest request(Path base, Path out, Instant time, String deflater) {
        return new PackageRequest(base, out, PythonRuntime.PYTHON_3_12, Architecture.X86_64,
                List.of(new ArtifactSpec(ArtifactKind.FUNCTION, "app", "app.handler", List.of("src"), null, List.of())),
                time, 2, DependencyOptions.defaults(base.resolve("cache")), null, null, false, deflater);
    }

    private static List<String> build(Path base, String deflater) throws Exception {
        return build(request(base, out(base), OutputTimestamp.DEFAULT, deflater));
    }

    private static List<String> build(PackageRequest request) throws Exception {
        List<String> lines = new ArrayList<>();
        new LambdaZipPackager(LambdaZipPackagerTest.recording(lines)).packageAll(request);
        return lines;
    }

    /** The zip a build with no previous zip and no record writes for the same files. */
    private byte[] cleanBuild(Path base, Instant time, String deflater) throws Exception {
        Path out = dir.resolve("clean-" + cleanBuilds++);
        build(request(base, out, time, deflater));
        return Files.readAllBytes(out.resolve("app.zip"));
    }

    private void assertSameAsCleanBuild(Path base) throws Exception {
        byte[] clean = cleanBuild(base, OutputTimestamp.DEFAULT, "auto");
        assertArrayEquals(clean, Files.readAllBytes(zip(base)), "the rebuilt zip has a clean build's bytes");
        assertEquals(TestFiles.sha256Hex(clean) + "  app.zip\n", Files.readString(out(base).resolve("app.zip.sha256")));
    }

    private static void assertReused(List<String> log, int copied, int compressed) {
        assertTrue(log.contains("function app: reused " + copied + " compressed entries from the previous zip, compressed "
                + compressed), log.toString());
    }

    private static void assertNothingReused(List<String> log) {
        assertTrue(log.stream().noneMatch(line -> line.contains("reused")), log.toString());
    }

    private interface Damage {
        void apply(byte[] bytes);
    }

    /** Changes the zip's bytes in place but leaves its size and modification time as the record has them. */
    private static void damageKeepingSizeAndTime(Path zip, Damage damage) throws IOException {
        FileTime time = Files.getLastModifiedTime(zip);
        byte[] bytes = Files.readAllBytes(zip);
        damage.apply(bytes);
        try (OutputStream out = Files.newOutputStream(zip)) {
            out.write(bytes);
        }
        Files.setLastModifiedTime(zip, time);
    }

    /** Where an entry's data starts: after its name in its local header, the first place the name appears. */
    private static int dataOffset(byte[] zip, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + bytes.length <= zip.length; at++) {
            if (java.util.Arrays.equals(zip, at, at + bytes.length, bytes, 0, bytes.length)) {
                return at + bytes.length;
            }
        }
        throw new AssertionError(name + " not in the zip");
    }

    private static boolean onPath(String command) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, command))) {
                return true;
            }
        }
        return false;
    }
}
