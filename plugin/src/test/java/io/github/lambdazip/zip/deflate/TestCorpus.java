package io.github.lambdazip.zip.deflate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Generated inputs for the bit-exactness tests; the same list on every run. Only java.home is read from disk. */
final class TestCorpus {

    /** One input and what it is, for failure messages. */
    static final class Input {
        final String name;
        final byte[] bytes;

        Input(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }
    }

    // Sizes around the lookahead (262), the window (32 KiB), the slide point (64 KiB - 262) and later slides.
    static final int[] WINDOW_SIZES = {1, 2, 3, 4, 257, 258, 259, 261, 262, 263, 520, 32_505, 32_506, 32_507, 32_767,
        32_768, 32_769, 65_273, 65_274, 65_275, 65_535, 65_536, 65_537, 97_780, 98_304, 131_072, 131_073, 200_001};

    private TestCorpus() {
    }

    /** Small structural cases: empty, single bytes, runs and periods. */
    static List<Input> structural() {
        List<Input> list = new ArrayList<>();
        list.add(new Input("empty", new byte[0]));
        for (int b : new int[] {0, 1, 0x7f, 0x80, 0xff}) {
            list.add(new Input("one byte " + b, new byte[] {(byte) b}));
        }
        list.add(new Input("two bytes", new byte[] {1, 2}));
        list.add(new Input("three equal bytes", new byte[] {9, 9, 9}));
        for (int size : WINDOW_SIZES) {
            list.add(new Input("zeros " + size, new byte[size]));
            byte[] a = new byte[size];
            Arrays.fill(a, (byte) 'a');
            list.add(new Input("'a' x " + size, a));
        }
        for (int period : new int[] {2, 3, 4, 7, 100, 257, 258, 259, 1000, 4095, 4097, 32_000, 32_506, 32_768}) {
            list.add(new Input("period " + period, periodic(period, 70_000, period)));
        }
        return list;
    }

    /** Random bytes (nearly all literals) of many sizes, and random bytes with long runs between. */
    static List<Input> random(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Input> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = logSize(r, 40_000);
            int alphabet = 1 + r.nextInt(256);
            byte[] b = new byte[size];
            fillRandom(r, b, 0, size, alphabet);
            list.add(new Input("random " + i + " over " + alphabet + " byte values", b));
        }
        return list;
    }

    /** Slices of the canary fixture (prose, Python, JSON, binary) at many offsets and lengths. */
    static List<Input> fixtureSlices(int count, long seed) {
        byte[] fixture = CanaryFixture.bytes();
        SplittableRandom r = new SplittableRandom(seed);
        List<Input> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = logSize(r, 48_000);
            int from = r.nextInt(fixture.length - size + 1);
            list.add(new Input("fixture[" + from + "+" + size + "]", Arrays.copyOfRange(fixture, from, from + size)));
        }
        return list;
    }

    /** Segments of random, repeated, copied-from-earlier and text data glued together. */
    static byte[] mixed(SplittableRandom r, int size) {
        byte[] b = new byte[size];
        int pos = 0;
        while (pos < size) {
            int n = Math.min(size - pos, 1 + logSize(r, 20_000));
            switch (r.nextInt(6)) {
                case 0:
                    fillRandom(r, b, pos, n, 1 + r.nextInt(256));
                    break;
                case 1:
                    Arrays.fill(b, pos, pos + n, (byte) r.nextInt(256));
                    break;
                case 2:
                    if (pos > 0) {
                        // A copy from up to 40 KiB back: matches near and beyond the 32 KiB window.
                        int from = Math.max(0, pos - 1 - r.nextInt(Math.min(pos, 40_000)));
                        for (int i = 0; i < n; i++) {
                            b[pos + i] = b[from + i];
                        }
                    }
                    break;
                case 3:
                    byte[] motif = new byte[1 + r.nextInt(300)];
                    fillRandom(r, motif, 0, motif.length, 256);
                    for (int i = 0; i < n; i++) {
                        b[pos + i] = motif[i % motif.length];
                    }
                    break;
                default:
                    byte[] text = pythonLike(r, n);
                    System.arraycopy(text, 0, b, pos, n);
                    break;
            }
            pos += n;
        }
        return b;
    }

    static List<Input> mixed(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Input> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Input("mixed " + i, mixed(r, logSize(r, 120_000))));
        }
        return list;
    }

    /** Python-like source text with repeated identifiers and indentation. */
    static byte[] pythonLike(SplittableRandom r, int size) {
        String[] names = {"self", "value", "items", "result", "config", "handler", "event", "context", "index"};
        StringBuilder sb = new StringBuilder(size + 200);
        while (sb.length() < size) {
            String a = names[r.nextInt(names.length)];
            String b = names[r.nextInt(names.length)];
            switch (r.nextInt(6)) {
                case 0:
                    sb.append("\ndef ").append(a).append('_').append(b).append("(self, ").append(b).append("):\n");
                    break;
                case 1:
                    sb.append("    if ").append(a).append(" is None:\n        return ").append(r.nextInt(100))
                            .append('\n');
                    break;
                case 2:
                    sb.append("    for ").append(a).append(" in ").append(b).append(":\n        ").append(a)
                            .append(".append(").append(b).append(")\n");
                    break;
                case 3:
                    sb.append("    {\"").append(a).append("\": ").append(r.nextInt(1_000_000)).append(", \"")
                            .append(b).append("\": [1, 2, 3]}\n");
                    break;
                case 4:
                    sb.append("    # ").append(a).append(' ').append(b).append(" was computed above\n");
                    break;
                default:
                    sb.append("    ").append(a).append(" = ").append(b).append(".get('").append(a).append("')\n");
                    break;
            }
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), size);
    }

    /**
     * A de Bruijn sequence of order 3 over 32 symbols, repeated: no 3 bytes repeat within 32 KiB, so every byte is a
     * literal and the symbol count is the length, which puts block ends (every 16383 symbols) exactly where wanted.
     */
    static byte[] allLiterals(int size) {
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        deBruijn(1, 1, 32, 3, new int[32 * 3 + 1], seq);
        byte[] cycle = seq.toByteArray();
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = cycle[i % cycle.length];
        }
        return b;
    }

    private static void deBruijn(int t, int p, int k, int n, int[] a, ByteArrayOutputStream out) {
        if (t > n) {
            if (n % p == 0) {
                for (int j = 1; j <= p; j++) {
                    out.write(0x41 + a[j] * 5);
                }
            }
            return;
        }
        a[t] = a[t - p];
        deBruijn(t + 1, p, k, n, a, out);
        for (int j = a[t - p] + 1; j < k; j++) {
            a[t] = j;
            deBruijn(t + 1, t, k, n, a, out);
        }
    }

    /** The JDK's own ELF libraries (java.home/lib/*.so, always there), sorted by name. */
    static List<Input> elfFiles() {
        Path lib = Path.of(System.getProperty("java.home"), "lib");
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(lib, "*.so")) {
            dir.forEach(paths::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        paths.sort(null);
        List<Input> list = new ArrayList<>();
        for (Path p : paths) {
            try {
                list.add(new Input(p.getFileName().toString(), Files.readAllBytes(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return list;
    }

    static byte[] periodic(int period, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] motif = new byte[period];
        fillRandom(r, motif, 0, period, 256);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = motif[i % period];
        }
        return b;
    }

    static void fillRandom(SplittableRandom r, byte[] b, int from, int length, int alphabet) {
        for (int i = from; i < from + length; i++) {
            b[i] = (byte) r.nextInt(alphabet);
        }
    }

    /** Sizes spread evenly over orders of magnitude, so small inputs are common and large ones present. */
    static int logSize(SplittableRandom r, int max) {
        return (int) Math.min(max, Math.floor(Math.expm1(r.nextDouble() * Math.log1p(max))));
    }
}
