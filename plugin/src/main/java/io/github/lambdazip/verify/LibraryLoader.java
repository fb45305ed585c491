package io.github.lambdazip.verify;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.verify.binary.ElfFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the Linux loader (glibc's ld.so) finds a library an ELF file needs, on Lambda: the function's files are
 * under /var/task, a layer's under /opt. The order is the loader's: the object's {@code DT_RPATH} and then its
 * loaders' (only when the object has no {@code DT_RUNPATH}), {@code LD_LIBRARY_PATH}, the object's
 * {@code DT_RUNPATH}, then the OS's own folders. A library merely beside the module, or in a {@code *.libs/}
 * folder, is found only when one of these points there: that is what auditwheel's {@code $ORIGIN/../pkg.libs}
 * RPATH is for.
 */
final class LibraryLoader {

    /** The folders that hold the OS's libraries; /var/lang/lib holds the runtime's own (libpython). */
    private static final Set<String> SYSTEM_FOLDERS = Set.of("/lib64", "/usr/lib64", "/lib", "/usr/lib");

    /** How a needed library resolves. {@code path} is the absolute path for a shipped one. */
    record Resolution(Kind kind, String path, String reason) {
        static final Resolution SYSTEM = new Resolution(Kind.SYSTEM, null, null);
        static final Resolution MISSING = new Resolution(Kind.MISSING, null, null);

        boolean found() {
            return kind == Kind.SHIPPED || kind == Kind.SYSTEM;
        }
    }

    enum Kind {
        SHIPPED, SYSTEM, UNCERTAIN, MISSING
    }

    private final SystemLibraries system;
    private final Architecture architecture;
    /** Every file of the package and its layers, by absolute path on Lambda. */
    private final Map<String, String> files = new HashMap<>();

    /**
     * @param root where the package is unpacked: /var/task for a function, /opt for a layer
     */
    LibraryLoader(SystemLibraries system, Architecture architecture, String root, Collection<String> names,
            List<? extends Collection<String>> layers) {
        this.system = system;
        this.architecture = architecture;
        for (String name : names) {
            files.put(root + "/" + name, name);
        }
        for (Collection<String> layer : layers) {
            for (String name : layer) {
                files.putIfAbsent("/opt/" + name, "layer:" + name);
            }
        }
    }

    /** The package entry (or "layer:" entry) at an absolute path, or null. */
    String entry(String path) {
        return files.get(path);
    }

    /**
     * Finds {@code library} for an object at {@code objectPath}, with the {@code DT_RPATH} folders its loaders
     * pass down ({@code inherited}, already expanded).
     */
    Resolution resolve(String library, String objectPath, ElfFile object, List<String> inherited) {
        if (library.contains("/")) {
            String path = normalize(library.startsWith("/") ? library : "/var/task/" + library);
            return path != null && files.containsKey(path) ? new Resolution(Kind.SHIPPED, path, null) : Resolution.MISSING;
        }
        List<String> folders = new ArrayList<>();
        if (object.runpath().isEmpty()) {
            folders.addAll(expand(object.rpath(), objectPath));
            folders.addAll(inherited);
        }
        folders.addAll(SystemLibraries.LD_LIBRARY_PATH);
        folders.addAll(expand(object.runpath(), objectPath));
        folders.addAll(SYSTEM_FOLDERS);
        for (String folder : folders) {
            if (SYSTEM_FOLDERS.contains(folder)) {
                if (system.provides(library)) {
                    return Resolution.SYSTEM;
                }
                continue;
            }
            if (folder.equals("/var/lang/lib") && library.startsWith("libpython3")) {
                return Resolution.SYSTEM;
            }
            String path = normalize(folder + "/" + library);
            if (path != null && files.containsKey(path)) {
                return new Resolution(Kind.SHIPPED, path, null);
            }
        }
        String uncertainty = system.uncertainty(library);
        return uncertainty != null ? new Resolution(Kind.UNCERTAIN, null, uncertainty) : Resolution.MISSING;
    }

    /** Search-path entries with $ORIGIN, $LIB and $PLATFORM expanded; relative ones are relative to /var/task. */
    List<String> expand(List<String> entries, String objectPath) {
        String origin = objectPath.substring(0, objectPath.lastIndexOf('/'));
        List<String> out = new ArrayList<>();
        for (String entry : entries) {
            String expanded = entry.replace("${ORIGIN}", origin).replace("$ORIGIN", origin)
                    .replace("${LIB}", "lib64").replace("$LIB", "lib64")
                    .replace("${PLATFORM}", architecture.machine()).replace("$PLATFORM", architecture.machine());
            if (!expanded.startsWith("/")) {
                expanded = "/var/task/" + expanded;
            }
            String normalized = normalize(expanded);
            if (normalized != null) {
                out.add(normalized);
            }
        }
        return out;
    }

    /** Every shipped file whose name is {@code library}, wherever it is (a library the loader may not look for there). */
    List<String> shippedAnywhere(String library) {
        List<String> found = new ArrayList<>();
        for (String path : files.keySet()) {
            if (path.endsWith("/" + library)) {
                found.add(path);
            }
        }
        found.sort(null);
        return found;
    }

    static String normalize(String path) {
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
        return "/" + String.join("/", parts);
    }
}
