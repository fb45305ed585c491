package io.github.lambdazip.zip.deflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import java.util.zip.Deflater;

/**
 * Drives java.util.zip.Deflater and ClassicDeflater through the same calls (the loop DeflaterOutputStream uses) and
 * compares everything observable: the bytes, what each deflate() call returned, and the byte counters.
 */
final class DeflateDriver {

    /** The methods both classes have; an adapter per class keeps the driving loop shared. */
    interface Engine {
        void setInput(byte[] b, int off, int len);

        boolean needsInput();

        void finish();

        boolean finished();

        int deflate(byte[] b, int off, int len);

        long getBytesRead();

        long getBytesWritten();

        void reset();
    }

    static Engine jdk(Deflater d) {
        return new Engine() {
            public void setInput(byte[] b, int off, int len) {
                d.setInput(b, off, len);
            }

            public boolean needsInput() {
                return d.needsInput();
            }

            public void finish() {
                d.finish();
            }

            public boolean finished() {
                return d.finished();
            }

            public int deflate(byte[] b, int off, int len) {
                return d.deflate(b, off, len);
            }

            public long getBytesRead() {
                return d.getBytesRead();
            }

            public long getBytesWritten() {
                return d.getBytesWritten();
            }

            public void reset() {
                d.reset();
            }
        };
    }

    static Engine classic(ClassicDeflater d) {
        return new Engine() {
            public void setInput(byte[] b, int off, int len) {
                d.setInput(b, off, len);
            }

            public boolean needsInput() {
                return d.needsInput();
            }

            public void finish() {
                d.finish();
            }

            public boolean finished() {
                return d.finished();
            }

            public int deflate(byte[] b, int off, int len) {
                return d.deflate(b, off, len);
            }

            public long getBytesRead() {
                return d.getBytesRead();
            }

            public long getBytesWritten() {
                return d.getBytesWritten();
            }

            public void reset() {
                d.reset();
            }
        };
    }

    /** How input is cut and how much output room each call gets; the same seed gives both engines the same calls. */
    static final class Plan {
        final int chunk;
        final int outSize;
        final long seed;
        final boolean randomSizes;
        /** Stop deflating once this many bytes came out, then reset without finishing (-1: never). */
        final long abandonAfter;

        private Plan(int chunk, int outSize, long seed, boolean randomSizes, long abandonAfter) {
            this.chunk = chunk;
            this.outSize = outSize;
            this.seed = seed;
            this.randomSizes = randomSizes;
            this.abandonAfter = abandonAfter;
        }

        static Plan fixed(int chunk, int outSize) {
            return new Plan(chunk, outSize, 0, false, -1);
        }

        /** Chunk sizes in 1..maxChunk and output room in 1..maxOut, drawn per call. */
        static Plan random(int maxChunk, int maxOut, long seed) {
            return new Plan(maxChunk, maxOut, seed, true, -1);
        }

        static Plan abandoning(int outSize, long after) {
            return new Plan(Integer.MAX_VALUE, outSize, 0, false, after);
        }

        @Override
        public String toString() {
            return (randomSizes ? "random chunks<=" + chunk + " out<=" + outSize + " seed " + seed
                    : "chunk " + (chunk == Integer.MAX_VALUE ? "all" : chunk) + " out " + outSize)
                    + (abandonAfter >= 0 ? " abandoned after " + abandonAfter : "");
        }
    }

    /** Everything one stream showed the caller. */
    static final class Trace {
        final byte[] bytes;
        final int[] returns;
        final long bytesRead;
        final long bytesWritten;

        Trace(byte[] bytes, int[] returns, long bytesRead, long bytesWritten) {
            this.bytes = bytes;
            this.returns = returns;
            this.bytesRead = bytesRead;
            this.bytesWritten = bytesWritten;
        }
    }

    static Trace run(Engine engine, byte[] input, Plan plan) {
        SplittableRandom random = new SplittableRandom(plan.seed);
        IntSupplier chunks = plan.randomSizes ? () -> 1 + random.nextInt(plan.chunk) : () -> plan.chunk;
        IntSupplier outs = plan.randomSizes ? () -> 1 + random.nextInt(plan.outSize) : () -> plan.outSize;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] returns = new int[64];
        int calls = 0;
        byte[] buffer = new byte[plan.outSize];
        int idle = 0;
        int pos = 0;
        boolean abandoned = false;
        while (pos < input.length && !abandoned) {
            int n = Math.min(chunks.getAsInt(), input.length - pos);
            engine.setInput(input, pos, n);
            pos += n;
            idle = 0;
            while (!engine.needsInput()) {
                int k = engine.deflate(buffer, 0, outs.getAsInt());
                out.write(buffer, 0, k);
                if (calls == returns.length) {
                    returns = Arrays.copyOf(returns, calls * 2);
                }
                returns[calls++] = k;
                idle = k == 0 ? idle + 1 : 0;
                if (idle > 10_000) {
                    fail("deflate() makes no progress");
                }
                if (plan.abandonAfter >= 0 && out.size() >= plan.abandonAfter) {
                    abandoned = true;
                    break;
                }
            }
        }
        if (!abandoned) {
            engine.finish();
            while (!engine.finished()) {
                int k = engine.deflate(buffer, 0, outs.getAsInt());
                out.write(buffer, 0, k);
                if (calls == returns.length) {
                    returns = Arrays.copyOf(returns, calls * 2);
                }
                returns[calls++] = k;
                idle = k == 0 ? idle + 1 : 0;
                if (idle > 10_000) {
                    fail("deflate() makes no progress after finish()");
                }
                if (plan.abandonAfter >= 0 && out.size() >= plan.abandonAfter) {
                    break;
                }
            }
        }
        Trace trace = new Trace(out.toByteArray(), Arrays.copyOf(returns, calls), engine.getBytesRead(),
                engine.getBytesWritten());
        engine.reset();
        return trace;
    }

    /** Runs the same stream through both and fails with the first differing offset if anything differs. */
    static void assertSame(Engine expected, Engine actual, byte[] input, Plan plan, String what) {
        Trace want = run(expected, input, plan);
        Trace got = run(actual, input, plan);
        String where = what + " (" + input.length + " bytes, " + plan + ")";
        assertSameBytes(want.bytes, got.bytes, where);
        if (!Arrays.equals(want.returns, got.returns)) {
            int i = Arrays.mismatch(want.returns, got.returns);
            fail(where + ": same bytes but deflate() call " + i + " returned "
                    + (i < got.returns.length ? got.returns[i] : "nothing") + " instead of "
                    + (i < want.returns.length ? want.returns[i] : "nothing"));
        }
        assertEquals(want.bytesRead, got.bytesRead, where + ": getBytesRead");
        assertEquals(want.bytesWritten, got.bytesWritten, where + ": getBytesWritten");
    }

    static void assertSameBytes(byte[] expected, byte[] actual, String what) {
        int at = Arrays.mismatch(expected, actual);
        if (at >= 0) {
            fail(what + ": output differs from zlib's at offset " + at + " (zlib wrote " + expected.length
                    + " bytes, ClassicDeflater " + actual.length + ")");
        }
    }

    private DeflateDriver() {
    }
}
