package io.github.lambdazip.verify.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the checks need from an ELF file, read from its headers without running anything: the machine, the OS ABI,
 * the interpreter and note owners (which say what system it was built for), the libraries it needs
 * ({@code DT_NEEDED}), its search paths ({@code DT_RPATH} and {@code DT_RUNPATH}, kept apart because the loader
 * treats them differently), its {@code DT_SONAME}, and the symbol versions it requires from each library.
 *
 * <p>The dynamic table is found the way the loader finds it: through the program headers ({@code PT_DYNAMIC}),
 * with the addresses it holds ({@code DT_STRTAB}, {@code DT_VERNEED}) mapped to file offsets through the
 * {@code PT_LOAD} segments. Section headers are not needed, so a file whose section-header table is absent or
 * zeroed is judged like any other; they are read only for a file without program headers (a relocatable object).
 * Every offset and count is checked against the file's size, so a hostile file gives
 * {@link MalformedBinaryException}, not a crash or a huge allocation.
 */
public final class ElfFile {

    /** {@code EI_OSABI} values the Linux loader accepts: System V and GNU/Linux. */
    public static final int OSABI_SYSV = 0;
    public static final int OSABI_GNU = 3;

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final int PT_NOTE = 4;
    private static final int SHT_STRTAB = 3;
    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final int DT_NULL = 0;
    private static final int DT_NEEDED = 1;
    private static final int DT_STRTAB = 5;
    private static final int DT_STRSZ = 10;
    private static final int DT_SONAME = 14;
    private static final int DT_RPATH = 15;
    private static final int DT_RUNPATH = 29;
    private static final long DT_VERNEED = 0x6ffffffeL;
    private static final long DT_VERNEEDNUM = 0x6fffffffL;
    private static final int MAX_HEADERS = 4096;
    private static final int MAX_TABLE = 16 * 1024 * 1024;
    private static final int MAX_ENTRIES = 100_000;
    private static final int MAX_NOTES = 64;
    private static final int MAX_NOTE_BYTES = 64 * 1024;

    /** One required symbol version, e.g. GLIBC_2.34 from libc.so.6. */
    public record VersionNeed(String library, String version) {}

    private final int machine;
    private final int osAbi;
    private final String interpreter;
    private final List<String> noteOwners;
    private final Dynamic dynamic;

    private ElfFile(int machine, int osAbi, String interpreter, List<String> noteOwners, Dynamic dynamic) {
        this.machine = machine;
        this.osAbi = osAbi;
        this.interpreter = interpreter;
        this.noteOwners = noteOwners;
        this.dynamic = dynamic;
    }

    /** What the dynamic table says. */
    private record Dynamic(List<String> needed, String soname, List<String> rpath, List<String> runpath,
            List<VersionNeed> versionNeeds) {
        static final Dynamic NONE = new Dynamic(List.of(), null, List.of(), List.of(), List.of());
    }

    public int machine() {
        return machine;
    }

    /** {@code EI_OSABI}: 0 System V, 3 GNU/Linux, 9 FreeBSD, 6 Solaris and so on. */
    public int osAbi() {
        return osAbi;
    }

    /** The {@code PT_INTERP} path (an executable's loader, e.g. /lib/ld-musl-x86_64.so.1), or null. */
    public String interpreter() {
        return interpreter;
    }

    /** The owners of its ELF notes (GNU, FreeBSD, OpenBSD, NetBSD, Android, ...), in file order. */
    public List<String> noteOwners() {
        return noteOwners;
    }

    public List<String> needed() {
        return dynamic.needed();
    }

    /** {@code DT_SONAME}, or null. */
    public String soname() {
        return dynamic.soname();
    }

    /** {@code DT_RPATH} entries; the loader ignores them when there is a {@code DT_RUNPATH}. */
    public List<String> rpath() {
        return dynamic.rpath();
    }

    /** {@code DT_RUNPATH} entries. */
    public List<String> runpath() {
        return dynamic.runpath();
    }

    /** All search-path entries, {@code DT_RPATH} then {@code DT_RUNPATH}. */
    public List<String> searchPaths() {
        List<String> all = new ArrayList<>(dynamic.rpath());
        all.addAll(dynamic.runpath());
        return all;
    }

    public List<VersionNeed> versionNeeds() {
        return dynamic.versionNeeds();
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

    /** The system an {@code EI_OSABI} value names, for messages. */
    public static String osAbiName(int osAbi) {
        return switch (osAbi) {
            case 0 -> "System V";
            case 1 -> "HP-UX";
            case 2 -> "NetBSD";
            case 3 -> "GNU/Linux";
            case 6 -> "Solaris";
            case 7 -> "AIX";
            case 8 -> "IRIX";
            case 9 -> "FreeBSD";
            case 10 -> "Tru64";
            case 12 -> "OpenBSD";
            case 13 -> "OpenVMS";
            case 97 -> "ARM (bare)";
            case 255 -> "a standalone (embedded) system";
            default -> "OS ABI " + osAbi;
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
        int osAbi = ident[7] & 0xff;
        Reader reader = new Reader(file, order, is64);
        long phoff = is64 ? header.getLong(32) : header.getInt(28) & 0xffffffffL;
        int phentsize = header.getShort(is64 ? 54 : 42) & 0xffff;
        int phnum = header.getShort(is64 ? 56 : 44) & 0xffff;
        if (phoff != 0 && phnum != 0) {
            return fromProgramHeaders(reader, machine, osAbi, phoff, phentsize, phnum);
        }
        long shoff = is64 ? header.getLong(40) : header.getInt(32) & 0xffffffffL;
        int shentsize = header.getShort(is64 ? 58 : 46) & 0xffff;
        int shnum = header.getShort(is64 ? 60 : 48) & 0xffff;
        Dynamic dynamic = shoff == 0 || shnum == 0 ? Dynamic.NONE : fromSections(reader, shoff, shentsize, shnum);
        return new ElfFile(machine, osAbi, null, List.of(), dynamic);
    }

    /** Reads sized fields in the file's byte order and class. */
    private record Reader(ByteSource file, ByteOrder order, boolean is64) {

        ByteBuffer read(long offset, long length, String what) throws IOException, MalformedBinaryException {
            if (offset < 0 || length < 0 || length > MAX_TABLE || offset + length > file.length()) {
                throw new MalformedBinaryException(what + " lies outside the file");
            }
            byte[] bytes = file.read(offset, (int) length);
            if (bytes.length != length) {
                throw new MalformedBinaryException(what + " lies outside the file");
            }
            return ByteBuffer.wrap(bytes).order(order);
        }

        long word(ByteBuffer buffer, int at) {
            return is64 ? buffer.getLong(at) : buffer.getInt(at) & 0xffffffffL;
        }
    }

    private record Segment(int type, long offset, long vaddr, long filesz) {}

    private static ElfFile fromProgramHeaders(Reader reader, int machine, int osAbi, long phoff, int phentsize,
            int phnum) throws IOException, MalformedBinaryException {
        boolean is64 = reader.is64();
        int minEntry = is64 ? 56 : 32;
        if (phnum > MAX_HEADERS || phentsize < minEntry) {
            throw new MalformedBinaryException("the program headers are malformed");
        }
        ByteBuffer table = reader.read(phoff, (long) phnum * phentsize, "the program-header table");
        List<Segment> loads = new ArrayList<>();
        List<Segment> others = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int base = i * phentsize;
            int type = table.getInt(base);
            long offset = is64 ? table.getLong(base + 8) : table.getInt(base + 4) & 0xffffffffL;
            long vaddr = is64 ? table.getLong(base + 16) : table.getInt(base + 8) & 0xffffffffL;
            long filesz = is64 ? table.getLong(base + 32) : table.getInt(base + 16) & 0xffffffffL;
            Segment segment = new Segment(type, offset, vaddr, filesz);
            (type == PT_LOAD ? loads : others).add(segment);
        }
        String interpreter = null;
        List<String> owners = new ArrayList<>();
        Dynamic dynamic = Dynamic.NONE;
        for (Segment segment : others) {
            switch (segment.type()) {
                case PT_INTERP -> {
                    ByteBuffer bytes = reader.read(segment.offset(), Math.min(segment.filesz(), 4096), "PT_INTERP");
                    interpreter = string(bytes.array(), 0);
                }
                case PT_NOTE -> readNotes(reader, segment, owners);
                case PT_DYNAMIC -> {
                    if (dynamic == Dynamic.NONE) {
                        dynamic = readDynamic(reader, segment, loads);
                    }
                }
                default -> { }
            }
        }
        return new ElfFile(machine, osAbi, interpreter, List.copyOf(owners), dynamic);
    }

    private static void readNotes(Reader reader, Segment segment, List<String> owners)
            throws IOException, MalformedBinaryException {
        ByteBuffer notes = reader.read(segment.offset(), Math.min(segment.filesz(), MAX_NOTE_BYTES), "PT_NOTE");
        int at = 0;
        for (int count = 0; count < MAX_NOTES && at + 12 <= notes.capacity(); count++) {
            long nameSize = notes.getInt(at) & 0xffffffffL;
            long descSize = notes.getInt(at + 4) & 0xffffffffL;
            long nameEnd = at + 12L + nameSize;
            if (nameEnd > notes.capacity()) {
                break;
            }
            if (nameSize > 0) {
                String owner = string(notes.array(), at + 12, (int) nameSize);
                if (!owners.contains(owner)) {
                    owners.add(owner);
                }
            }
            long next = at + 12L + align4(nameSize) + align4(descSize);
            if (next > notes.capacity()) {
                break;
            }
            at = (int) next;
        }
    }

    private static long align4(long value) {
        return (value + 3) & ~3L;
    }

    private static Dynamic readDynamic(Reader reader, Segment segment, List<Segment> loads)
            throws IOException, MalformedBinaryException {
        ByteBuffer table = reader.read(segment.offset(), segment.filesz(), "the dynamic table");
        int entry = reader.is64() ? 16 : 8;
        List<Long> needed = new ArrayList<>();
        List<Long> rpath = new ArrayList<>();
        List<Long> runpath = new ArrayList<>();
        long soname = -1;
        long strtab = -1;
        long strsz = -1;
        long verneed = -1;
        long verneednum = 0;
        for (int at = 0; at + entry <= table.capacity() && at / entry < MAX_ENTRIES; at += entry) {
            long tag = reader.is64() ? table.getLong(at) : table.getInt(at);
            long value = reader.word(table, at + entry / 2);
            if (tag == DT_NULL) {
                break;
            } else if (tag == DT_NEEDED) {
                needed.add(value);
            } else if (tag == DT_RPATH) {
                rpath.add(value);
            } else if (tag == DT_RUNPATH) {
                runpath.add(value);
            } else if (tag == DT_SONAME) {
                soname = value;
            } else if (tag == DT_STRTAB) {
                strtab = value;
            } else if (tag == DT_STRSZ) {
                strsz = value;
            } else if (tag == DT_VERNEED) {
                verneed = value;
            } else if (tag == DT_VERNEEDNUM) {
                verneednum = value;
            }
        }
        boolean usesStrings = !needed.isEmpty() || !rpath.isEmpty() || !runpath.isEmpty() || soname >= 0
                || verneednum > 0;
        if (!usesStrings) {
            return Dynamic.NONE;
        }
        if (strtab < 0 || strsz <= 0) {
            throw new MalformedBinaryException("the dynamic table has no string table");
        }
        long strtabOffset = fileOffset(strtab, strsz, loads, "DT_STRTAB");
        byte[] strings = reader.read(strtabOffset, strsz, "the dynamic string table").array();
        List<String> neededNames = new ArrayList<>();
        for (long offset : needed) {
            neededNames.add(string(strings, offset));
        }
        List<VersionNeed> versions = new ArrayList<>();
        if (verneed >= 0 && verneednum > 0) {
            long offset = fileOffset(verneed, 16, loads, "DT_VERNEED");
            readVersionNeeds(reader, offset, verneednum, strings, versions);
        }
        return new Dynamic(List.copyOf(new LinkedHashSet<>(neededNames)), soname < 0 ? null : string(strings, soname),
                paths(rpath, strings), paths(runpath, strings), List.copyOf(versions));
    }

    /** The file offset of a virtual address, through the PT_LOAD segment that holds it. */
    private static long fileOffset(long vaddr, long length, List<Segment> loads, String what)
            throws MalformedBinaryException {
        for (Segment load : loads) {
            if (vaddr >= load.vaddr() && vaddr - load.vaddr() < load.filesz()) {
                long offset = load.offset() + (vaddr - load.vaddr());
                if (offset >= 0) {
                    return offset;
                }
            }
        }
        throw new MalformedBinaryException(what + " points outside every loaded segment");
    }

    private static List<String> paths(List<Long> offsets, byte[] strings) throws MalformedBinaryException {
        List<String> paths = new ArrayList<>();
        for (long offset : offsets) {
            for (String path : string(strings, offset).split(":")) {
                if (!path.isEmpty()) {
                    paths.add(path);
                }
            }
        }
        return List.copyOf(paths);
    }

    /**
     * Reads {@code Elf_Verneed} entries and their {@code Elf_Vernaux} entries, following their relative links
     * through small bounded reads; a loop or a link out of the file is malformed.
     */
    private static void readVersionNeeds(Reader reader, long start, long count, byte[] strings,
            List<VersionNeed> out) throws IOException, MalformedBinaryException {
        Set<Long> seen = new HashSet<>();
        long at = start;
        int total = 0;
        for (long n = 0; n < Math.min(count, MAX_ENTRIES); n++) {
            if (!seen.add(at)) {
                throw new MalformedBinaryException("the version-need entries loop");
            }
            ByteBuffer need = reader.read(at, 16, "a version-need entry");
            int auxCount = need.getShort(2) & 0xffff;
            String library = string(strings, need.getInt(4) & 0xffffffffL);
            long aux = at + (need.getInt(8) & 0xffffffffL);
            for (int i = 0; i < auxCount; i++) {
                if (++total > MAX_ENTRIES || !seen.add(aux)) {
                    throw new MalformedBinaryException("the version-need entries loop");
                }
                ByteBuffer entry = reader.read(aux, 16, "a version-need entry");
                out.add(new VersionNeed(library, string(strings, entry.getInt(8) & 0xffffffffL)));
                long next = entry.getInt(12) & 0xffffffffL;
                if (next == 0) {
                    break;
                }
                aux += next;
            }
            long next = need.getInt(12) & 0xffffffffL;
            if (next == 0) {
                break;
            }
            at += next;
        }
    }

    private record Section(int type, long offset, long size, int link, long info) {}

    /** For files without program headers: the same tables found through the section headers. */
    private static Dynamic fromSections(Reader reader, long shoff, int shentsize, int shnum)
            throws IOException, MalformedBinaryException {
        boolean is64 = reader.is64();
        int minEntry = is64 ? 64 : 40;
        if (shnum > MAX_HEADERS || shentsize < minEntry) {
            throw new MalformedBinaryException("section headers lie outside the file");
        }
        ByteBuffer sections = reader.read(shoff, (long) shnum * shentsize, "the section headers");
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
        List<String> rpath = new ArrayList<>();
        List<String> runpath = new ArrayList<>();
        String soname = null;
        List<VersionNeed> versions = new ArrayList<>();
        for (Section section : all) {
            if (section.type == SHT_DYNAMIC) {
                byte[] strings = strings(reader, all, section.link);
                ByteBuffer dynamic = reader.read(section.offset, section.size, "a section");
                int entry = is64 ? 16 : 8;
                for (int at = 0; at + entry <= dynamic.capacity() && at / entry < MAX_ENTRIES; at += entry) {
                    long tag = is64 ? dynamic.getLong(at) : dynamic.getInt(at);
                    long value = reader.word(dynamic, at + entry / 2);
                    if (tag == DT_NULL) {
                        break;
                    } else if (tag == DT_NEEDED) {
                        needed.add(string(strings, value));
                    } else if (tag == DT_SONAME) {
                        soname = string(strings, value);
                    } else if (tag == DT_RPATH || tag == DT_RUNPATH) {
                        for (String path : string(strings, value).split(":")) {
                            if (!path.isEmpty()) {
                                (tag == DT_RPATH ? rpath : runpath).add(path);
                            }
                        }
                    }
                }
            } else if (section.type == SHT_GNU_VERNEED) {
                byte[] strings = strings(reader, all, section.link);
                reader.read(section.offset, section.size, "a section");
                readVersionNeeds(reader, section.offset, section.info, strings, versions);
            }
        }
        return new Dynamic(List.copyOf(new LinkedHashSet<>(needed)), soname, List.copyOf(rpath), List.copyOf(runpath),
                List.copyOf(versions));
    }

    private static byte[] strings(Reader reader, List<Section> sections, int index)
            throws IOException, MalformedBinaryException {
        if (index < 0 || index >= sections.size() || sections.get(index).type != SHT_STRTAB) {
            throw new MalformedBinaryException("a section links to a missing string table");
        }
        Section section = sections.get(index);
        return reader.read(section.offset, section.size, "a section").array();
    }

    private static String string(byte[] table, long offset) throws MalformedBinaryException {
        if (offset < 0 || offset >= table.length) {
            throw new MalformedBinaryException("a name lies outside its string table");
        }
        return string(table, (int) offset, table.length - (int) offset);
    }

    private static String string(byte[] table, int offset, int max) {
        int end = offset;
        while (end < offset + max && end < table.length && table[end] != 0) {
            end++;
        }
        return new String(table, offset, end - offset, StandardCharsets.UTF_8);
    }
}
