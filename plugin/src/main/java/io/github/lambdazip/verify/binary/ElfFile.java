package io.github.lambdazip.verify.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the checks need from an ELF file, read from its headers without running anything: the machine, the
 * libraries it needs ({@code DT_NEEDED}), its search paths ({@code DT_RPATH}/{@code DT_RUNPATH}), and the
 * symbol versions it requires from each library ({@code .gnu.version_r}). Every offset and count is checked
 * against the file's size, so a hostile file gives {@link MalformedBinaryException}, not a crash or a huge
 * allocation.
 */
public final class ElfFile {

    private static final int SHT_STRTAB = 3;
    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final int DT_NULL = 0;
    private static final int DT_NEEDED = 1;
    private static final int DT_RPATH = 15;
    private static final int DT_RUNPATH = 29;
    private static final int MAX_SECTIONS = 4096;
    private static final int MAX_TABLE = 16 * 1024 * 1024;
    private static final int MAX_ENTRIES = 100_000;

    /** One required symbol version, e.g. GLIBC_2.34 from libc.so.6. */
    public record VersionNeed(String library, String version) {}

    private final int machine;
    private final List<String> needed;
    private final List<String> searchPaths;
    private final List<VersionNeed> versionNeeds;

    private ElfFile(int machine, List<String> needed, List<String> searchPaths, List<VersionNeed> versionNeeds) {
        this.machine = machine;
        this.needed = needed;
        this.searchPaths = searchPaths;
        this.versionNeeds = versionNeeds;
    }

    public int machine() {
        return machine;
    }

    public List<String> needed() {
        return needed;
    }

    public List<String> searchPaths() {
        return searchPaths;
    }

    public List<VersionNeed> versionNeeds() {
        return versionNeeds;
    }

    public static String machineName(int machine) {
        return switch (machine) {
            case 3 -> "x86 (32-bit)";
            case 40 -> "ARM (32-bit)";
            case 62 -> "x86_64";
            case 183 -> "aarch64";
            case 243 -> "RISC-V";
            case 20, 21 -> "PowerPC";
            case 22 -> "s390";
            default -> "machine " + machine;
        };
    }

    public static ElfFile parse(ByteSource file) throws IOException, MalformedBinaryException {
        byte[] ident = file.read(0, 64);
        if (ident.length < 52 || BinaryKind.of(ident) != BinaryKind.ELF) {
            throw new MalformedBinaryException("too short for an ELF header");
        }
        boolean is64 = switch (ident[4]) {
            case 1 -> false;
            case 2 -> true;
            default -> throw new MalformedBinaryException("unknown ELF class " + ident[4]);
        };
        ByteOrder order = switch (ident[5]) {
            case 1 -> ByteOrder.LITTLE_ENDIAN;
            case 2 -> ByteOrder.BIG_ENDIAN;
            default -> throw new MalformedBinaryException("unknown ELF data encoding " + ident[5]);
        };
        if (is64 && ident.length < 64) {
            throw new MalformedBinaryException("too short for an ELF64 header");
        }
        ByteBuffer header = ByteBuffer.wrap(ident).order(order);
        int machine = header.getShort(18) & 0xffff;
        long shoff = is64 ? header.getLong(40) : header.getInt(32) & 0xffffffffL;
        int shentsize = header.getShort(is64 ? 58 : 46) & 0xffff;
        int shnum = header.getShort(is64 ? 60 : 48) & 0xffff;
        if (shoff == 0 || shnum == 0) {
            return new ElfFile(machine, List.of(), List.of(), List.of());
        }
        int minEntry = is64 ? 64 : 40;
        if (shnum > MAX_SECTIONS || shentsize < minEntry || shoff < 0 || shoff + (long) shnum * shentsize > file.length()) {
            throw new MalformedBinaryException("section headers lie outside the file");
        }
        ByteBuffer sections = ByteBuffer.wrap(file.read(shoff, shnum * shentsize)).order(order);
        List<Section> all = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int base = i * shentsize;
            int type = sections.getInt(base + 4);
            long offset = is64 ? sections.getLong(base + 24) : sections.getInt(base + 16) & 0xffffffffL;
            long size = is64 ? sections.getLong(base + 32) : sections.getInt(base + 20) & 0xffffffffL;
            int link = sections.getInt(base + (is64 ? 40 : 24));
            long info = sections.getInt(base + (is64 ? 44 : 28)) & 0xffffffffL;
            all.add(new Section(type, offset, size, link, info));
        }
        List<String> needed = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<VersionNeed> versions = new ArrayList<>();
        for (Section section : all) {
            if (section.type == SHT_DYNAMIC) {
                readDynamic(file, order, is64, section, strings(file, all, section.link), needed, paths);
            } else if (section.type == SHT_GNU_VERNEED) {
                readVersionNeeds(file, order, section, strings(file, all, section.link), versions);
            }
        }
        return new ElfFile(machine, List.copyOf(new LinkedHashSet<>(needed)), List.copyOf(paths), List.copyOf(versions));
    }

    private record Section(int type, long offset, long size, int link, long info) {}

    private static byte[] strings(ByteSource file, List<Section> sections, int index) throws IOException,
            MalformedBinaryException {
        if (index < 0 || index >= sections.size() || sections.get(index).type != SHT_STRTAB) {
            throw new MalformedBinaryException("a section links to a missing string table");
        }
        return bytes(file, sections.get(index));
    }

    private static byte[] bytes(ByteSource file, Section section) throws IOException, MalformedBinaryException {
        if (section.offset < 0 || section.size < 0 || section.size > MAX_TABLE
                || section.offset + section.size > file.length()) {
            throw new MalformedBinaryException("a section lies outside the file");
        }
        return file.read(section.offset, (int) section.size);
    }

    private static void readDynamic(ByteSource file, ByteOrder order, boolean is64, Section section, byte[] strings,
            List<String> needed, List<String> paths) throws IOException, MalformedBinaryException {
        ByteBuffer dynamic = ByteBuffer.wrap(bytes(file, section)).order(order);
        int entry = is64 ? 16 : 8;
        for (int at = 0; at + entry <= dynamic.capacity() && at / entry < MAX_ENTRIES; at += entry) {
            long tag = is64 ? dynamic.getLong(at) : dynamic.getInt(at);
            long value = is64 ? dynamic.getLong(at + 8) : dynamic.getInt(at + 4) & 0xffffffffL;
            if (tag == DT_NULL) {
                break;
            } else if (tag == DT_NEEDED) {
                needed.add(string(strings, value));
            } else if (tag == DT_RPATH || tag == DT_RUNPATH) {
                for (String path : string(strings, value).split(":")) {
                    if (!path.isEmpty()) {
                        paths.add(path);
                    }
                }
            }
        }
    }

    private static void readVersionNeeds(ByteSource file, ByteOrder order, Section section, byte[] strings,
            List<VersionNeed> out) throws IOException, MalformedBinaryException {
        ByteBuffer table = ByteBuffer.wrap(bytes(file, section)).order(order);
        Set<Long> seen = new java.util.HashSet<>();
        long at = 0;
        for (long count = 0; count < Math.min(section.info, MAX_ENTRIES); count++) {
            if (at < 0 || at + 16 > table.capacity() || !seen.add(at)) {
                throw new MalformedBinaryException("a version-need entry lies outside its section");
            }
            int base = (int) at;
            int auxCount = table.getShort(base + 2) & 0xffff;
            String library = string(strings, table.getInt(base + 4) & 0xffffffffL);
            long aux = at + (table.getInt(base + 8) & 0xffffffffL);
            for (int i = 0; i < auxCount; i++) {
                if (aux < 0 || aux + 16 > table.capacity()) {
                    throw new MalformedBinaryException("a version-need entry lies outside its section");
                }
                out.add(new VersionNeed(library, string(strings, table.getInt((int) aux + 8) & 0xffffffffL)));
                long next = table.getInt((int) aux + 12) & 0xffffffffL;
                if (next == 0) {
                    break;
                }
                aux += next;
            }
            long next = table.getInt(base + 12) & 0xffffffffL;
            if (next == 0) {
                break;
            }
            at += next;
        }
    }

    private static String string(byte[] table, long offset) throws MalformedBinaryException {
        if (offset < 0 || offset >= table.length) {
            throw new MalformedBinaryException("a name lies outside its string table");
        }
        int end = (int) offset;
        while (end < table.length && table[end] != 0) {
            end++;
        }
        return new String(table, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
    }
}
