package io.github.lambdazip.zip.deflate;

import static io.github.lambdazip.zip.deflate.DeflateDriver.assertSame;
import static io.github.lambdazip.zip.deflate.DeflateDriver.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.lambdazip.zip.deflate.DeflateDriver.Engine;
import io.github.lambdazip.zip.deflate.DeflateDriver.Plan;
import io.github.lambdazip.zip.deflate.TestCorpus.Input;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ClassicDeflater against the JVM's java.util.zip.Deflater, which on this build machine links classic zlib (Debian
 * 12's 1.2.13). Each level keeps one engine of each kind for all its inputs, as the zip writer reuses one per thread,
 * so every comparison also covers reuse after reset().
 */
class ClassicDeflaterTest {

    private static final int ALL = Integer.MAX_VALUE;
    private static final int LEVELS = 9;

    private final Deflater[] jdk = new Deflater[LEVELS + 1];
    private final ClassicDeflater[] classic = new ClassicDeflater[LEVELS + 1];

    /** The reference is the JVM's zlib; where that is not classic zlib (zlib-ng, say) there is nothing to compare. */
    @BeforeAll
    static void thisJvmLinksClassicZlib() throws Exception {
        byte[] fixture = CanaryFixture.bytes();
        for (int level = 1; level <= LEVELS; level++) {
            Deflater d = new Deflater(level, true);
            byte[] out = new byte[fixture.length + 1024];
            int n = 0;
            try {
                d.setInput(fixture);
                d.finish();
                while (!d.finished()) {
                    n += d.deflate(out, n, out.length - n);
                }
            } finally {
                d.end();
            }
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(out, n)));
            assumeTrue(digest.equals(ReferenceDigests.referenceSha256(level)),
                    "this JVM's zlib is not classic zlib (canary fixture, level " + level + ")");
        }
    }

    @BeforeEach
    void engines() {
        for (int level = 1; level <= LEVELS; level++) {
            jdk[level] = new Deflater(level, true);
            classic[level] = new ClassicDeflater(level);
        }
    }

    @AfterEach
    void release() {
        for (int level = 1; level <= LEVELS; level++) {
            jdk[level].end();
        }
    }

    private void check(int level, Input input, Plan plan) {
        assertSame(DeflateDriver.jdk(jdk[level]), DeflateDriver.classic(classic[level]), input.bytes, plan,
                "level " + level + ", " + input.name);
    }

    private void checkAllLevels(List<Input> inputs, Plan plan) {
        for (int level = 1; level <= LEVELS; level++) {
            for (Input input : inputs) {
                check(level, input, plan);
            }
        }
    }

    @Test
    void structuralInputs_allAtOnce_everyLevel() {
        checkAllLevels(TestCorpus.structural(), Plan.fixed(ALL, 1 << 18));
    }

    @Test
    void structuralInputs_in64KiBChunksAsDeflaterOutputStreamFeedsThem_everyLevel() {
        checkAllLevels(TestCorpus.structural(), Plan.fixed(64 * 1024, 512));
    }

    @Test
    void randomBytes_everyLevel() {
        checkAllLevels(TestCorpus.random(150, 11), Plan.fixed(ALL, 1 << 16));
    }

    @Test
    void textAndBinarySlices_everyLevel() {
        checkAllLevels(TestCorpus.fixtureSlices(900, 12), Plan.fixed(ALL, 1 << 16));
    }

    @Test
    void mixedSegments_everyLevel() {
        checkAllLevels(TestCorpus.mixed(120, 13), Plan.fixed(64 * 1024, 64 * 1024));
    }

    @Test
    void pythonLikeSources_everyLevel() {
        SplittableRandom r = new SplittableRandom(14);
        List<Input> sources = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            sources.add(new Input("python " + i, TestCorpus.pythonLike(r, TestCorpus.logSize(r, 60_000))));
        }
        checkAllLevels(sources, Plan.fixed(ALL, 1 << 16));
    }

    @Test
    void jdkElfLibraries_headsAtEveryLevel_wholeFilesAtLevels1_6_9() {
        List<Input> files = TestCorpus.elfFiles();
        assertFalse(files.isEmpty(), "java.home/lib has no .so files");
        List<Input> heads = new ArrayList<>();
        for (Input f : files) {
            heads.add(new Input(f.name + " head", Arrays.copyOf(f.bytes, Math.min(f.bytes.length, 40_000))));
        }
        checkAllLevels(heads, Plan.fixed(ALL, 1 << 16));
        for (int level : new int[] {1, 6, 9}) {
            for (Input f : files) {
                check(level, f, Plan.fixed(64 * 1024, 64 * 1024));
            }
        }
    }

    @Test
    void blockEnds_at16383Symbols_everyLevel() {
        List<Input> inputs = new ArrayList<>();
        for (int size : new int[] {16_381, 16_382, 16_383, 16_384, 16_385, 32_765, 32_766, 32_767, 32_768, 49_148,
            49_149, 49_150, 49_151, 70_000}) {
            inputs.add(new Input("all literals " + size, TestCorpus.allLiterals(size)));
        }
        // Matches around the block end: a literal run, then copies of its start.
        for (int tail : new int[] {3, 4, 258, 259, 600}) {
            byte[] literals = TestCorpus.allLiterals(16_383 - 1);
            byte[] b = Arrays.copyOf(literals, literals.length + tail);
            System.arraycopy(literals, 0, b, literals.length, tail);
            inputs.add(new Input("16382 literals then a " + tail + "-byte match", b));
        }
        checkAllLevels(inputs, Plan.fixed(ALL, 1 << 18));
        checkAllLevels(inputs.subList(0, 4), Plan.fixed(4096, 7));
    }

    @Test
    void tinyOutputBuffers_oneAndSevenBytes() {
        List<Input> inputs = new ArrayList<>(TestCorpus.fixtureSlices(6, 21));
        inputs.add(new Input("zeros 70000", new byte[70_000]));
        inputs.add(new Input("all literals 20000", TestCorpus.allLiterals(20_000)));
        inputs.add(new Input("mixed", TestCorpus.mixed(new SplittableRandom(22), 90_000)));
        for (int level = 1; level <= LEVELS; level++) {
            for (Input input : inputs) {
                check(level, input, Plan.fixed(ALL, 7));
                check(level, input, Plan.fixed(64 * 1024, 7));
            }
            check(level, inputs.get(inputs.size() - 1), Plan.fixed(ALL, 1));
            check(level, inputs.get(0), Plan.fixed(1000, 1));
        }
    }

    @Test
    void irregularInputChunksAndOutputSizes_everyLevel() {
        SplittableRandom r = new SplittableRandom(31);
        for (int level = 1; level <= LEVELS; level++) {
            for (int i = 0; i < 12; i++) {
                Input input = new Input("mixed " + i, TestCorpus.mixed(r, TestCorpus.logSize(r, 150_000)));
                check(level, input, Plan.random(i % 3 == 0 ? 3 : 20_000, i % 2 == 0 ? 50 : 70_000, r.nextLong()));
            }
        }
    }

    @Test
    void inputOneByteAtATime_everyLevel() {
        Input text = new Input("python", TestCorpus.pythonLike(new SplittableRandom(32), 5_000));
        Input runs = new Input("'a' x 3000", TestCorpus.periodic(1, 3_000, 1));
        for (int level = 1; level <= LEVELS; level++) {
            check(level, text, Plan.fixed(1, 64));
            check(level, runs, Plan.fixed(1, 1));
            check(level, text, Plan.fixed(2, 1 << 16));
        }
    }

    @Test
    void manyEntriesInARow_includingAbandonedOnes_likeTheZipWriter() {
        // The writer stops deflating an entry once its output reaches the input's size, then resets: the next entry
        // starts with the abandoned one's window bytes, which zlib keeps too.
        SplittableRandom r = new SplittableRandom(41);
        for (int level = 1; level <= LEVELS; level++) {
            Engine want = DeflateDriver.jdk(jdk[level]);
            Engine got = DeflateDriver.classic(classic[level]);
            for (int i = 0; i < 60; i++) {
                byte[] entry = r.nextInt(4) == 0 ? TestCorpus.allLiterals(1 + r.nextInt(70_000))
                        : TestCorpus.mixed(r, TestCorpus.logSize(r, 100_000));
                Plan plan = r.nextInt(3) == 0 ? Plan.abandoning(4096, Math.max(1, entry.length / 2))
                        : Plan.fixed(ALL, Math.max(1, entry.length));
                assertSame(want, got, entry, plan, "level " + level + ", entry " + i);
            }
        }
    }

    @Test
    void shortEntriesAfterALongOne_readPastTheirEndIntoTheOldWindow() {
        // A long entry leaves its bytes in the window; a short entry's last matches compare past its own end with them.
        byte[] first = TestCorpus.periodic(5, 100_000, 7);
        for (int level = 1; level <= LEVELS; level++) {
            Engine want = DeflateDriver.jdk(jdk[level]);
            Engine got = DeflateDriver.classic(classic[level]);
            for (int size = 3; size < 700; size += 37) {
                assertSame(want, got, first, Plan.fixed(ALL, 1 << 17), "level " + level + ", first");
                byte[] second = Arrays.copyOf(first, size);
                second[size / 2] ^= 1;
                assertSame(want, got, second, Plan.fixed(ALL, 1 << 17), "level " + level + ", second " + size);
            }
        }
    }

    @Test
    void propertyRandomInputsLevelsAndCalls_fixedSeed() {
        SplittableRandom r = new SplittableRandom(0x5EEDL);
        for (int i = 0; i < 250; i++) {
            int level = 1 + r.nextInt(LEVELS);
            byte[] input;
            switch (r.nextInt(4)) {
                case 0:
                    input = TestCorpus.mixed(r, TestCorpus.logSize(r, 200_000));
                    break;
                case 1:
                    input = new byte[TestCorpus.logSize(r, 100_000)];
                    TestCorpus.fillRandom(r, input, 0, input.length, 1 + r.nextInt(8));
                    break;
                case 2:
                    input = TestCorpus.periodic(1 + r.nextInt(5000), TestCorpus.logSize(r, 100_000), r.nextLong());
                    break;
                default:
                    input = TestCorpus.pythonLike(r, TestCorpus.logSize(r, 100_000));
                    break;
            }
            Plan plan = r.nextBoolean() ? Plan.fixed(ALL, 1 << 16)
                    : Plan.random(1 + r.nextInt(100_000), 1 + r.nextInt(100_000), r.nextLong());
            check(level, new Input("case " + i, input), plan);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 9})
    void sameBytesAsDeflaterOutputStream_andInflatesBack(int level) throws Exception {
        byte[] input = TestCorpus.mixed(new SplittableRandom(level), 300_000);
        ByteArrayOutputStream viaStream = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(level, true);
        try (DeflaterOutputStream out = new DeflaterOutputStream(viaStream, deflater, 64 * 1024)) {
            for (int pos = 0; pos < input.length; pos += 64 * 1024) {
                out.write(input, pos, Math.min(64 * 1024, input.length - pos));
            }
        } finally {
            deflater.end();
        }
        byte[] ours = DeflateDriver.run(DeflateDriver.classic(classic[level]), input, Plan.fixed(64 * 1024, 64 * 1024))
                .bytes;
        assertSameBytes(viaStream.toByteArray(), ours, "level " + level + " via DeflaterOutputStream");
        assertArrayEquals(input, inflate(ours, input.length));
    }

    @Test
    void countersAndStates_followTheCalls() {
        ClassicDeflater d = new ClassicDeflater(6);
        assertTrue(d.needsInput());
        assertFalse(d.finished());
        byte[] input = TestCorpus.pythonLike(new SplittableRandom(5), 10_000);
        d.setInput(input, 100, 9_000);
        assertFalse(d.needsInput());
        byte[] out = new byte[20_000];
        assertEquals(0, d.deflate(out, 0, 0));
        assertEquals(0, d.deflate(out, 0, out.length), "nothing is written before the window fills or finish()");
        assertTrue(d.needsInput());
        assertEquals(9_000, d.getBytesRead());
        d.finish();
        int n = d.deflate(out, 0, out.length);
        assertTrue(d.finished());
        assertEquals(n, d.getBytesWritten());
        assertEquals(0, d.deflate(out, 0, out.length));
        assertArrayEquals(Arrays.copyOfRange(input, 100, 9_100), inflate(Arrays.copyOf(out, n), 9_000));
        d.reset();
        assertEquals(0, d.getBytesRead());
        assertEquals(0, d.getBytesWritten());
        assertFalse(d.finished());
        assertTrue(d.needsInput());
        assertEquals(6, d.level());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new ClassicDeflater(0));
        assertThrows(IllegalArgumentException.class, () -> new ClassicDeflater(10));
        ClassicDeflater d = new ClassicDeflater(1);
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> d.setInput(new byte[4], 3, 2));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> d.deflate(new byte[4], -1, 2));
    }

    private static byte[] inflate(byte[] deflated, int size) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            byte[] out = new byte[size + 1];
            int n = 0;
            while (!inflater.finished() && n < out.length) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            assertTrue(inflater.finished(), "stream is complete");
            return Arrays.copyOf(out, n);
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
    }
}
