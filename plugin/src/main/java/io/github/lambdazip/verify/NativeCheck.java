package io.github.lambdazip.verify;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.GlibcVersion;
import io.github.lambdazip.verify.binary.BinaryKind;
import io.github.lambdazip.verify.binary.ByteSource;
import io.github.lambdazip.verify.binary.ElfFile;
import io.github.lambdazip.verify.binary.MalformedBinaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Native code that would not load on the target Lambda: built for Windows, macOS, another Unix, musl or Android,
 * for another CPU, for another CPython, against a newer glibc or libstdc++, or linked to a library the Linux
 * loader would not find (see {@link LibraryLoader}).
 */
public final class NativeCheck {

    private static final Pattern CPYTHON_SUFFIX = Pattern.compile("\\.cpython-3(\\d+)[a-z]*-([^/]+)\\.so$");
    private static final Pattern GLIBC = Pattern.compile("GLIBC_(\\d+)\\.(\\d+)(?:\\.\\d+)?");
    private static final Pattern GLIBCXX = Pattern.compile("GLIBCXX_3\\.4(?:\\.(\\d+))?");
    private static final Pattern CXXABI = Pattern.compile("CXXABI_1\\.3(?:\\.(\\d+))?");
    private static final Pattern OPENBSD_LIBC = Pattern.compile("libc\\.so\\.\\d+\\.\\d+");
    /** ELF note owners that only other systems' toolchains write. */
    private static final Set<String> FOREIGN_NOTES = Set.of("FreeBSD", "OpenBSD", "NetBSD", "DragonFly", "Android");
    private static final Pattern CTYPES_LOAD = Pattern.compile("\\b(CDLL|LoadLibrary|PyDLL|dlopen)\\s*\\(");
    /** At most this many ELF files are followed through their dependencies; beyond it each is judged alone. */
    private static final int MAX_CONTEXTS = 20_000;

    private final VerificationTarget target;
    private final SystemLibraries system;

    public NativeCheck(VerificationTarget target) {
        this.target = target;
        this.system = SystemLibraries.of(target.runtime());
    }

    /** Checks a function's package (unpacked in /var/task) with its layers (in /opt). */
    public List<Finding> check(PackageContents contents, List<PackageContents> layers) throws IOException {
        return check(contents, layers, false);
    }

    /**
     * @param layer whether {@code contents} is itself a layer (unpacked in /opt) rather than a function
     */
    public List<Finding> check(PackageContents contents, List<PackageContents> layers, boolean layer)
            throws IOException {
        List<Finding> findings = new ArrayList<>();
        Map<String, ElfFile> elves = new LinkedHashMap<>();
        for (String name : contents.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".dist-info/wheel")) {
                checkWheelTags(contents, name, findings);
                continue;
            }
            if (!isNativeCandidate(lower)) {
                continue;
            }
            if (lower.endsWith(".pyd") || lower.endsWith(".dll") || lower.endsWith(".dylib")) {
                findings.add(platform(name, lower.endsWith(".dylib") ? "macOS" : "Windows"));
                continue;
            }
            ByteSource bytes = contents.bytes(name);
            BinaryKind kind = BinaryKind.of(bytes.read(0, 8));
            switch (kind) {
                case PE -> findings.add(platform(name, "Windows"));
                case MACH_O -> findings.add(platform(name, "macOS"));
                case ELF -> {
                    ElfFile elf = parse(name, bytes, findings);
                    if (elf != null && firstChecks(name, elf, findings)) {
                        elves.put(name, elf);
                    }
                }
                default -> checkAbiTag(name, findings);
            }
        }
        if (!elves.isEmpty()) {
            List<Collection<String>> layerNames = new ArrayList<>();
            for (PackageContents each : layers) {
                layerNames.add(each.names());
            }
            String root = layer ? "/opt" : "/var/task";
            LibraryLoader loader = new LibraryLoader(system, target.architecture(), root, contents.names(), layerNames);
            new Libraries(loader, root, elves, contents).check(findings);
        }
        return findings;
    }

    private static boolean isNativeCandidate(String lower) {
        return lower.endsWith(".so") || lower.contains(".so.") || lower.endsWith(".pyd") || lower.endsWith(".dll")
                || lower.endsWith(".dylib") || lower.contains(".libs/");
    }

    private static ElfFile parse(String name, ByteSource bytes, List<Finding> findings) throws IOException {
        try {
            return ElfFile.parse(bytes);
        } catch (MalformedBinaryException e) {
            findings.add(Finding.error(Rule.NATIVE_PLATFORM, name, "a damaged ELF file (" + e.getMessage()
                    + "); the loader would reject it", "rebuild or reinstall the package that ships it"));
            return null;
        }
    }

    private Finding platform(String name, String os) {
        return Finding.error(Rule.NATIVE_PLATFORM, name,
                "a native module built for " + os + "; Lambda runs Linux, so importing it fails with "
                        + "Runtime.ImportModuleError",
                "install dependencies for Linux: give the function <requirements> so they are installed in a Linux "
                        + "container, instead of copying packages installed on " + os);
    }

    private static Finding musl(String name, String evidence) {
        return Finding.error(Rule.NATIVE_PLATFORM, name,
                "built against musl libc (" + evidence + "), as on Alpine Linux or from a musllinux wheel; Lambda's "
                        + "Python runtimes use glibc and have no musl loader, so importing it fails (e.g. "
                        + "\"libc.musl-x86_64.so.1: cannot open shared object file\")",
                "install manylinux wheels, not musllinux ones (pip install --platform manylinux2014_x86_64 "
                        + "--only-binary=:all:, or give the function <requirements> so the plugin installs them), and "
                        + "build native code in a glibc-based image such as the Lambda build image, never in Alpine; "
                        + "shipping a musl libc does not help");
    }

    /** Platform, CPU and CPython checks; false when the file is for another system, so nothing else applies. */
    private boolean firstChecks(String name, ElfFile elf, List<Finding> findings) {
        Finding foreign = foreignSystem(name, elf);
        if (foreign != null) {
            findings.add(foreign);
            return false;
        }
        checkAbiTag(name, findings);
        Architecture architecture = target.architecture();
        if (elf.machine() != architecture.elfMachine()) {
            findings.add(Finding.error(Rule.NATIVE_ARCH, name,
                    "an ELF file for " + ElfFile.machineName(elf.machine()) + " in an " + architecture.id()
                            + " package; Lambda fails to load it (invalid ELF header / wrong architecture)",
                    "install dependencies for " + architecture.dockerPlatform() + " (set <architecture> to the "
                            + "function's real architecture so the container matches it)"));
            return false;
        }
        checkGlibc(name, elf, findings);
        return true;
    }

    /** An ELF file for a system other than glibc Linux: its OS ABI, notes, interpreter, libc or name say so. */
    private Finding foreignSystem(String name, ElfFile elf) {
        String interpreter = elf.interpreter() == null ? "" : elf.interpreter();
        List<String> needed = elf.needed();
        if (name.contains("-linux-musl")) {
            return musl(name, "its file name carries the tag '" + tagOf(name) + "'");
        }
        if (interpreter.contains("ld-musl")) {
            return musl(name, "its interpreter is " + interpreter);
        }
        for (String library : needed) {
            if (library.startsWith("libc.musl-") || library.startsWith("ld-musl-")) {
                return musl(name, "it needs " + library);
            }
        }
        String os = null;
        String evidence = null;
        if (elf.osAbi() != ElfFile.OSABI_SYSV && elf.osAbi() != ElfFile.OSABI_GNU) {
            os = ElfFile.osAbiName(elf.osAbi());
            evidence = "its ELF header's EI_OSABI is " + elf.osAbi();
        } else if (elf.noteOwners().stream().anyMatch(FOREIGN_NOTES::contains)) {
            os = elf.noteOwners().stream().filter(FOREIGN_NOTES::contains).findFirst().orElseThrow();
            evidence = "it carries a " + os + " ELF note";
        } else if (interpreter.equals("/libexec/ld-elf.so.1")) {
            os = "FreeBSD";
            evidence = "its interpreter is " + interpreter;
        } else if (interpreter.startsWith("/system/bin/linker")) {
            os = "Android";
            evidence = "its interpreter is " + interpreter;
        } else {
            for (String library : needed) {
                String system = switch (library) {
                    case "libc.so.7", "libthr.so.3" -> "FreeBSD";
                    case "libc.so.8" -> "DragonFly BSD";
                    case "libc.so.12" -> "NetBSD";
                    case "libc.so.1" -> "Solaris or illumos";
                    case "liblog.so", "libandroid.so" -> "Android";
                    default -> OPENBSD_LIBC.matcher(library).matches() ? "OpenBSD" : null;
                };
                if (system != null) {
                    os = system;
                    evidence = "it needs " + library + ", that system's C library";
                    break;
                }
                if (library.equals("libc.so")) {
                    return musl(name, "it needs an unversioned libc.so, as musl and Android's bionic name it; glibc's "
                            + "is libc.so.6");
                }
            }
        }
        if (os == null) {
            return null;
        }
        return Finding.error(Rule.NATIVE_PLATFORM, name,
                "a native library built for " + os + " (" + evidence + "); Lambda runs Linux with glibc, whose loader "
                        + "rejects it or cannot find its C library",
                "install the package's Linux build (a manylinux wheel) for " + target.architecture().dockerPlatform()
                        + ": give the function <requirements> so it is installed in a Linux container; shipping "
                        + os + "'s system libraries does not help");
    }

    private static String tagOf(String name) {
        Matcher matcher = CPYTHON_SUFFIX.matcher(name);
        return matcher.find() ? matcher.group(2) : name.substring(name.lastIndexOf('/') + 1);
    }

    private void checkAbiTag(String name, List<Finding> findings) {
        Matcher matcher = CPYTHON_SUFFIX.matcher(name);
        if (!matcher.find()) {
            return;
        }
        String python = "3." + matcher.group(1);
        if (!python.equals(target.runtime().pythonVersion())) {
            findings.add(Finding.error(Rule.NATIVE_ABI, name,
                    "an extension module for CPython " + python + " in a " + target.runtime().id()
                            + " package; Python " + target.runtime().pythonVersion() + " will not import it",
                    "install the dependencies for " + target.runtime().id() + " (the build image's Python must be "
                            + target.runtime().pythonVersion() + "), or set <runtime>python" + python + "</runtime>"));
        }
    }

    private void checkGlibc(String name, ElfFile elf, List<Finding> findings) {
        GlibcVersion newest = null;
        String symbol = null;
        for (ElfFile.VersionNeed need : elf.versionNeeds()) {
            Matcher matcher = GLIBC.matcher(need.version());
            if (matcher.matches()) {
                GlibcVersion version = new GlibcVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
                if (newest == null || version.compareTo(newest) > 0) {
                    newest = version;
                    symbol = need.version();
                }
            }
        }
        GlibcVersion ceiling = target.runtime().glibc();
        if (newest != null && newest.compareTo(ceiling) > 0) {
            findings.add(Finding.error(Rule.NATIVE_GLIBC, name,
                    "needs " + symbol + " but " + target.runtime().id() + " has glibc " + ceiling
                            + "; Lambda fails with \"version `" + symbol + "' not found\"",
                    "install a wheel built for manylinux_" + ceiling.major() + "_" + ceiling.minor()
                            + " or older (the plugin's installs enforce this), or build it from source in an image "
                            + "whose glibc is at most " + ceiling + ", such as AWS's SAM build image <image>"
                            + "public.ecr.aws/sam/build-" + target.runtime().id() + ":latest-"
                            + target.architecture().id() + "</image>"));
        }
    }

    /**
     * The library checks, which need every ELF file at once: a library shipped in a {@code *.libs/} folder is
     * often found only through the RPATH of the extension module that loads it (RPATH, unlike RUNPATH, is passed
     * down to what an object loads), so each file is judged in every way it can be loaded: on its own and as a
     * dependency of each shipped file that needs it. A library counts as found when any of these finds it.
     */
    private final class Libraries {
        private final LibraryLoader loader;
        private final String root;
        private final Map<String, ElfFile> elves;
        private final PackageContents contents;
        /** For each file and needed library, the best resolution over all the ways the file is loaded. */
        private final Map<String, Map<String, LibraryLoader.Resolution>> best = new HashMap<>();
        /** Absolute paths of shipped libraries that some file's loading finds. */
        private final Map<String, String> foundBy = new HashMap<>();

        Libraries(LibraryLoader loader, String root, Map<String, ElfFile> elves, PackageContents contents) {
            this.loader = loader;
            this.root = root;
            this.elves = elves;
            this.contents = contents;
        }

        void check(List<Finding> findings) throws IOException {
            Set<String> seen = new HashSet<>();
            Deque<Context> work = new ArrayDeque<>();
            for (String name : elves.keySet()) {
                work.add(new Context(name, List.of()));
            }
            while (!work.isEmpty() && seen.size() < MAX_CONTEXTS) {
                Context context = work.removeFirst();
                if (!seen.add(context.name() + "\u0000" + context.inherited())) {
                    continue;
                }
                ElfFile elf = elves.get(context.name());
                String path = root + "/" + context.name();
                List<String> passedDown = new ArrayList<>();
                if (elf.runpath().isEmpty()) {
                    passedDown.addAll(loader.expand(elf.rpath(), path));
                }
                passedDown.addAll(context.inherited());
                for (String library : elf.needed()) {
                    LibraryLoader.Resolution resolution = loader.resolve(library, path, elf, context.inherited());
                    best.computeIfAbsent(context.name(), k -> new LinkedHashMap<>()).merge(library, resolution,
                            NativeCheck::better);
                    if (resolution.kind() == LibraryLoader.Kind.SHIPPED) {
                        foundBy.putIfAbsent(resolution.path(), context.name());
                        String entry = loader.entry(resolution.path());
                        if (entry != null && elves.containsKey(entry)) {
                            work.add(new Context(entry, List.copyOf(new java.util.LinkedHashSet<>(passedDown))));
                        }
                    }
                }
            }
            for (Map.Entry<String, ElfFile> each : elves.entrySet()) {
                Map<String, LibraryLoader.Resolution> resolved = best.getOrDefault(each.getKey(), Map.of());
                for (String library : each.getValue().needed()) {
                    report(each.getKey(), library, resolved.get(library), findings);
                }
                checkLibstdcxx(each.getKey(), each.getValue(), resolved.get("libstdc++.so.6"), findings);
            }
        }

        private void report(String name, String library, LibraryLoader.Resolution resolution, List<Finding> findings)
                throws IOException {
            if (resolution == null || resolution.found()) {
                return;
            }
            String runtime = target.runtime().id() + " (" + system.osName() + ")";
            if (resolution.kind() == LibraryLoader.Kind.UNCERTAIN) {
                findings.add(Finding.warning(Rule.NATIVE_LIB_MISSING, name,
                        "needs " + library + ", which is not in the package and may be missing on " + runtime + ": "
                                + resolution.reason() + "; if it is, Lambda fails with \"" + library
                                + ": cannot open shared object file\"",
                        "ship " + library + " in the zip's lib/ folder or a layer's lib/ folder, or check it with "
                                + "-Dlambdazip.importCheck=true and the runtime's image"));
                return;
            }
            List<String> elsewhere = loader.shippedAnywhere(library);
            if (elsewhere.isEmpty()) {
                findings.add(Finding.error(Rule.NATIVE_LIB_MISSING, name,
                        "needs " + library + ", which is neither in the package or its layers nor part of the " + runtime
                                + " runtime; Lambda fails with \"" + library + ": cannot open shared object file\"",
                        "use a manylinux wheel that bundles its libraries (auditwheel puts them in a *.libs/ folder), "
                                + "or ship " + library + " in the zip's lib/ folder or a layer's lib/ folder"));
                return;
            }
            String shipped = elsewhere.get(0);
            String where = display(shipped);
            String loadedFirst = foundBy.get(shipped);
            if (loadedFirst == null) {
                for (String path : elsewhere) {
                    loadedFirst = loadedFirst == null ? foundBy.get(path) : loadedFirst;
                }
            }
            String problem = "needs " + library + ", which the package has at " + where + ", but the loader does not "
                    + "look there: " + name + " has no RPATH/RUNPATH that points to that folder and it is not on "
                    + "Lambda's LD_LIBRARY_PATH (" + String.join(":", SystemLibraries.LD_LIBRARY_PATH) + ")";
            String fix = "point the module's RUNPATH at the folder (patchelf --set-rpath '$ORIGIN/"
                    + relative(root + "/" + name, shipped) + "' " + name + "; auditwheel repair does this), or move "
                    + library + " to the zip's lib/ folder (/var/task/lib)";
            if (loadedFirst != null) {
                findings.add(Finding.warning(Rule.NATIVE_LIB_MISSING, name, problem + "; it works only if "
                        + loadedFirst + " is loaded first (the loader reuses a library already loaded under that name)",
                        fix));
            } else if (preloadsWithCtypes(name)) {
                findings.add(Finding.warning(Rule.NATIVE_LIB_MISSING, name, problem + "; the package's Python code "
                        + "loads libraries with ctypes, which may load it first", fix));
            } else {
                findings.add(Finding.error(Rule.NATIVE_LIB_MISSING, name, problem + "; Lambda fails with \"" + library
                        + ": cannot open shared object file\"", fix));
            }
        }

        private void checkLibstdcxx(String name, ElfFile elf, LibraryLoader.Resolution libstdcxx,
                List<Finding> findings) {
            int glibcxx = -1;
            int cxxabi = -1;
            String glibcxxSymbol = null;
            String cxxabiSymbol = null;
            for (ElfFile.VersionNeed need : elf.versionNeeds()) {
                Matcher g = GLIBCXX.matcher(need.version());
                Matcher c = CXXABI.matcher(need.version());
                if (g.matches()) {
                    int minor = g.group(1) == null ? 0 : Integer.parseInt(g.group(1));
                    if (minor > glibcxx) {
                        glibcxx = minor;
                        glibcxxSymbol = need.version();
                    }
                } else if (c.matches()) {
                    int minor = c.group(1) == null ? 0 : Integer.parseInt(c.group(1));
                    if (minor > cxxabi) {
                        cxxabi = minor;
                        cxxabiSymbol = need.version();
                    }
                }
            }
            List<String> tooNew = new ArrayList<>();
            if (glibcxx > system.glibcxxMinor()) {
                tooNew.add(glibcxxSymbol);
            }
            if (cxxabi > system.cxxabiMinor()) {
                tooNew.add(cxxabiSymbol);
            }
            if (tooNew.isEmpty() || (libstdcxx != null && libstdcxx.kind() == LibraryLoader.Kind.SHIPPED)) {
                return;
            }
            String symbols = String.join(" and ", tooNew);
            findings.add(Finding.error(Rule.NATIVE_GLIBCXX, name,
                    "needs " + symbols + " from libstdc++, but " + target.runtime().id() + " runs on "
                            + system.osName() + ", whose libstdc++ (" + system.libstdcxxOrigin() + ") has at most "
                            + "GLIBCXX_3.4." + system.glibcxxMinor() + " and CXXABI_1.3." + system.cxxabiMinor()
                            + "; Lambda fails with \"version `" + tooNew.get(0) + "' not found\"",
                    "install a manylinux wheel (built with the old-ABI toolchains manylinux images use), or build it "
                            + "with a GCC no newer than the runtime's, or link libstdc++ statically "
                            + "(-static-libstdc++), or ship a newer libstdc++.so.6 and point the module's DT_RPATH at it "
                            + "(patchelf --force-rpath --set-rpath; in lib/ or through a DT_RUNPATH it is not used, "
                            + "since Lambda's LD_LIBRARY_PATH, searched first, starts with /lib64)"));
        }

        /** Whether Python code in the same top-level package loads shared libraries itself (ctypes.CDLL and the like). */
        private boolean preloadsWithCtypes(String name) throws IOException {
            int slash = name.indexOf('/');
            String top = slash < 0 ? "" : name.substring(0, slash + 1);
            int read = 0;
            for (String file : contents.names()) {
                if (!file.startsWith(top) || !file.endsWith(".py") || (top.isEmpty() && file.contains("/"))) {
                    continue;
                }
                if (++read > 2000 || contents.size(file) > 1024 * 1024) {
                    continue;
                }
                String source = new String(contents.read(file), StandardCharsets.UTF_8);
                if (source.contains("ctypes") && CTYPES_LOAD.matcher(source).find()) {
                    return true;
                }
            }
            return false;
        }

        private String display(String path) {
            String entry = loader.entry(path);
            return entry == null ? path : entry.startsWith("layer:") ? "a layer's " + entry.substring(6) : entry;
        }
    }

    private record Context(String name, List<String> inherited) {}

    /** The better of two resolutions of one library: found beats uncertain beats missing. */
    private static LibraryLoader.Resolution better(LibraryLoader.Resolution a, LibraryLoader.Resolution b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(LibraryLoader.Resolution resolution) {
        return switch (resolution.kind()) {
            case SHIPPED, SYSTEM -> 2;
            case UNCERTAIN -> 1;
            case MISSING -> 0;
        };
    }

    /** The path of {@code target}'s folder relative to {@code object}'s folder, for an $ORIGIN RUNPATH. */
    private static String relative(String object, String target) {
        String[] from = object.substring(1, object.lastIndexOf('/')).split("/");
        String[] to = target.substring(1, target.lastIndexOf('/')).split("/");
        int common = 0;
        while (common < from.length && common < to.length && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder out = new StringBuilder();
        for (int i = common; i < from.length; i++) {
            out.append("../");
        }
        for (int i = common; i < to.length; i++) {
            out.append(to[i]).append('/');
        }
        return out.length() == 0 ? "." : out.substring(0, out.length() - 1);
    }

    private void checkWheelTags(PackageContents contents, String name, List<Finding> findings) throws IOException {
        if (contents.size(name) > 64 * 1024) {
            return;
        }
        for (String line : new String(contents.read(name), StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("Tag:")) {
                continue;
            }
            String tag = line.substring(4).trim();
            if (tag.contains("-win") || tag.contains("macosx")) {
                findings.add(Finding.error(Rule.NATIVE_PLATFORM, name,
                        "installed from a wheel for " + (tag.contains("macosx") ? "macOS" : "Windows") + " (" + tag + ")",
                        "install dependencies for Linux: give the function <requirements> so they are installed in a "
                                + "Linux container"));
                return;
            }
            if (tag.contains("musllinux")) {
                findings.add(musl(name, "installed from a musllinux wheel, " + tag));
                return;
            }
            String otherMachine = target.architecture() == Architecture.X86_64 ? "aarch64" : "x86_64";
            if (tag.contains("linux") && tag.endsWith("_" + otherMachine)) {
                findings.add(Finding.error(Rule.NATIVE_ARCH, name,
                        "installed from a wheel for " + otherMachine + " (" + tag + ") in an "
                                + target.architecture().id() + " package",
                        "install dependencies for " + target.architecture().dockerPlatform()));
                return;
            }
        }
    }
}
