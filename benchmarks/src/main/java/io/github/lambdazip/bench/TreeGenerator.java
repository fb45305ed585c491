package io.github.lambdazip.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a deterministic Lambda-like tree: Python packages of 1–30 KB modules made of code-like lines, one
 * dist-info folder per package, and a few multi-MB binaries that deflate to about half. The same preset always
 * gives the same bytes.
 */
final class TreeGenerator {

    private static final String[] WORDS = {"def", "return", "self", "import", "from", "class", "if", "else", "for",
        "in", "None", "True", "False", "request", "response", "client", "session", "config", "value", "result",
        "items", "data", "json", "event", "context", "logger", "handler", "table", "record", "payload"};

    private TreeGenerator() {}

    static void generate(Preset preset, Path root) throws IOException {
        Random random = new Random(20261122L + preset.ordinal());
        Files.createDirectories(root);
        Files.writeString(root.resolve("app.py"), "import json\n\n\ndef handler(event, context):\n    return json.dumps(event)\n");
        int packages = Math.max(1, preset.textFiles / 150);
        for (int i = 0; i < preset.textFiles; i++) {
            int pkg = i % packages;
            Path file = root.resolve("pkg" + pkg).resolve("sub" + (i / packages) % 7).resolve("mod" + i + ".py");
            Files.createDirectories(file.getParent());
            int size = 1024 * (preset.minKb + random.nextInt(preset.maxKb - preset.minKb + 1));
            Files.writeString(file, code(random, size), StandardCharsets.UTF_8);
        }
        for (int pkg = 0; pkg < packages; pkg++) {
            Path info = root.resolve("pkg" + pkg + "-1.0." + pkg + ".dist-info");
            Files.createDirectories(info);
            Files.writeString(info.resolve("METADATA"), "Metadata-Version: 2.1\nName: pkg" + pkg + "\nVersion: 1.0." + pkg
                    + "\nSummary: synthetic package " + pkg + "\n" + code(random, 2048));
            Files.writeString(info.resolve("WHEEL"), "Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
            Files.writeString(info.resolve("RECORD"), code(random, 4096));
            Files.writeString(info.resolve("INSTALLER"), "pip\n");
        }
        for (int b = 0; b < preset.binaries; b++) {
            Path file = root.resolve("native").resolve("blob" + b + ".bin");
            Files.createDirectories(file.getParent());
            Files.write(file, binary(random, preset.binaryMb * 1024 * 1024));
        }
    }

    private static String code(Random random, int size) {
        StringBuilder out = new StringBuilder(size + 100);
        while (out.length() < size) {
            out.append("    ".repeat(random.nextInt(3)));
            int words = 3 + random.nextInt(8);
            for (int w = 0; w < words; w++) {
                out.append(WORDS[random.nextInt(WORDS.length)]);
                if (random.nextInt(4) == 0) {
                    out.append('_').append(Integer.toString(random.nextInt(5000), 36));
                }
                out.append(w + 1 < words ? ' ' : '\n');
            }
        }
        out.setLength(size);
        return out.toString();
    }

    /** Half random blocks, half repeated patterns: deflates to roughly 55%. */
    private static byte[] binary(Random random, int size) {
        byte[] bytes = new byte[size];
        byte[] pattern = new byte[64];
        random.nextBytes(pattern);
        for (int at = 0; at < size; at += 4096) {
            int n = Math.min(4096, size - at);
            if (random.nextBoolean()) {
                byte[] block = new byte[n];
                random.nextBytes(block);
                System.arraycopy(block, 0, bytes, at, n);
            } else {
                for (int i = 0; i < n; i++) {
                    bytes[at + i] = pattern[i % pattern.length];
                }
            }
        }
        return bytes;
    }
}
