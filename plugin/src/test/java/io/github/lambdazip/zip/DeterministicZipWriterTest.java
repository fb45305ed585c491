package io.github.lambdazip.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.TestFiles;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.stage.SourceStager;
import io.github.lambdazip.stage.StagedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterministicZipWriterTest {

    private static final Instant TIME = Instant.parse("2024-03-10T12:34:56Z");
    private static final TimeZone ORIGINAL_ZONE = TimeZone.getDefault();

    @TempDir
    Path dir;

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(ORIGINAL_ZONE);
    }

    /** A small Lambda-like tree: modules, a script, a binary larger than the in-memory limit, an incompressible file. */
    private record FileSpec(String name, byte[] content, boolean executable) {}

    private static List<FileSpec> files() {
        List<FileSpec> files = new ArrayList<>();
        files.add(new FileSpec("app.py", "import helper\n\ndef handler(e, c):\n    return helper.X\n".getBytes(StandardCharsets.UTF_8), false));
        files.add(new FileSpec("helper/__init__.py", "X = 42\n".getBytes(StandardCharsets.UTF_8), false));
        files.add(new FileSpec("bin/run.sh", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8), true));
        files.add(new FileSpec("données/é.txt", "non-ASCII names stay UTF-8\n".getBytes(StandardCharsets.UTF_8), false));
        files.add(new FileSpec("empty.py", new byte[0], false));
        byte[] large = new byte[3 * 1024 * 1024];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) ("lambda".charAt(i % 6) + (i / 4096) % 3);
        }
        files.add(new FileSpec("lib/native.so", large, true));
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        files.add(new FileSpec("data/noise.bin", noise, false));
        byte[] bigNoise = new byte[1_500_000];
        new Random(8).nextBytes(bigNoise);
        files.add(new FileSpec("data/big-noise.bin", bigNoise, false));
        return files;
    }

    /** Writes the files in the given order, with the given permissions and modification times. */
    private Path tree(String name, List<FileSpec> files, boolean restrictive, Instant mtime) throws IOException {
        Path root = dir.resolve(name);
        for (FileSpec file : files) {
            Path path = root.resolve(file.name());
            Files.createDirectories(path.getParent());
            Files.write(path, file.content());
            String permissions = file.executable() ? (restrictive ? "rwx------" : "rwxr-xr-x")
                    : (restrictive ? "rw-------" : "rw-r--r--");
            TestFiles.setPermissions(path, permissions);
            TestFiles.setModified(path, mtime);
        }
        return root;
    }

    private byte[] zip(Path root, int threads) throws Exception {
        return zip(root, threads, false);
    }

    private byte[] zip(Path root, int threads, boolean builtInEncoder) throws Exception {
        StagedTree staged = new StagedTree();
        new SourceStager(BuildLog.silent()).stage(root, "", List.of(), "test", staged);
        Path out = dir.resolve("out-" + System.nanoTime() + ".zip");
        ZipWriteResult result = new DeterministicZipWriter(new ZipSettings(TIME, threads, builtInEncoder))
                .write(staged, out);
        byte[] bytes = Files.readAllBytes(out);
        assertEquals(List.of(), new io.github.lambdazip.verify.ZipStructureCheck().check(out),
                "every zip reader must see the same entries in the writer's zips");
        assertEquals(bytes.length, result.size());
        assertEquals(TestFiles.sha256Hex(out), result.sha256().hex());
        return bytes;
    }

    /**
     * The reference bytes of this tree: classic zlib's deflate, as Debian's and Temurin's zlib write it. Pinned, so
     * the built-in encoder is held to it on any machine, and the JDK's zlib wherever the canary says it is classic.
     */
    private static final String REFERENCE_SHA256 = "a140624f76d0dfcd62742727b9a3a3e4946b606b82dd37c88417896fa66a79c0";

    @Test
    void builtInEncoder_writesTheReferenceBytes_inMemoryAndStreamedEntries() throws Exception {
        Path root = tree("encoders", files(), false, TIME);
        byte[] builtIn = zip(root, 2, true);
        assertEquals(REFERENCE_SHA256, TestFiles.sha256Hex(builtIn));
        assertArrayEquals(builtIn, zip(root, 1, true), "one thread or two");
        if (DeflaterChoice.jdkMatchesReference()) {
            assertArrayEquals(builtIn, zip(root, 2, false), "the JDK's classic zlib writes the same bytes");
        }
    }

    @Test
    void sameFiles_giveSameBytes_whateverOrderMtimePermissionsZoneAndThreads() throws Exception {
        List<FileSpec> ordered = files();
        List<FileSpec> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(42));
        Collections.reverse(ordered);
        Path a = tree("a", ordered, false, Instant.parse("2001-01-01T00:00:00Z"));
        Path b = tree("checkout b", shuffled, true, Instant.parse("2025-06-30T23:59:59Z"));

        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        byte[] reference = zip(a, 1);
        for (String zone : List.of("America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati")) {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            for (int threads : List.of(1, 2, 8)) {
                assertArrayEquals(reference, zip(a, threads), "tree a, " + zone + ", " + threads + " threads");
                assertArrayEquals(reference, zip(b, threads), "tree b, " + zone + ", " + threads + " threads");
            }
        }
    }

    @Test
    void entries_areSortedWithFixedTimeModesAndNoExtraFields() throws Exception {
        Path root = tree("a", files(), false, Instant.now());
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        Path out = dir.resolve("x.zip");
        Files.write(out, zip(root, 2));
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try (ZipFile zip = ZipFile.builder().setPath(out).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
            List<String> names = entries.stream().map(ZipArchiveEntry::getName).toList();
            List<String> sorted = new ArrayList<>(names);
            Collections.sort(sorted);
            assertEquals(sorted, names);
            assertEquals(files().size(), entries.size());
            for (ZipArchiveEntry entry : entries) {
                assertEquals(0, entry.getExtraFields(true).length, entry.getName() + " has extra fields");
                assertEquals(0, entry.getLocalFileDataExtra().length, entry.getName() + " local extra");
                boolean executable = entry.getName().equals("bin/run.sh") || entry.getName().equals("lib/native.so");
                assertEquals(executable ? 0100755 : 0100644, entry.getUnixMode(), entry.getName());
                // DOS fields read in UTC equal the UTC time wanted: written in Kolkata, read anywhere.
                assertEquals(TIME.toEpochMilli(), entry.getTime(), entry.getName());
                assertTrue(entry.getGeneralPurposeBit().usesUTF8ForNames());
                assertTrue(!entry.getGeneralPurposeBit().usesDataDescriptor());
            }
            assertEquals(ZipEntry.STORED, zip.getEntry("data/noise.bin").getMethod());
            assertEquals(ZipEntry.STORED, zip.getEntry("data/big-noise.bin").getMethod());
            assertEquals(ZipEntry.DEFLATED, zip.getEntry("lib/native.so").getMethod());
        }
        for (FileSpec file : files()) {
            try (java.util.zip.ZipFile jdk = new java.util.zip.ZipFile(out.toFile())) {
                assertArrayEquals(file.content(), jdk.getInputStream(jdk.getEntry(file.name())).readAllBytes(), file.name());
            }
        }
    }

    /**
     * The records are laid out by hand; they are the bytes a general zip library writes for the same entries, so
     * readers see nothing unusual (and zips made before the hand-written layout keep their hashes).
     */
    @Test
    void records_areTheBytesCommonsCompressWritesForTheSameEntries() throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        byte[] ours = zip(tree("a", files(), false, Instant.now()), 2);
        Path oursFile = Files.write(dir.resolve("ours.zip"), ours);
        java.io.ByteArrayOutputStream library = new java.io.ByteArrayOutputStream();
        try (ZipFile source = ZipFile.builder().setPath(oursFile).get();
                ZipArchiveOutputStream copy = new ZipArchiveOutputStream(library)) {
            copy.setEncoding(StandardCharsets.UTF_8.name());
            copy.setUseLanguageEncodingFlag(true);
            copy.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            copy.setUseZip64(Zip64Mode.AsNeeded);
            for (ZipArchiveEntry entry : Collections.list(source.getEntriesInPhysicalOrder())) {
                ZipArchiveEntry fresh = new ZipArchiveEntry(entry.getName());
                fresh.setMethod(entry.getMethod());
                fresh.setCrc(entry.getCrc());
                fresh.setSize(entry.getSize());
                fresh.setCompressedSize(entry.getCompressedSize());
                fresh.setUnixMode(entry.getUnixMode());
                fresh.setTime(TIME.toEpochMilli());
                try (java.io.InputStream raw = source.getRawInputStream(entry)) {
                    copy.addRawArchiveEntry(fresh, raw);
                }
            }
        }
        assertArrayEquals(library.toByteArray(), ours);
    }

    /**
     * Modules packaged at once (mvn -T) share the processors: three writes of four threads each, sharing two
     * slots, never compress more than two batches at a time, and still give the bytes of a single-threaded write.
     */
    @Test
    void concurrentWrites_shareTheCompressionSlots() throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        List<FileSpec> many = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 60; i++) {
            byte[] content = new byte[200_000];
            for (int j = 0; j < content.length; j++) {
                content[j] = (byte) ('a' + random.nextInt(6));
            }
            many.add(new FileSpec("m/f" + i + ".py", content, false));
        }
        Path root = tree("many", many, false, Instant.now());
        byte[] reference = zip(root, 1);
        StagedTree staged = new StagedTree();
        new SourceStager(BuildLog.silent()).stage(root, "", List.of(), "test", staged);
        CompressionSlots slots = new CompressionSlots(2);
        List<java.util.concurrent.Future<byte[]>> builds = new ArrayList<>();
        java.util.concurrent.ExecutorService modules = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int module = 0; module < 3; module++) {
                Path out = dir.resolve("module-" + module + ".zip");
                builds.add(modules.submit(() -> {
                    new DeterministicZipWriter(new ZipSettings(TIME, 4), slots).write(staged, out);
                    return Files.readAllBytes(out);
                }));
            }
            for (java.util.concurrent.Future<byte[]> build : builds) {
                assertArrayEquals(reference, build.get());
            }
        } finally {
            modules.shutdown();
        }
        assertEquals(2, slots.mostBusy(), "two slots, both used, never more");
    }

    @Test
    void emptyTree_givesAValidEmptyZip() throws Exception {
        Path out = dir.resolve("empty.zip");
        ZipWriteResult result = new DeterministicZipWriter(new ZipSettings(TIME, 2)).write(new StagedTree(), out);
        assertEquals(0, result.entries());
        assertEquals(List.of(), TestFiles.entryNames(out));
    }

    /**
     * A writer whose build gave up on it (the checks beside it failed) is interrupted: it ends without writing the
     * rest, after the batches in flight, leaves no spill file beside the zip, and keeps its interrupt for its caller.
     */
    @Test
    void interruptedWriter_stopsAndLeavesNoSpillFile() throws Exception {
        List<FileSpec> large = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 64; i++) {
            byte[] content = new byte[512 * 1024];
            random.nextBytes(content);
            large.add(new FileSpec("data/blob" + i + ".bin", content, false));
        }
        Path root = tree("large", large, false, Instant.now());
        StagedTree staged = new StagedTree();
        new SourceStager(BuildLog.silent()).stage(root, "", List.of(), "test", staged);
        Path folder = Files.createDirectories(dir.resolve("out"));
        Path out = folder.resolve("large.zip");

        Thread.currentThread().interrupt();
        IOException error;
        try {
            error = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> new DeterministicZipWriter(new ZipSettings(TIME, 2)).write(staged, out));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }

        assertTrue(error instanceof java.io.InterruptedIOException, error.toString());
        assertEquals(List.of(Path.of(""), Path.of("large.zip")), TestFiles.listRecursively(folder),
                "only the target, which its caller deletes");
        assertTrue(Files.size(out) < 64L * 512 * 1024, "stopped before writing every entry: " + Files.size(out));
    }
}
