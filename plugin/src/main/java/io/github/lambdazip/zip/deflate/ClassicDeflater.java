package io.github.lambdazip.zip.deflate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A raw deflate (RFC 1951, no zlib or gzip wrapper) encoder in pure Java whose output is byte for byte what classic
 * zlib 1.2.13 writes for {@code deflateInit2(level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY)} driven with
 * {@code Z_NO_FLUSH} and then {@code Z_FINISH}: the same as {@code new java.util.zip.Deflater(level, true)} on a JVM
 * that links classic zlib. The tests compare it with Debian 12's zlib 1.2.13; zlib 1.3.2 (bundled in Temurin 25) gave
 * the same bytes on the same corpus.
 *
 * <p>Why it exists: a JVM may link zlib-ng, Chromium's zlib or another fork, which compress correctly but to other
 * bytes, and the plugin promises the same archive bytes on every machine. This class is the fallback used when the
 * JVM's own zlib is not classic zlib.
 *
 * <p>The API mirrors the subset of {@link java.util.zip.Deflater} that a {@code DeflaterOutputStream} or an
 * in-memory loop uses. Every call is equivalent to one native {@code deflate()} call of the JDK with the same input
 * and output space, so the output is identical whatever the input chunks and output buffer sizes, as long as both
 * sides are driven the same way. Like zlib, {@link #reset()} keeps the sliding window's bytes, so the match search's
 * reads past the end of the input see the same bytes as zlib's (zlib caps the wanted length at the lookahead, which
 * should keep those bytes from changing any choice; keeping them identical does not rely on that).
 *
 * <p>Not thread-safe; one instance per thread, reused through {@link #reset()}.
 */
public final class ClassicDeflater implements RawDeflate {

    private static final int MIN_MATCH = 3;
    private static final int MAX_MATCH = 258;
    private static final int MIN_LOOKAHEAD = MAX_MATCH + MIN_MATCH + 1;

    private static final int W_BITS = 15;
    private static final int W_SIZE = 1 << W_BITS;
    private static final int W_MASK = W_SIZE - 1;
    private static final int WINDOW_SIZE = 2 * W_SIZE;
    /** zlib never lets a match reach back this far, so that the lookahead always fits behind the window. */
    private static final int MAX_DIST = W_SIZE - MIN_LOOKAHEAD;
    /** A 3-byte match further back than this costs more bits than three literals, so lazy matching drops it. */
    private static final int TOO_FAR = 4096;

    private static final int MEM_LEVEL = 8;
    private static final int HASH_BITS = MEM_LEVEL + 7;
    private static final int HASH_SIZE = 1 << HASH_BITS;
    private static final int HASH_MASK = HASH_SIZE - 1;
    /** After three updates a byte has been shifted out of the hash: it hashes exactly the last MIN_MATCH bytes. */
    private static final int HASH_SHIFT = (HASH_BITS + MIN_MATCH - 1) / MIN_MATCH;

    private static final int LIT_BUFSIZE = 1 << (MEM_LEVEL + 6);
    /** zlib 1.2.12+ keeps 3 bytes per symbol and ends a block one symbol short of the buffer. */
    private static final int SYMBOL_LIMIT = LIT_BUFSIZE - 1;

    // Block states of one compression pass, as the deflate driver sees them.
    private static final int NEED_MORE = 0;
    private static final int BLOCK_DONE = 1;
    private static final int FINISH_STARTED = 2;
    private static final int FINISH_DONE = 3;

    // Flush modes, with zlib's numbers because their order decides the "nothing to do" check.
    private static final int NO_FLUSH = 0;
    private static final int FINISH = 4;

    // Per level 0-9: when to shorten the chain, when to stop being lazy, when a match is good enough, chain length.
    private static final int[] GOOD_LENGTH = {0, 4, 4, 4, 4, 8, 8, 8, 32, 32};
    private static final int[] MAX_LAZY = {0, 4, 5, 6, 4, 16, 16, 32, 128, 258};
    private static final int[] NICE_LENGTH = {0, 8, 16, 32, 16, 32, 128, 128, 258, 258};
    private static final int[] MAX_CHAIN = {0, 4, 8, 32, 16, 32, 128, 256, 1024, 4096};

    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final byte[] NO_INPUT = new byte[0];

    private final int level;
    private final boolean lazy;
    private final int goodMatch;
    private final int maxLazyMatch;
    private final int niceMatch;
    private final int maxChainLength;

    // Caller's side, as a z_stream would hold it.
    private byte[] input = NO_INPUT;
    private int inputPos;
    private int inputEnd;
    private byte[] output;
    private int outputPos;
    private int outputEnd;
    private long bytesRead;
    private long bytesWritten;
    private boolean finishRequested;
    private boolean finished;
    private boolean finishing;
    private int lastFlush;

    // Matcher state. The window and prev[] survive reset() on purpose: zlib keeps them too.
    private final byte[] window = new byte[WINDOW_SIZE];
    private final char[] head = new char[HASH_SIZE];
    private final char[] prev = new char[W_SIZE];
    private int highWater;
    private int insH;
    private int strStart;
    private int lookahead;
    private int insert;
    private int blockStart;
    private int matchLength;
    private int prevLength;
    private int matchStart;
    private int prevMatch;
    private boolean matchAvailable;

    // Symbols of the current block: distance << 8 | (literal or length - MIN_MATCH).
    private final int[] symbols = new int[LIT_BUFSIZE];
    private int symbolCount;

    private final BlockWriter writer = new BlockWriter();

    /**
     * A raw deflate encoder at {@code level} 1 to 9, with zlib's defaults otherwise: 32 KiB window, memLevel 8,
     * default strategy.
     */
    public ClassicDeflater(int level) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("level must be 1 to 9: " + level);
        }
        this.level = level;
        this.lazy = level >= 4;
        this.goodMatch = GOOD_LENGTH[level];
        this.maxLazyMatch = MAX_LAZY[level];
        this.niceMatch = NICE_LENGTH[level];
        this.maxChainLength = MAX_CHAIN[level];
        reset();
    }

    /** The level given to the constructor. */
    public int level() {
        return level;
    }

    /** Replaces any input not consumed yet, like {@link java.util.zip.Deflater#setInput(byte[], int, int)}. */
    @Override
    public void setInput(byte[] input, int offset, int length) {
        if (offset < 0 || length < 0 || offset > input.length - length) {
            throw new ArrayIndexOutOfBoundsException();
        }
        this.input = input;
        this.inputPos = offset;
        this.inputEnd = offset + length;
    }

    /** True when all input given so far has been taken into the window. */
    @Override
    public boolean needsInput() {
        return inputPos == inputEnd;
    }

    /** The input given so far, and any given later with {@link #setInput}, ends the stream. */
    @Override
    public void finish() {
        finishRequested = true;
    }

    /** True once the whole stream, with its last block, has been written out. */
    @Override
    public boolean finished() {
        return finished;
    }

    public long getBytesRead() {
        return bytesRead;
    }

    public long getBytesWritten() {
        return bytesWritten;
    }

    /**
     * Compresses into {@code output}; returns the number of bytes written, 0 when more input is needed or the stream
     * is finished. Flushes nothing early: like {@code Deflater.NO_FLUSH}, or {@code FINISH} after {@link #finish()}.
     */
    @Override
    public int deflate(byte[] output, int offset, int length) {
        if (offset < 0 || length < 0 || offset > output.length - length) {
            throw new ArrayIndexOutOfBoundsException();
        }
        this.output = output;
        this.outputPos = offset;
        this.outputEnd = offset + length;
        try {
            if (length > 0) {
                runDeflate(finishRequested ? FINISH : NO_FLUSH);
            }
            int written = outputPos - offset;
            bytesWritten += written;
            return written;
        } finally {
            this.output = null;
        }
    }

    /** Starts a new stream, keeping the buffers, like {@link java.util.zip.Deflater#reset()}. */
    @Override
    public void reset() {
        input = NO_INPUT;
        inputPos = 0;
        inputEnd = 0;
        bytesRead = 0;
        bytesWritten = 0;
        finishRequested = false;
        finished = false;
        finishing = false;
        lastFlush = -2;
        writer.reset();
        symbolCount = 0;
        // The window, prev[], highWater and matchStart are kept, as zlib's deflateReset keeps them: stale window bytes
        // are read past the end of the next input, and a stale matchStart can meet the TOO_FAR test.
        Arrays.fill(head, (char) 0);
        strStart = 0;
        blockStart = 0;
        lookahead = 0;
        insert = 0;
        matchLength = MIN_MATCH - 1;
        prevLength = MIN_MATCH - 1;
        matchAvailable = false;
        insH = 0;
    }

    /** One call of zlib's deflate(): the order of its checks decides when the window slides. */
    private void runDeflate(int flush) {
        int oldFlush = lastFlush;
        lastFlush = flush;
        if (writer.pending != 0) {
            drainPending();
            if (outputPos == outputEnd) {
                // More output space will come, maybe with no input: that call must not count as a useless one.
                lastFlush = -1;
                return;
            }
        } else if (inputPos == inputEnd && rank(flush) <= rank(oldFlush) && flush != FINISH) {
            return;
        }
        if (finishing && inputPos != inputEnd) {
            return;
        }
        if (inputPos != inputEnd || lookahead != 0 || (flush != NO_FLUSH && !finishing)) {
            int state = lazy ? compressLazy(flush) : compressGreedy(flush);
            if (state == FINISH_STARTED || state == FINISH_DONE) {
                finishing = true;
            }
            if (state == NEED_MORE || state == FINISH_STARTED) {
                if (outputPos == outputEnd) {
                    lastFlush = -1;
                }
                return;
            }
            // BLOCK_DONE only follows a sync or full flush, which this API never asks for.
        }
        if (flush == FINISH) {
            finished = true;
        }
    }

    private static int rank(int flush) {
        return flush * 2 - (flush > 4 ? 9 : 0);
    }

    /** Levels 1-3: take the first match found, and skip inserting the strings of long matches. */
    private int compressGreedy(int flush) {
        for (;;) {
            if (lookahead < MIN_LOOKAHEAD) {
                readIntoWindow();
                if (lookahead < MIN_LOOKAHEAD && flush == NO_FLUSH) {
                    return NEED_MORE;
                }
                if (lookahead == 0) {
                    break;
                }
            }
            int hashHead = 0;
            if (lookahead >= MIN_MATCH) {
                hashHead = insertHash(strStart);
            }
            if (hashHead != 0 && strStart - hashHead <= MAX_DIST) {
                matchLength = findMatch(hashHead);
            }
            boolean blockFull;
            if (matchLength >= MIN_MATCH) {
                blockFull = tallyMatch(strStart - matchStart, matchLength - MIN_MATCH);
                lookahead -= matchLength;
                if (matchLength <= maxLazyMatch && lookahead >= MIN_MATCH) {
                    int end = strStart + matchLength;
                    for (int s = strStart + 1; s < end; s++) {
                        insertHash(s);
                    }
                    strStart = end;
                    matchLength = 0;
                } else {
                    strStart += matchLength;
                    matchLength = 0;
                    insH = (((window[strStart] & 0xff) << HASH_SHIFT) ^ (window[strStart + 1] & 0xff)) & HASH_MASK;
                }
            } else {
                blockFull = tallyLiteral(window[strStart] & 0xff);
                lookahead--;
                strStart++;
            }
            if (blockFull) {
                flushBlock(false);
                if (outputPos == outputEnd) {
                    return NEED_MORE;
                }
            }
        }
        return endPass(flush);
    }

    /** Levels 4-9: a match is emitted only if the next position does not start a longer one. */
    private int compressLazy(int flush) {
        for (;;) {
            if (lookahead < MIN_LOOKAHEAD) {
                readIntoWindow();
                if (lookahead < MIN_LOOKAHEAD && flush == NO_FLUSH) {
                    return NEED_MORE;
                }
                if (lookahead == 0) {
                    break;
                }
            }
            int hashHead = 0;
            if (lookahead >= MIN_MATCH) {
                hashHead = insertHash(strStart);
            }
            prevLength = matchLength;
            prevMatch = matchStart;
            matchLength = MIN_MATCH - 1;
            if (hashHead != 0 && prevLength < maxLazyMatch && strStart - hashHead <= MAX_DIST) {
                matchLength = findMatch(hashHead);
                // matchStart may be stale when nothing better than prevLength was found: zlib tests it anyway.
                if (matchLength == MIN_MATCH && strStart - matchStart > TOO_FAR) {
                    matchLength = MIN_MATCH - 1;
                }
            }
            if (prevLength >= MIN_MATCH && matchLength <= prevLength) {
                int maxInsert = strStart + lookahead - MIN_MATCH;
                boolean blockFull = tallyMatch(strStart - 1 - prevMatch, prevLength - MIN_MATCH);
                lookahead -= prevLength - 1;
                // The match began at strStart - 1, whose string is in; insert the rest of the match's strings.
                int end = strStart - 1 + prevLength;
                int last = Math.min(end - 1, maxInsert);
                for (int s = strStart + 1; s <= last; s++) {
                    insertHash(s);
                }
                strStart = end;
                prevLength = 0;
                matchAvailable = false;
                matchLength = MIN_MATCH - 1;
                if (blockFull) {
                    flushBlock(false);
                    if (outputPos == outputEnd) {
                        return NEED_MORE;
                    }
                }
            } else if (matchAvailable) {
                if (tallyLiteral(window[strStart - 1] & 0xff)) {
                    flushBlock(false);
                }
                strStart++;
                lookahead--;
                if (outputPos == outputEnd) {
                    return NEED_MORE;
                }
            } else {
                matchAvailable = true;
                strStart++;
                lookahead--;
            }
        }
        if (matchAvailable) {
            tallyLiteral(window[strStart - 1] & 0xff);
            matchAvailable = false;
        }
        return endPass(flush);
    }

    /** Input exhausted under a flush: close the block (the last one on FINISH). */
    private int endPass(int flush) {
        insert = Math.min(strStart, MIN_MATCH - 1);
        if (flush == FINISH) {
            flushBlock(true);
            return outputPos == outputEnd ? FINISH_STARTED : FINISH_DONE;
        }
        if (symbolCount != 0) {
            flushBlock(false);
            if (outputPos == outputEnd) {
                return NEED_MORE;
            }
        }
        return BLOCK_DONE;
    }

    private int insertHash(int pos) {
        int h = ((insH << HASH_SHIFT) ^ (window[pos + MIN_MATCH - 1] & 0xff)) & HASH_MASK;
        insH = h;
        char[] heads = head;
        char chained = heads[h];
        prev[pos & W_MASK] = chained;
        heads[h] = (char) pos;
        return chained;
    }

    /**
     * Walks the hash chain from {@code curMatch}; returns the best length (at most the lookahead) and leaves its
     * position in matchStart. Like zlib's, the comparison may run past the lookahead into older window bytes; only
     * the returned length and the "good enough" length are clamped to the lookahead.
     */
    private int findMatch(int curMatch) {
        final byte[] w = window;
        final char[] links = prev;
        final int scan = strStart;
        int chainLength = maxChainLength;
        int bestLen = prevLength;
        int nice = niceMatch;
        final int limit = scan > MAX_DIST ? scan - MAX_DIST : 0;
        if (prevLength >= goodMatch) {
            chainLength >>>= 2;
        }
        if (nice > lookahead) {
            nice = lookahead;
        }
        final short scanStart = (short) SHORT_LE.get(w, scan);
        short scanEnd = (short) SHORT_LE.get(w, scan + bestLen - 1);
        int best = matchStart;
        do {
            if ((short) SHORT_LE.get(w, curMatch + bestLen - 1) != scanEnd
                    || (short) SHORT_LE.get(w, curMatch) != scanStart) {
                continue;
            }
            int len = commonLength(w, scan, curMatch);
            if (len > bestLen) {
                best = curMatch;
                bestLen = len;
                if (len >= nice) {
                    break;
                }
                scanEnd = (short) SHORT_LE.get(w, scan + bestLen - 1);
            }
        } while ((curMatch = links[curMatch & W_MASK]) > limit && --chainLength != 0);
        matchStart = best;
        return Math.min(bestLen, lookahead);
    }

    /**
     * Length of the common prefix, capped at MAX_MATCH. Byte 2 is not compared, as in zlib: equal hashes and equal
     * first two bytes imply it. Reads at most up to index 258, as zlib does.
     */
    private static int commonLength(byte[] w, int scan, int match) {
        for (int len = MIN_MATCH; len < MAX_MATCH; len += Long.BYTES) {
            long diff = (long) LONG_LE.get(w, scan + len) ^ (long) LONG_LE.get(w, match + len);
            if (diff != 0) {
                return Math.min(len + (Long.numberOfTrailingZeros(diff) >>> 3), MAX_MATCH);
            }
        }
        return MAX_MATCH;
    }

    /** Reads input into the window, sliding it when the lookahead runs short near its end. */
    private void readIntoWindow() {
        final byte[] w = window;
        do {
            int more = WINDOW_SIZE - lookahead - strStart;
            if (strStart >= W_SIZE + MAX_DIST) {
                // Only the live bytes move; the rest of the lower half keeps older bytes, which zlib's reads past
                // the end of input can see.
                System.arraycopy(w, W_SIZE, w, 0, W_SIZE - more);
                matchStart -= W_SIZE;
                strStart -= W_SIZE;
                blockStart -= W_SIZE;
                if (insert > strStart) {
                    insert = strStart;
                }
                slideChains();
                more += W_SIZE;
            }
            if (inputPos == inputEnd) {
                break;
            }
            int n = Math.min(inputEnd - inputPos, more);
            System.arraycopy(input, inputPos, w, strStart + lookahead, n);
            inputPos += n;
            bytesRead += n;
            lookahead += n;
            if (lookahead + insert >= MIN_MATCH) {
                // Strings whose last bytes were missing before this read (and the hash of the first bytes) go in now.
                int str = strStart - insert;
                int h = (((w[str] & 0xff) << HASH_SHIFT) ^ (w[str + 1] & 0xff)) & HASH_MASK;
                while (insert != 0) {
                    h = ((h << HASH_SHIFT) ^ (w[str + MIN_MATCH - 1] & 0xff)) & HASH_MASK;
                    prev[str & W_MASK] = head[h];
                    head[h] = (char) str;
                    str++;
                    insert--;
                    if (lookahead + insert < MIN_MATCH) {
                        break;
                    }
                }
                insH = h;
            }
        } while (lookahead < MIN_LOOKAHEAD && inputPos != inputEnd);
        zeroPastHighWater();
    }

    /**
     * zlib zeroes up to MAX_MATCH never-written bytes past the data so that reads past the end see defined bytes. A
     * Java array already holds zeros there, so this only keeps the high-water mark in step with zlib's.
     */
    private void zeroPastHighWater() {
        if (highWater >= WINDOW_SIZE) {
            return;
        }
        int current = strStart + lookahead;
        if (highWater < current) {
            int init = Math.min(WINDOW_SIZE - current, MAX_MATCH);
            Arrays.fill(window, current, current + init, (byte) 0);
            highWater = current + init;
        } else if (highWater < current + MAX_MATCH) {
            int init = Math.min(current + MAX_MATCH - highWater, WINDOW_SIZE - highWater);
            Arrays.fill(window, highWater, highWater + init, (byte) 0);
            highWater += init;
        }
    }

    private void slideChains() {
        slide(head);
        slide(prev);
    }

    /** Positions that slide out of the window become 0, "no match"; branch-free so that the loop vectorizes. */
    private static void slide(char[] positions) {
        for (int i = 0; i < positions.length; i++) {
            positions[i] = (char) Math.max(positions[i] - W_SIZE, 0);
        }
    }

    private boolean tallyLiteral(int c) {
        symbols[symbolCount++] = c;
        writer.literalFreq[c]++;
        return symbolCount == SYMBOL_LIMIT;
    }

    private boolean tallyMatch(int distance, int lengthMinusMin) {
        symbols[symbolCount++] = distance << 8 | lengthMinusMin;
        writer.literalFreq[BlockWriter.lengthCode(lengthMinusMin) + BlockWriter.LITERALS + 1]++;
        writer.distanceFreq[BlockWriter.distanceCode(distance - 1)]++;
        return symbolCount == SYMBOL_LIMIT;
    }

    private void flushBlock(boolean last) {
        writer.flushBlock(symbols, symbolCount, blockStart >= 0 ? window : null, blockStart, strStart - blockStart,
                last);
        symbolCount = 0;
        blockStart = strStart;
        drainPending();
    }

    private void drainPending() {
        BlockWriter w = writer;
        w.flushBits();
        int len = Math.min(w.pending, outputEnd - outputPos);
        if (len == 0) {
            return;
        }
        System.arraycopy(w.pendingBuf, w.pendingOut, output, outputPos, len);
        outputPos += len;
        w.pendingOut += len;
        w.pending -= len;
        if (w.pending == 0) {
            w.pendingOut = 0;
        }
    }
}
