package io.github.lambdazip.verify;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.GlibcVersion;
import io.github.lambdazip.verify.binary.BinaryKind;
import io.github.lambdazip.verify.binary.ByteSource;
import io.github.lambdazip.verify.binary.ElfFile;
import io.github.lambdazip.verify.binary.MalformedBinaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Native code that would not load on the target Lambda: built for Windows or macOS, for another CPU, for another
 * CPython, against a newer glibc, or linked to a library that is neither shipped nor provided by the runtime.
 */
public final class NativeCheck {

    private static final Pattern CPYTHON_SUFFIX = Pattern.compile("\\.cpython-3(\\d+)[a-z]*-([^/]+)\\.so$");
    private static final Pattern GLIBC = Pattern.compile("GLIBC_(\\d+)\\.(\\d+)(?:\\.\\d+)?");

    private final VerificationTarget target;

    public NativeCheck(VerificationTarget target) {
        this.target = target;
    }

    public List<Finding> check(PackageContents contents, List<PackageContents> layers) throws IOException {
        List<Finding> findings = new ArrayList<>();
        // Built on the first ELF file: most packages have none, and the set holds every name.
        Set<String> available = null;
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
            checkAbiTag(name, findings);
            ByteSource bytes = contents.bytes(name);
            BinaryKind kind = BinaryKind.of(bytes.read(0, 8));
            switch (kind) {
                case PE -> findings.add(platform(name, "Windows"));
                case MACH_O -> findings.add(platform(name, "macOS"));
                case ELF -> {
                    if (available == null) {
                        available = availableLibraries(contents, layers);
                    }
                    checkElf(name, bytes, available, findings);
                }
                default -> { }
            }
        }
        return findings;
    }

    private static boolean isNativeCandidate(String lower) {
        return lower.endsWith(".so") || lower.contains(".so.") || lower.endsWith(".pyd") || lower.endsWith(".dll")
                || lower.endsWith(".dylib") || lower.contains(".libs/");
    }

    private Finding platform(String name, String os) {
        return Finding.error(Rule.NATIVE_PLATFORM, name,
                "a native module built for " + os + "; Lambda runs Linux, so importing it fails with "
                        + "Runtime.ImportModuleError",
                "install dependencies for Linux: give the function <requirements> so they are installed in a Linux "
                        + "container, instead of copying packages installed on " + os);
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

    private void checkElf(String name, ByteSource bytes, Set<String> available, List<Finding> findings)
            throws IOException {
        ElfFile elf;
        try {
            elf = ElfFile.parse(bytes);
        } catch (MalformedBinaryException e) {
            findings.add(Finding.error(Rule.NATIVE_PLATFORM, name, "a damaged ELF file (" + e.getMessage()
                    + "); the loader would reject it", "rebuild or reinstall the package that ships it"));
            return;
        }
        Architecture architecture = target.architecture();
        if (elf.machine() != architecture.elfMachine()) {
            findings.add(Finding.error(Rule.NATIVE_ARCH, name,
                    "an ELF file for " + ElfFile.machineName(elf.machine()) + " in an " + architecture.id()
                            + " package; Lambda fails to load it (invalid ELF header / wrong architecture)",
                    "install dependencies for " + architecture.dockerPlatform() + " (set <architecture> to the "
                            + "function's real architecture so the container matches it)"));
        }
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
                            + "whose glibc is at most " + ceiling));
        }
        String folder = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
        for (String library : elf.needed()) {
            if (!SystemLibraries.provides(library) && !resolves(library, folder, elf.searchPaths(), available)) {
                findings.add(Finding.error(Rule.NATIVE_LIB_MISSING, name,
                        "needs " + library + ", which is neither in the package or its layers nor part of the Lambda "
                                + "runtime; Lambda fails with \"" + library + ": cannot open shared object file\"",
                        "use a manylinux wheel that bundles its libraries (auditwheel puts them in a *.libs/ folder), "
                                + "or ship " + library + " in the zip's lib/ folder or a layer's lib/ folder"));
            }
        }
    }

    private static boolean resolves(String library, String folder, List<String> searchPaths, Set<String> available) {
        if (available.contains(folder + library) || available.contains(library) || available.contains("lib/" + library)
                || available.contains("*.libs/" + library)) {
            return true;
        }
        for (String path : searchPaths) {
            if (path.startsWith("$ORIGIN")) {
                String resolved = normalize(folder + path.substring("$ORIGIN".length()).replaceFirst("^/", "") + "/" + library);
                if (resolved != null && available.contains(resolved)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Every place the loader may find a library: the package's files by full name, the zip root and lib/ (on
     * Lambda's LD_LIBRARY_PATH as /var/task and /var/task/lib), layers' lib/ (/opt/lib), and vendored
     * {@code *.libs/} folders under a common key.
     */
    private static Set<String> availableLibraries(PackageContents contents, List<PackageContents> layers) {
        Set<String> available = new HashSet<>(contents.names());
        for (String name : contents.names()) {
            int slash = name.lastIndexOf('/');
            String folder = slash < 0 ? "" : name.substring(0, slash);
            if (folder.endsWith(".libs")) {
                available.add("*.libs/" + name.substring(slash + 1));
            }
        }
        for (PackageContents layer : layers) {
            for (String name : layer.names()) {
                if (name.startsWith("lib/")) {
                    available.add(name);
                } else if (name.contains(".libs/")) {
                    available.add("*.libs/" + name.substring(name.lastIndexOf('/') + 1));
                }
            }
        }
        return available;
    }

    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
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
