package io.github.lambdazip.zip.deflate;

import java.nio.charset.StandardCharsets;

/**
 * A built-in, generated input (256 KiB) whose raw deflate differs between classic zlib and its common forks at every
 * level 1-9: zlib-ng 2.2.2 (compat mode) and Chromium's zlib as Node 20 bundles it were both checked to give other
 * bytes than classic zlib 1.2.13 for it. A canary deflates it with the JVM's {@code Deflater} and compares the result
 * with {@link ReferenceDigests}: a match means the JVM's zlib writes classic zlib's bytes.
 *
 * <p>The bytes are a fixed function of this code: a seeded 64-bit PRNG (SplitMix64, defined here so no library's
 * generator can change it) drives pseudo-English, pseudo-Python, JSON-like and binary segments, so that the long and
 * short matches, literal runs and window slides that the forks treat differently all occur. Never change the
 * generator without regenerating the digests.
 */
public final class CanaryFixture {

    /** The fixture's size in bytes. */
    public static final int SIZE = 256 * 1024;

    private static final String[] WORDS = {
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "with", "was", "on", "be", "by", "this",
        "are", "from", "or", "have", "an", "which", "not", "but", "at", "can", "function", "layer", "package",
        "archive", "bytes", "window", "match", "length", "distance", "stream", "handler", "request", "response",
        "deploy", "python", "module", "import", "lambda", "build", "reproducible", "entry", "central", "directory",
        "compress", "deflate", "literal", "symbol", "block", "tree", "huffman", "code", "value", "table", "cache",
    };
    private static final String[] IDENTIFIERS = {
        "self", "event", "context", "data", "result", "items", "key", "value", "index", "count", "buffer", "path",
        "name", "config", "client", "session", "payload", "record", "records", "handler", "logger", "options",
    };
    private static final String[] PY_LINES = {
        "if %s is None:", "return %s", "for %s in %s:", "%s = %s.get('%s')", "raise ValueError('%s')",
        "%s.append(%s)", "with open(%s) as %s:", "yield %s", "%s += 1", "logger.debug('%s %d', %s)",
        "assert %s, '%s'", "try:", "except KeyError:", "else:", "%s = [%s for %s in %s]", "del %s[%s]",
    };

    private static final byte[][] WORD_BYTES = ascii(WORDS);
    private static final byte[][] IDENTIFIER_BYTES = ascii(IDENTIFIERS);
    /** Each Python line template split at its placeholders, which take an identifier or a number. */
    private static final byte[][][] PY_PIECES = new byte[PY_LINES.length][][];

    static {
        for (int i = 0; i < PY_LINES.length; i++) {
            PY_PIECES[i] = ascii(splitAtPlaceholders(PY_LINES[i]));
        }
    }

    private CanaryFixture() {
    }

    /**
     * The fixture; a new array each call. Byte-level code only (no string building), so that even a cold JVM makes
     * it in a few milliseconds.
     */
    public static byte[] bytes() {
        Generator g = new Generator(0x5EED_CA4A_12F1_A7E5L, SIZE);
        while (!g.full()) {
            int kind = g.nextInt(10);
            int target = 1024 + g.nextInt(12 * 1024);
            if (kind < 3) {
                g.prose(target);
            } else if (kind < 6) {
                g.python(target);
            } else if (kind < 8) {
                g.json(target);
            } else {
                g.binary(target);
            }
        }
        return g.out;
    }

    /** Like {@code split("%s", -1)} without the regex machinery, which a cold JVM takes milliseconds to load. */
    private static String[] splitAtPlaceholders(String template) {
        int count = 1;
        for (int i = template.indexOf("%s"); i >= 0; i = template.indexOf("%s", i + 2)) {
            count++;
        }
        String[] pieces = new String[count];
        int from = 0;
        for (int k = 0; k < count - 1; k++) {
            int at = template.indexOf("%s", from);
            pieces[k] = template.substring(from, at);
            from = at + 2;
        }
        pieces[count - 1] = template.substring(from);
        return pieces;
    }

    private static byte[][] ascii(String[] strings) {
        byte[][] result = new byte[strings.length][];
        for (int i = 0; i < strings.length; i++) {
            result[i] = strings[i].getBytes(StandardCharsets.US_ASCII);
        }
        return result;
    }

    private static final class Generator {
        final byte[] out;
        int pos;
        long state;

        Generator(long seed, int size) {
            this.out = new byte[size];
            this.state = seed;
        }

        boolean full() {
            return pos >= out.length;
        }

        long nextLong() {
            long z = (state += 0x9E37_79B9_7F4A_7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
            return z ^ (z >>> 31);
        }

        /** Multiply-shift rather than a remainder: a long division per call was most of the cold-start cost. */
        int nextInt(int bound) {
            return (int) (((nextLong() >>> 32) * bound) >>> 32);
        }

        void put(int b) {
            if (pos < out.length) {
                out[pos++] = (byte) b;
            }
        }

        void put(byte[] b) {
            int n = Math.min(b.length, out.length - pos);
            System.arraycopy(b, 0, out, pos, n);
            pos += n;
        }

        void put(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                put(ascii.charAt(i));
            }
        }

        void putCapitalized(byte[] word) {
            put(word[0] - 'a' + 'A');
            for (int i = 1; i < word.length; i++) {
                put(word[i]);
            }
        }

        void putDecimal(int v) {
            if (v >= 10) {
                putDecimal(v / 10);
            }
            put('0' + v % 10);
        }

        void putHex(long v, int digits) {
            for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
                put("0123456789abcdef".charAt((int) (v >>> shift) & 15));
            }
        }

        void indent(int depth) {
            for (int i = 0; i < depth * 4; i++) {
                put(' ');
            }
        }

        byte[] word() {
            return WORD_BYTES[nextInt(WORD_BYTES.length)];
        }

        byte[] identifier() {
            return IDENTIFIER_BYTES[nextInt(IDENTIFIER_BYTES.length)];
        }

        void prose(int length) {
            int end = pos + length;
            int column = 0;
            while (pos < end && !full()) {
                byte[] w = word();
                if (nextInt(9) == 0) {
                    putCapitalized(w);
                } else {
                    put(w);
                }
                column += w.length + 1;
                int p = nextInt(14);
                put(p == 0 ? ". " : p == 1 ? ", " : column > 72 ? "\n" : " ");
                if (column > 72) {
                    column = 0;
                }
            }
            put('\n');
        }

        void python(int length) {
            int end = pos + length;
            put("\n\nclass ");
            putCapitalized(identifier());
            putCapitalized(identifier());
            put("(object):\n");
            int depth = 1;
            while (pos < end && !full()) {
                if (nextInt(8) == 0) {
                    put("\n    def ");
                    put(identifier());
                    put('_');
                    put(identifier());
                    put("(self, ");
                    put(identifier());
                    put(", ");
                    put(identifier());
                    put('=');
                    putDecimal(nextInt(100));
                    put("):\n        \"\"\"");
                    putCapitalized(word());
                    put(' ');
                    put(word());
                    put(' ');
                    put(word());
                    put(".\"\"\"\n");
                    depth = 2;
                    continue;
                }
                int template = nextInt(PY_PIECES.length);
                byte[][] pieces = PY_PIECES[template];
                indent(depth);
                put(pieces[0]);
                for (int i = 1; i < pieces.length; i++) {
                    if (nextInt(5) == 0) {
                        putDecimal(nextInt(1000));
                    } else {
                        put(identifier());
                    }
                    put(pieces[i]);
                }
                put('\n');
                if (PY_LINES[template].endsWith(":")) {
                    depth = Math.min(depth + 1, 5);
                } else if (depth > 2 && nextInt(3) == 0) {
                    depth--;
                }
            }
        }

        void json(int length) {
            int end = pos + length;
            put("[\n");
            while (pos < end && !full()) {
                put("  {\"id\": ");
                putDecimal(nextInt(1_000_000));
                put(", \"");
                put(identifier());
                put("\": \"");
                put(word());
                put('-');
                putHex(nextLong(), 6);
                put("\", \"score\": ");
                putDecimal(nextInt(100));
                put('.');
                putDecimal(nextInt(100));
                put(", \"tags\": [\"");
                put(word());
                put("\", \"");
                put(word());
                put("\"], \"active\": ");
                put(nextInt(2) == 0 ? "true" : "false");
                put("},\n");
            }
            put("  {}\n]\n");
        }
        void binary(int length) {
            int end = pos + length;
            while (pos < end && !full()) {
                int kind = nextInt(5);
                int n = 16 + nextInt(600);
                if (kind == 0) {
                    for (int i = 0; i < n; i += 8) {
                        long r = nextLong();
                        for (int b = 0; b < 8; b++) {
                            put((int) (r >>> (b * 8)));
                        }
                    }
                } else if (kind == 1) {
                    pos = Math.min(pos + n, out.length);
                } else if (kind == 2) {
                    // A table of small little-endian integers, like an ELF symbol or relocation table.
                    int v = nextInt(4096);
                    for (int i = 0; i < n / 4; i++) {
                        v += 1 + (int) (nextLong() & 15);
                        put(v);
                        put(v >>> 8);
                        put(0);
                        put(0);
                    }
                } else if (kind == 3) {
                    // Machine-code-like: a few opcodes repeated with varying operands.
                    for (int i = 0; i < n / 4; i++) {
                        long r = nextLong();
                        put(0x48);
                        put(0x89 + (int) ((r & 0xff) % 3));
                        put((int) (r >>> 8));
                        put((r >>> 16 & 7) == 0 ? (int) (r >>> 24) : 0xC3);
                    }
                } else {
                    // A short motif repeated with rare mutations: long matches at short distances.
                    byte[] motif = new byte[2 + nextInt(40)];
                    long r = nextLong();
                    for (int i = 0; i < motif.length; i++) {
                        if ((i & 7) == 0) {
                            r = nextLong();
                        }
                        motif[i] = (byte) (r >>> ((i & 7) * 8));
                    }
                    int stop = Math.min(pos + 2 * n, out.length);
                    while (pos < stop) {
                        put(motif);
                        if (nextInt(3) == 0) {
                            put((int) nextLong());
                        }
                    }
                }
            }
        }
    }
}
