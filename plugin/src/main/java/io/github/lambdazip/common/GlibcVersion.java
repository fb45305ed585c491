package io.github.lambdazip.common;

/** A glibc version such as 2.26, compared numerically. */
public record GlibcVersion(int major, int minor) implements Comparable<GlibcVersion> {

    @Override
    public int compareTo(GlibcVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
