package io.github.lambdazip.lock;

import java.util.Objects;

/**
 * Where one locked package comes from. {@code location} depends on the kind: the index URL for
 * {@link SourceKind#INDEX} (null for the default index), a {@code /}-separated path relative to the dependency
 * file's folder for {@link SourceKind#PATH} and {@link SourceKind#EDITABLE}, the URL for {@link SourceKind#URL}, and
 * pip's VCS form {@code git+https://host/repo@<commit>} for {@link SourceKind#VCS}; a subdirectory is kept as pip's
 * {@code #subdirectory=} fragment on URLs and VCS locations, and joined to local paths.
 */
public record PackageSource(SourceKind kind, String location) {

    public PackageSource {
        Objects.requireNonNull(kind, "kind");
        if (kind != SourceKind.INDEX) {
            Objects.requireNonNull(location, "location");
        }
    }

    public static PackageSource index(String indexUrl) {
        return new PackageSource(SourceKind.INDEX, indexUrl);
    }

    public static PackageSource path(String path, String subdirectory) {
        return new PackageSource(SourceKind.PATH, joinPath(path, subdirectory));
    }

    public static PackageSource editable(String path, String subdirectory) {
        return new PackageSource(SourceKind.EDITABLE, joinPath(path, subdirectory));
    }

    public static PackageSource url(String url, String subdirectory) {
        return new PackageSource(SourceKind.URL, withSubdirectory(url, subdirectory));
    }

    /** A VCS checkout: {@code type} is git, hg, svn or bzr; the commit must be an immutable revision. */
    public static PackageSource vcs(String type, String url, String commit, String subdirectory) {
        return new PackageSource(SourceKind.VCS, withSubdirectory(type + "+" + url + "@" + commit, subdirectory));
    }

    /** Whether the package is built from a folder or file on this machine, which must be sent to the container. */
    public boolean isLocal() {
        return kind == SourceKind.PATH || kind == SourceKind.EDITABLE;
    }

    private static String joinPath(String path, String subdirectory) {
        String normalized = path.replace('\\', '/');
        while (normalized.length() > 1 && normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (subdirectory == null || subdirectory.isBlank()) {
            return normalized;
        }
        return normalized.equals(".") ? subdirectory : normalized + "/" + subdirectory;
    }

    private static String withSubdirectory(String url, String subdirectory) {
        return subdirectory == null || subdirectory.isBlank() ? url : url + "#subdirectory=" + subdirectory;
    }

    @Override
    public String toString() {
        return kind + (location == null ? "" : " " + location);
    }
}
