package io.github.lambdazip.lock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The packages one dependency file gives for one Lambda environment, sorted by name, with what the installer needs
 * to know: whether the set is {@link #locked()} (pip must not resolve further: {@code --no-deps}) and whether
 * {@link #hashesComplete()} (every package has a hash: {@code --require-hashes}).
 *
 * @param file the dependency file read
 * @param kind its kind
 * @param packages the packages to install, sorted by name, one per name
 * @param locked whether the file is a lock, listing the whole closure at exact versions
 * @param warnings what threatens reproducibility (an unlocked pyproject, a stale lock, packages without hashes)
 */
public record ResolvedDependencies(Path file, DependencyFileKind kind, List<LockedPackage> packages, boolean locked,
        List<String> warnings) {

    public ResolvedDependencies {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        List<LockedPackage> sorted = new ArrayList<>(packages);
        sorted.sort(Comparator.comparing(LockedPackage::name));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new IllegalArgumentException("two entries for " + sorted.get(i).name());
            }
        }
        packages = List.copyOf(sorted);
        warnings = List.copyOf(warnings);
    }

    /**
     * Whether every package carries at least one hash, so pip can run with {@code --require-hashes}. False for an
     * empty set, for unpinned dependencies and for local directories and VCS checkouts, which have no file hash.
     */
    public boolean hashesComplete() {
        return !packages.isEmpty() && packages.stream().allMatch(p -> !p.hashes().isEmpty());
    }

    /** The packages built from this machine's folders or files, which must be sent into the build container. */
    public List<LockedPackage> localPackages() {
        return packages.stream().filter(p -> p.source().isLocal()).toList();
    }

    /** The pinned requirements file pip reads, local paths as written (relative to the dependency file's folder). */
    public String pipRequirements() {
        return pipRequirements(UnaryOperator.identity());
    }

    /**
     * The pinned requirements file pip reads: one line per package, in name order, each with its
     * {@code --hash} options; {@code localPath} maps a local location (relative to the dependency file's folder)
     * to the path pip sees inside the container.
     */
    public String pipRequirements(UnaryOperator<String> localPath) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(kind.describe(file)).append(locked ? ", resolved" : ", not locked").append('\n');
        for (LockedPackage p : packages) {
            out.append(p.pipLine(localPath)).append('\n');
        }
        return out.toString();
    }
}
