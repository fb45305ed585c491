package io.github.lambdazip.lock;

/** Where a locked package is installed from. */
public enum SourceKind {
    /** A package index (or the configured find-links), by name and version. */
    INDEX,
    /** A local directory or archive, relative to the dependency file's folder. */
    PATH,
    /** A remote archive by URL. */
    URL,
    /** A version-control checkout at a fixed commit. */
    VCS,
    /** A local directory the lock marks editable; installed like {@link #PATH}, since a zip cannot link back. */
    EDITABLE
}
