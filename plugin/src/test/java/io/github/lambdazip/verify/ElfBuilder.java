package io.github.lambdazip.verify;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small ELF64 little-endian shared objects by hand, with program headers only (no section-header table, as
 * {@code strip --strip-section-headers} leaves them): a {@code PT_LOAD} over the whole file at a non-zero address,
 * {@code PT_DYNAMIC}, and optionally {@code PT_INTERP} and {@code PT_NOTE}. The dynamic table's addresses are
 * virtual, so a reader that took them for file offsets would fail.
 */
final class ElfBuilder {

    private static final long BASE = 0x10000;

    private int machine = 62;
    private int osAbi = 0;
    private String interpreter;
    private String soname;
    private final List<String> needed = new ArrayList<>();
    private final List<String> rpath = new ArrayList<>();
    private final List<String> runpath = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, List<String>> versions = new LinkedHashMap<>();

    ElfBuilder machine(int value) {
        machine = value;
        return this;
    }

    ElfBuilder osAbi(int value) {
        osAbi = value;
        return this;
    }

    ElfBuilder interpreter(String value) {
        interpreter = value;
        return this;
    }

    ElfBuilder soname(String value) {
        soname = value;
        return this;
    }

    ElfBuilder needs(String... libraries) {
        needed.addAll(List.of(libraries));
        return this;
    }

    ElfBuilder rpath(String value) {
        rpath.add(value);
        return this;
    }

    ElfBuilder runpath(String value) {
        runpath.add(value);
        return this;
    }

    ElfBuilder note(String owner) {
        notes.add(owner);
        return this;
    }

    /** Symbol versions needed from a library, e.g. libstdc++.so.6: GLIBCXX_3.4.30. */
    ElfBuilder versions(String library, String... names) {
        versions.computeIfAbsent(library, k -> new ArrayList<>()).addAll(List.of(names));
        if (!needed.contains(library)) {
            needed.add(library);
        }
        return this;
    }

    byte[] build() {
        Strings strings = new Strings();
        List<long[]> dynamic = new ArrayList<>();
        for (String library : needed) {
            dynamic.add(new long[] {1, strings.add(library)});
        }
        if (soname != null) {
            dynamic.add(new long[] {14, strings.add(soname)});
        }
        for (String path : rpath) {
            dynamic.add(new long[] {15, strings.add(path)});
        }
        for (String path : runpath) {
            dynamic.add(new long[] {29, strings.add(path)});
        }
        // Version needs: one Elf64_Verneed (16 bytes) per library, each followed by its Elf64_Vernaux (16 bytes).
        ByteBuffer verneed = ByteBuffer.allocate(versions.values().stream().mapToInt(v -> 16 + 16 * v.size()).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        int libraries = 0;
        for (Map.Entry<String, List<String>> each : versions.entrySet()) {
            int start = verneed.position();
            int size = 16 + 16 * each.getValue().size();
            boolean last = ++libraries == versions.size();
            verneed.putShort((short) 1).putShort((short) each.getValue().size()).putInt((int) strings.add(each.getKey()))
                    .putInt(16).putInt(last ? 0 : size);
            for (int i = 0; i < each.getValue().size(); i++) {
                boolean lastAux = i == each.getValue().size() - 1;
                verneed.putInt(i).putShort((short) 0).putShort((short) (i + 2))
                        .putInt((int) strings.add(each.getValue().get(i))).putInt(lastAux ? 0 : 16);
            }
            verneed.position(start + size);
        }
        byte[] interp = interpreter == null ? new byte[0] : (interpreter + "\0").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream noteBytes = new ByteArrayOutputStream();
        for (String owner : notes) {
            byte[] name = (owner + "\0").getBytes(StandardCharsets.UTF_8);
            ByteBuffer note = ByteBuffer.allocate(12 + align(name.length) + 4).order(ByteOrder.LITTLE_ENDIAN);
            note.putInt(name.length).putInt(4).putInt(1).put(name);
            note.position(12 + align(name.length));
            note.putInt(1);
            noteBytes.writeBytes(note.array());
        }
        byte[] stringTable = strings.bytes();
        int phnum = 2 + (interpreter == null ? 0 : 1) + (notes.isEmpty() ? 0 : 1);
        long interpOffset = 64 + 56L * phnum;
        long notesOffset = align8(interpOffset + interp.length);
        long stringsOffset = align8(notesOffset + noteBytes.size());
        long verneedOffset = align8(stringsOffset + stringTable.length);
        long dynamicOffset = align8(verneedOffset + verneed.capacity());
        dynamic.add(new long[] {5, BASE + stringsOffset});
        dynamic.add(new long[] {10, stringTable.length});
        if (!versions.isEmpty()) {
            dynamic.add(new long[] {0x6ffffffeL, BASE + verneedOffset});
            dynamic.add(new long[] {0x6fffffffL, versions.size()});
        }
        dynamic.add(new long[] {0, 0});
        long size = dynamicOffset + 16L * dynamic.size();
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, (byte) osAbi});
        out.position(16);
        out.putShort((short) 3).putShort((short) machine).putInt(1).putLong(0).putLong(64).putLong(0).putInt(0)
                .putShort((short) 64).putShort((short) 56).putShort((short) phnum).putShort((short) 64)
                .putShort((short) 0).putShort((short) 0);
        programHeader(out, 1, 0, size);
        programHeader(out, 2, dynamicOffset, 16L * dynamic.size());
        if (interpreter != null) {
            programHeader(out, 3, interpOffset, interp.length);
        }
        if (!notes.isEmpty()) {
            programHeader(out, 4, notesOffset, noteBytes.size());
        }
        out.position((int) interpOffset);
        out.put(interp);
        out.position((int) notesOffset);
        out.put(noteBytes.toByteArray());
        out.position((int) stringsOffset);
        out.put(stringTable);
        out.position((int) verneedOffset);
        out.put(verneed.array());
        out.position((int) dynamicOffset);
        for (long[] entry : dynamic) {
            out.putLong(entry[0]).putLong(entry[1]);
        }
        return out.array();
    }

    private static void programHeader(ByteBuffer out, int type, long offset, long size) {
        out.putInt(type).putInt(4).putLong(offset).putLong(BASE + offset).putLong(BASE + offset).putLong(size)
                .putLong(size).putLong(8);
    }

    private static int align(int value) {
        return (value + 3) & ~3;
    }

    private static long align8(long value) {
        return (value + 7) & ~7L;
    }

    /** A string table: offset 0 is the empty string. */
    private static final class Strings {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Map<String, Long> offsets = new LinkedHashMap<>();

        Strings() {
            bytes.write(0);
        }

        long add(String value) {
            return offsets.computeIfAbsent(value, v -> {
                long at = bytes.size();
                bytes.writeBytes((v + "\0").getBytes(StandardCharsets.UTF_8));
                return at;
            });
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
