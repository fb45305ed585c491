package io.github.lambdazip.pep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A comma-separated list of {@link VersionSpecifier}s that must all hold, e.g. {@code >=1.2,!=1.3.0,<2}. The
 * empty set matches every final release. Pre-releases match only when asked for or when a clause names one
 * ({@code >=2.0b1}), as PEP 440 tells installers to do.
 */
public final class SpecifierSet {

    private static final SpecifierSet ANY = new SpecifierSet(List.of());

    private final List<VersionSpecifier> specifiers;

    private SpecifierSet(List<VersionSpecifier> specifiers) {
        this.specifiers = List.copyOf(specifiers);
    }

    /** The set with no clause. */
    public static SpecifierSet any() {
        return ANY;
    }

    /** Reads {@code >=1.2, <2}; blank text is the empty set. */
    public static SpecifierSet parse(String text) throws InvalidSpecifierException {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        List<VersionSpecifier> specifiers = new ArrayList<>();
        int start = 0;
        for (String clause : text.split(",", -1)) {
            if (clause.isBlank()) {
                throw new InvalidSpecifierException(text, start, "an empty clause between commas");
            }
            try {
                specifiers.add(VersionSpecifier.parse(clause));
            } catch (InvalidSpecifierException e) {
                throw new InvalidSpecifierException(text, start + Math.max(0, e.position()), e.problem());
            }
            start += clause.length() + 1;
        }
        return new SpecifierSet(specifiers);
    }

    public List<VersionSpecifier> specifiers() {
        return specifiers;
    }

    public boolean isEmpty() {
        return specifiers.isEmpty();
    }

    /** Whether any clause names a pre-release, which admits pre-releases for the whole set. */
    public boolean namesPreRelease() {
        return specifiers.stream().anyMatch(VersionSpecifier::namesPreRelease);
    }

    /** Whether every clause holds, pre-releases admitted only when a clause names one. */
    public boolean contains(Version candidate) {
        return contains(candidate, namesPreRelease());
    }

    /** Whether every clause holds; pre-release candidates are refused unless {@code preReleases}. */
    public boolean contains(Version candidate, boolean preReleases) {
        if (candidate.isPreRelease() && !preReleases) {
            return false;
        }
        return specifiers.stream().allMatch(s -> s.matches(candidate));
    }

    /** Same clauses in any order, each compared as versions: {@code >=1.0,<2} equals {@code <2.0, >=1}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SpecifierSet other && new HashSet<>(specifiers).equals(new HashSet<>(other.specifiers));
    }

    @Override
    public int hashCode() {
        return new HashSet<>(specifiers).hashCode();
    }

    /** The clauses joined by commas, in the order written. */
    @Override
    public String toString() {
        return specifiers.stream().map(VersionSpecifier::toString).collect(Collectors.joining(","));
    }
}
