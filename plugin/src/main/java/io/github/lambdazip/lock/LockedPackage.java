package io.github.lambdazip.lock;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * One package of a resolved set.
 *
 * @param name the normalised (PEP 503) name
 * @param version the locked version, or null for an unpinned dependency (a {@code pyproject.toml} without lock,
 *     or a local or VCS entry whose lock records no version)
 * @param hashes the hashes the lock records for its files, {@code sha256:<hex>} (or sha384/sha512), sorted
 * @param source where it is installed from
 * @param origin the dependency file it came from, e.g. {@code uv.lock}
 * @param requirement for an unpinned index dependency, what pip resolves: {@code name[extras]specifier}; else null
 */
public record LockedPackage(String name, String version, List<String> hashes, PackageSource source, String origin,
        String requirement) {

    public LockedPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
        hashes = List.copyOf(new TreeSet<>(hashes));
    }

    /** A package pinned to a version, or a local/URL/VCS entry (version may be null there). */
    public static LockedPackage locked(String name, String version, List<String> hashes, PackageSource source,
            String origin) {
        return new LockedPackage(name, version, hashes, source, origin, null);
    }

    /** An unpinned index dependency pip resolves at install time, e.g. {@code requests[socks]>=2}. */
    public static LockedPackage unpinned(String name, String requirement, String origin) {
        return new LockedPackage(name, null, List.of(), PackageSource.index(null), origin, requirement);
    }

    /** Whether the version is fixed: a version is locked, or the source itself is immutable (URL with hash, VCS commit). */
    public boolean pinned() {
        return requirement == null;
    }

    /**
     * The line pip reads for this package: {@code name==version --hash=...} from an index, {@code name @ url},
     * {@code name @ git+url@commit}, or a local path ({@code ./lib}; through {@code localPath} when the path differs
     * inside the build container). Editable entries are installed as plain paths: a zip cannot link back.
     */
    public String pipLine(UnaryOperator<String> localPath) {
        StringBuilder line = new StringBuilder();
        switch (source.kind()) {
            case INDEX -> line.append(requirement != null ? requirement : name + "==" + version);
            case URL, VCS -> line.append(name).append(" @ ").append(source.location());
            case PATH, EDITABLE -> line.append(pathArgument(localPath.apply(source.location())));
        }
        for (String hash : hashes) {
            line.append(" --hash=").append(hash);
        }
        return line.toString();
    }

    /** pip reads an argument as a path only when it looks like one. */
    private static String pathArgument(String path) {
        return path.startsWith("/") || path.startsWith("./") || path.startsWith("../") ? path : "./" + path;
    }

    /** The line logged before installing: {@code name==version (from uv.lock)}. */
    @Override
    public String toString() {
        String what = requirement != null ? requirement
                : version != null ? name + "==" + version : name + " @ " + source.location();
        return what + " (from " + origin + ")";
    }
}
