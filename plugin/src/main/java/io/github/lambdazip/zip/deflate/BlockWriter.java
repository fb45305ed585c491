package io.github.lambdazip.zip.deflate;

import java.util.Arrays;

/**
 * Turns one block of symbols into deflate bits the way classic zlib's trees.c does: it picks stored, fixed or dynamic
 * Huffman codes by the same size estimates, builds the same trees (heap order and depth tie-break included) and emits
 * through a 16-bit bit buffer, so that even the number of bytes ready at each flush is zlib's.
 */
final class BlockWriter {

    static final int LITERALS = 256;
    private static final int LENGTH_CODES = 29;
    private static final int L_CODES = LITERALS + 1 + LENGTH_CODES;
    private static final int D_CODES = 30;
    private static final int BL_CODES = 19;
    private static final int HEAP_SIZE = 2 * L_CODES + 1;
    private static final int MAX_BITS = 15;
    private static final int MAX_BL_BITS = 7;
    private static final int END_BLOCK = 256;
    private static final int REP_3_6 = 16;
    private static final int REPZ_3_10 = 17;
    private static final int REPZ_11_138 = 18;

    private static final int STORED_BLOCK = 0;
    private static final int STATIC_TREES = 1;
    private static final int DYN_TREES = 2;

    private static final int[] EXTRA_LBITS =
            {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    private static final int[] EXTRA_DBITS =
            {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
    private static final int[] EXTRA_BLBITS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7};
    /** The order in which code length code lengths are sent: rarely used lengths last, so they can be cut. */
    private static final int[] BL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private static final byte[] LENGTH_CODE = new byte[256];
    private static final int[] BASE_LENGTH = new int[LENGTH_CODES];
    private static final byte[] DIST_CODE = new byte[512];
    private static final int[] BASE_DIST = new int[D_CODES];
    /** The distance code of every distance - 1 up to 32 KiB: one load instead of a branch and two. */
    private static final byte[] FULL_DIST_CODE = new byte[1 << 15];
    private static final int[] STATIC_L_LEN = new int[L_CODES + 2];
    private static final int[] STATIC_L_CODE = new int[L_CODES + 2];
    private static final int[] STATIC_D_LEN = new int[D_CODES];
    private static final int[] STATIC_D_CODE = new int[D_CODES];

    static {
        int length = 0;
        int code;
        for (code = 0; code < LENGTH_CODES - 1; code++) {
            BASE_LENGTH[code] = length;
            for (int n = 0; n < (1 << EXTRA_LBITS[code]); n++) {
                LENGTH_CODE[length++] = (byte) code;
            }
        }
        // Length 258 could be code 284 with all extra bits set; code 285 says it in fewer bits.
        LENGTH_CODE[length - 1] = (byte) code;

        int dist = 0;
        for (code = 0; code < 16; code++) {
            BASE_DIST[code] = dist;
            for (int n = 0; n < (1 << EXTRA_DBITS[code]); n++) {
                DIST_CODE[dist++] = (byte) code;
            }
        }
        // Distances of 256 and more are looked up by distance / 128 in the table's upper half.
        dist >>= 7;
        for (; code < D_CODES; code++) {
            BASE_DIST[code] = dist << 7;
            for (int n = 0; n < (1 << (EXTRA_DBITS[code] - 7)); n++) {
                DIST_CODE[256 + dist++] = (byte) code;
            }
        }

        for (int d = 0; d < FULL_DIST_CODE.length; d++) {
            FULL_DIST_CODE[d] = d < 256 ? DIST_CODE[d] : DIST_CODE[256 + (d >>> 7)];
        }

        int[] count = new int[MAX_BITS + 1];
        for (int n = 0; n < STATIC_L_LEN.length; n++) {
            int len = n <= 143 ? 8 : n <= 255 ? 9 : n <= 279 ? 7 : 8;
            STATIC_L_LEN[n] = len;
            count[len]++;
        }
        assignCodes(STATIC_L_LEN, STATIC_L_CODE, STATIC_L_LEN.length - 1, count, new int[MAX_BITS + 1]);
        for (int n = 0; n < D_CODES; n++) {
            STATIC_D_LEN[n] = 5;
            STATIC_D_CODE[n] = reverse(n, 5);
        }
    }

    static int lengthCode(int lengthMinusMin) {
        return LENGTH_CODE[lengthMinusMin];
    }

    static int distanceCode(int distMinusOne) {
        return FULL_DIST_CODE[distMinusOne];
    }

    /** One Huffman tree under construction: Freq and Len/Code live in separate arrays instead of zlib's unions. */
    private static final class Tree {
        final int[] freq;
        final int[] len;
        final int[] code;
        final int[] staticLen;
        final int[] extraBits;
        final int extraBase;
        final int elems;
        final int maxLength;
        int maxCode;

        Tree(int size, int[] staticLen, int[] extraBits, int extraBase, int elems, int maxLength) {
            this.freq = new int[size];
            this.len = new int[size];
            this.code = new int[size];
            this.staticLen = staticLen;
            this.extraBits = extraBits;
            this.extraBase = extraBase;
            this.elems = elems;
            this.maxLength = maxLength;
        }
    }

    private final Tree literalTree = new Tree(HEAP_SIZE, STATIC_L_LEN, EXTRA_LBITS, LITERALS + 1, L_CODES, MAX_BITS);
    private final Tree distanceTree = new Tree(2 * D_CODES + 1, STATIC_D_LEN, EXTRA_DBITS, 0, D_CODES, MAX_BITS);
    private final Tree bitLengthTree = new Tree(2 * BL_CODES + 1, null, EXTRA_BLBITS, 0, BL_CODES, MAX_BL_BITS);
    final int[] literalFreq = literalTree.freq;
    final int[] distanceFreq = distanceTree.freq;

    private final int[] heap = new int[HEAP_SIZE];
    private final int[] depth = new int[HEAP_SIZE];
    private final int[] dad = new int[HEAP_SIZE];
    private final int[] blCount = new int[MAX_BITS + 1];
    private final int[] nextCode = new int[MAX_BITS + 1];
    private int heapLen;
    private int heapMax;
    private long optLen;
    private long staticLen;

    /**
     * Room for the largest block: 16383 symbols of at most 48 bits, or a stored block of a whole window, plus bits.
     * Output is drained before each block, so one block is all it ever holds.
     */
    final byte[] pendingBuf = new byte[(1 << 17) + 4096];
    int pendingOut;
    int pending;
    private int bitBuf;
    private int bitCount;

    void reset() {
        pendingOut = 0;
        pending = 0;
        bitBuf = 0;
        bitCount = 0;
        initBlock();
    }

    private void initBlock() {
        Arrays.fill(literalTree.freq, 0, L_CODES, 0);
        Arrays.fill(distanceTree.freq, 0, D_CODES, 0);
        Arrays.fill(bitLengthTree.freq, 0, BL_CODES, 0);
        literalTree.freq[END_BLOCK] = 1;
        optLen = 0;
        staticLen = 0;
    }

    /**
     * Writes one block. {@code window} is null when the block's start has slid out of the window, which rules out a
     * stored block.
     */
    void flushBlock(int[] symbols, int symbolCount, byte[] window, int start, int storedLen, boolean last) {
        int lastBit = last ? 1 : 0;
        buildHuffmanTree(literalTree);
        buildHuffmanTree(distanceTree);
        int maxBlIndex = buildCodeLengthTree();
        long optBytes = (optLen + 3 + 7) >>> 3;
        long staticBytes = (staticLen + 3 + 7) >>> 3;
        if (staticBytes <= optBytes) {
            optBytes = staticBytes;
        }
        if (storedLen + 4L <= optBytes && window != null) {
            storedBlock(window, start, storedLen, lastBit);
        } else if (staticBytes == optBytes) {
            sendBits((STATIC_TREES << 1) + lastBit, 3);
            compress(symbols, symbolCount, STATIC_L_CODE, STATIC_L_LEN, STATIC_D_CODE, STATIC_D_LEN);
        } else {
            sendBits((DYN_TREES << 1) + lastBit, 3);
            writeDynamicHeader(literalTree.maxCode + 1, distanceTree.maxCode + 1, maxBlIndex + 1);
            compress(symbols, symbolCount, literalTree.code, literalTree.len, distanceTree.code, distanceTree.len);
        }
        initBlock();
        if (last) {
            alignToByte();
        }
    }

    private void storedBlock(byte[] window, int start, int storedLen, int lastBit) {
        sendBits((STORED_BLOCK << 1) + lastBit, 3);
        alignToByte();
        putShort(storedLen);
        putShort(~storedLen);
        System.arraycopy(window, start, pendingBuf, pendingOut + pending, storedLen);
        pending += storedLen;
    }

    /**
     * The symbols' codes, through a 64-bit accumulator that releases 16-bit pairs while it holds more than 16 bits.
     * zlib's 16-bit buffer releases a pair exactly when it would exceed 16 bits, so after any run of codes both hold
     * the same bytes and the same 1-16 leftover bits: the pending count zlib would show is kept.
     */
    private void compress(int[] symbols, int count, int[] lCode, int[] lLen, int[] dCode, int[] dLen) {
        final byte[] buf = pendingBuf;
        int at = pendingOut + pending;
        long acc = bitBuf;
        int n = bitCount;
        for (int i = 0; i < count; i++) {
            int sym = symbols[i];
            int dist = sym >>> 8;
            int lc = sym & 0xff;
            if (dist == 0) {
                acc |= (long) lCode[lc] << n;
                n += lLen[lc];
            } else {
                int code = LENGTH_CODE[lc];
                acc |= (long) lCode[code + LITERALS + 1] << n;
                n += lLen[code + LITERALS + 1];
                int extra = EXTRA_LBITS[code];
                // Masked: length 258's code has no extra bits but lc - base is not 0 for it.
                acc |= (long) ((lc - BASE_LENGTH[code]) & ((1 << extra) - 1)) << n;
                n += extra;
                dist--;
                code = distanceCode(dist);
                acc |= (long) dCode[code] << n;
                n += dLen[code];
                extra = EXTRA_DBITS[code];
                acc |= (long) ((dist - BASE_DIST[code]) & ((1 << extra) - 1)) << n;
                n += extra;
            }
            while (n > 16) {
                buf[at] = (byte) acc;
                buf[at + 1] = (byte) (acc >>> 8);
                at += 2;
                acc >>>= 16;
                n -= 16;
            }
        }
        pending = at - pendingOut;
        bitBuf = (int) acc;
        bitCount = n;
        sendBits(lCode[END_BLOCK], lLen[END_BLOCK]);
    }

    // ---- Huffman trees ----

    private boolean smaller(int[] freq, int n, int m) {
        return freq[n] < freq[m] || (freq[n] == freq[m] && depth[n] <= depth[m]);
    }

    private void siftDown(int[] freq, int k) {
        int v = heap[k];
        int j = k << 1;
        while (j <= heapLen) {
            if (j < heapLen && smaller(freq, heap[j + 1], heap[j])) {
                j++;
            }
            if (smaller(freq, v, heap[j])) {
                break;
            }
            heap[k] = heap[j];
            k = j;
            j <<= 1;
        }
        heap[k] = v;
    }

    private void buildHuffmanTree(Tree tree) {
        int[] freq = tree.freq;
        int[] len = tree.len;
        int elems = tree.elems;
        int maxCode = -1;
        heapLen = 0;
        heapMax = HEAP_SIZE;
        for (int n = 0; n < elems; n++) {
            if (freq[n] != 0) {
                heap[++heapLen] = maxCode = n;
                depth[n] = 0;
            } else {
                len[n] = 0;
            }
        }
        // Deflate wants at least two codes in a tree, so that every code has at least one bit.
        while (heapLen < 2) {
            int node = maxCode < 2 ? ++maxCode : 0;
            heap[++heapLen] = node;
            freq[node] = 1;
            depth[node] = 0;
            optLen--;
            if (tree.staticLen != null) {
                staticLen -= tree.staticLen[node];
            }
        }
        tree.maxCode = maxCode;
        for (int n = heapLen / 2; n >= 1; n--) {
            siftDown(freq, n);
        }
        int node = elems;
        do {
            int n = heap[1];
            heap[1] = heap[heapLen--];
            siftDown(freq, 1);
            int m = heap[1];
            // Keep the removed nodes sorted by frequency at the heap's far end; bit lengths are derived from it.
            heap[--heapMax] = n;
            heap[--heapMax] = m;
            freq[node] = (freq[n] + freq[m]) & 0xffff;
            depth[node] = (Math.max(depth[n], depth[m]) + 1) & 0xff;
            dad[n] = node;
            dad[m] = node;
            heap[1] = node++;
            siftDown(freq, 1);
        } while (heapLen >= 2);
        heap[--heapMax] = heap[1];
        assignLengths(tree);
        assignCodes(len, tree.code, maxCode, blCount, nextCode);
    }

    /** Bit lengths from the tree, with zlib's repair when a length exceeds the limit. Adds to optLen and staticLen. */
    private void assignLengths(Tree tree) {
        int[] freq = tree.freq;
        int[] len = tree.len;
        int maxCode = tree.maxCode;
        int maxLength = tree.maxLength;
        int[] extra = tree.extraBits;
        int base = tree.extraBase;
        int[] stree = tree.staticLen;
        Arrays.fill(blCount, 0);
        int overflow = 0;
        len[heap[heapMax]] = 0;
        int h;
        for (h = heapMax + 1; h < HEAP_SIZE; h++) {
            int n = heap[h];
            int bits = len[dad[n]] + 1;
            if (bits > maxLength) {
                bits = maxLength;
                overflow++;
            }
            len[n] = bits;
            if (n > maxCode) {
                continue;
            }
            blCount[bits]++;
            int xbits = n >= base ? extra[n - base] : 0;
            long f = freq[n];
            optLen += f * (bits + xbits);
            if (stree != null) {
                staticLen += f * (stree[n] + xbits);
            }
        }
        if (overflow == 0) {
            return;
        }
        do {
            int bits = maxLength - 1;
            while (blCount[bits] == 0) {
                bits--;
            }
            blCount[bits]--;
            blCount[bits + 1] += 2;
            blCount[maxLength]--;
            overflow -= 2;
        } while (overflow > 0);
        // Reassign lengths in order of increasing frequency, the order the heap's tail already has.
        for (int bits = maxLength; bits != 0; bits--) {
            int n = blCount[bits];
            while (n != 0) {
                int m = heap[--h];
                if (m > maxCode) {
                    continue;
                }
                if (len[m] != bits) {
                    optLen += ((long) bits - len[m]) * freq[m];
                    len[m] = bits;
                }
                n--;
            }
        }
    }

    private static void assignCodes(int[] len, int[] codes, int maxCode, int[] count, int[] next) {
        int code = 0;
        for (int bits = 1; bits <= MAX_BITS; bits++) {
            code = (code + count[bits - 1]) << 1;
            next[bits] = code & 0xffff;
        }
        for (int n = 0; n <= maxCode; n++) {
            int l = len[n];
            if (l != 0) {
                codes[n] = reverse(next[l]++, l);
            }
        }
    }

    private static int reverse(int code, int length) {
        return Integer.reverse(code) >>> (32 - length);
    }

    /** Counts the code-length symbols (with run-length codes 16-18) that will describe {@code tree}. */
    private void countLengthCodes(Tree tree) {
        int[] len = tree.len;
        int maxCode = tree.maxCode;
        int[] blFreq = bitLengthTree.freq;
        int prevLen = -1;
        int nextLen = len[0];
        int count = 0;
        int maxCount = 7;
        int minCount = 4;
        if (nextLen == 0) {
            maxCount = 138;
            minCount = 3;
        }
        // A length no code can have ends the last run.
        len[maxCode + 1] = 0xffff;
        for (int n = 0; n <= maxCode; n++) {
            int curLen = nextLen;
            nextLen = len[n + 1];
            if (++count < maxCount && curLen == nextLen) {
                continue;
            } else if (count < minCount) {
                blFreq[curLen] += count;
            } else if (curLen != 0) {
                if (curLen != prevLen) {
                    blFreq[curLen]++;
                }
                blFreq[REP_3_6]++;
            } else if (count <= 10) {
                blFreq[REPZ_3_10]++;
            } else {
                blFreq[REPZ_11_138]++;
            }
            count = 0;
            prevLen = curLen;
            if (nextLen == 0) {
                maxCount = 138;
                minCount = 3;
            } else if (curLen == nextLen) {
                maxCount = 6;
                minCount = 3;
            } else {
                maxCount = 7;
                minCount = 4;
            }
        }
    }

    private void writeCodeLengths(Tree tree) {
        int[] len = tree.len;
        int maxCode = tree.maxCode;
        int[] blCode = bitLengthTree.code;
        int[] blLen = bitLengthTree.len;
        int prevLen = -1;
        int nextLen = len[0];
        int count = 0;
        int maxCount = 7;
        int minCount = 4;
        if (nextLen == 0) {
            maxCount = 138;
            minCount = 3;
        }
        for (int n = 0; n <= maxCode; n++) {
            int curLen = nextLen;
            nextLen = len[n + 1];
            if (++count < maxCount && curLen == nextLen) {
                continue;
            } else if (count < minCount) {
                do {
                    sendBits(blCode[curLen], blLen[curLen]);
                } while (--count != 0);
            } else if (curLen != 0) {
                if (curLen != prevLen) {
                    sendBits(blCode[curLen], blLen[curLen]);
                    count--;
                }
                sendBits(blCode[REP_3_6], blLen[REP_3_6]);
                sendBits(count - 3, 2);
            } else if (count <= 10) {
                sendBits(blCode[REPZ_3_10], blLen[REPZ_3_10]);
                sendBits(count - 3, 3);
            } else {
                sendBits(blCode[REPZ_11_138], blLen[REPZ_11_138]);
                sendBits(count - 11, 7);
            }
            count = 0;
            prevLen = curLen;
            if (nextLen == 0) {
                maxCount = 138;
                minCount = 3;
            } else if (curLen == nextLen) {
                maxCount = 6;
                minCount = 3;
            } else {
                maxCount = 7;
                minCount = 4;
            }
        }
    }

    /** Returns the index in BL_ORDER of the last code length code to send (at least 3: four are always sent). */
    private int buildCodeLengthTree() {
        countLengthCodes(literalTree);
        countLengthCodes(distanceTree);
        buildHuffmanTree(bitLengthTree);
        int maxBlIndex;
        for (maxBlIndex = BL_CODES - 1; maxBlIndex >= 3; maxBlIndex--) {
            if (bitLengthTree.len[BL_ORDER[maxBlIndex]] != 0) {
                break;
            }
        }
        optLen += 3L * (maxBlIndex + 1) + 5 + 5 + 4;
        return maxBlIndex;
    }

    private void writeDynamicHeader(int lCodes, int dCodes, int blCodes) {
        sendBits(lCodes - 257, 5);
        sendBits(dCodes - 1, 5);
        sendBits(blCodes - 4, 4);
        for (int rank = 0; rank < blCodes; rank++) {
            sendBits(bitLengthTree.len[BL_ORDER[rank]], 3);
        }
        writeCodeLengths(literalTree);
        writeCodeLengths(distanceTree);
    }

    // ---- bits ----

    /** zlib's 16-bit bit buffer: bytes reach the pending buffer in pairs, and the pairs' timing is observable. */
    private void sendBits(int value, int length) {
        int count = bitCount;
        if (count > 16 - length) {
            int buf = (bitBuf | (value << count)) & 0xffff;
            int at = pendingOut + pending;
            pendingBuf[at] = (byte) buf;
            pendingBuf[at + 1] = (byte) (buf >>> 8);
            pending += 2;
            bitBuf = (value & 0xffff) >>> (16 - count);
            bitCount = count + length - 16;
        } else {
            bitBuf = (bitBuf | (value << count)) & 0xffff;
            bitCount = count + length;
        }
    }

    private void putShort(int w) {
        int at = pendingOut + pending;
        pendingBuf[at] = (byte) w;
        pendingBuf[at + 1] = (byte) (w >>> 8);
        pending += 2;
    }

    private void putByte(int b) {
        pendingBuf[pendingOut + pending] = (byte) b;
        pending++;
    }

    /** Moves whole bytes of the bit buffer out, as zlib does before each copy to the caller. */
    void flushBits() {
        if (bitCount == 16) {
            putShort(bitBuf);
            bitBuf = 0;
            bitCount = 0;
        } else if (bitCount >= 8) {
            putByte(bitBuf);
            bitBuf >>>= 8;
            bitCount -= 8;
        }
    }

    private void alignToByte() {
        if (bitCount > 8) {
            putShort(bitBuf);
        } else if (bitCount > 0) {
            putByte(bitBuf);
        }
        bitBuf = 0;
        bitCount = 0;
    }
}
