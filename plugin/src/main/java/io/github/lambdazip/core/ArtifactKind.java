package io.github.lambdazip.core;

/** A function's code goes to the zip root; a layer's under {@code python/}, where Lambda adds it to sys.path. */
public enum ArtifactKind {
    FUNCTION(""),
    LAYER("python/");

    private final String prefix;

    ArtifactKind(String prefix) {
        this.prefix = prefix;
    }

    public String zipPrefix() {
        return prefix;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
