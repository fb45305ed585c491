package io.github.lambdazip.pep;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEP 440 version clause such as {@code >=1.2}, {@code ~=2.2.0}, {@code ==1.4.*} or {@code ===foo}, with the
 * PEP's rules: local labels are ignored unless the clause names one, {@code <} and {@code >} do not admit
 * pre-, post- or local releases of the version they name, and pre-releases match only when asked for or when the
 * clause names one.
 */
public final class VersionSpecifier {

    /** The comparison operators of PEP 440. */
    public enum Operator {
        COMPATIBLE("~="), EQUAL("=="), NOT_EQUAL("!="), LESS_EQUAL("<="), GREATER_EQUAL(">="), LESS("<"),
        GREATER(">"), ARBITRARY("===");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** The operator spelled by {@code symbol}, or null. */
        public static Operator of(String symbol) {
            for (Operator operator : values()) {
                if (operator.symbol.equals(symbol)) {
                    return operator;
                }
            }
            return null;
        }
    }

    private static final Pattern CLAUSE = Pattern.compile("^\\s*(===|~=|==|!=|<=|>=|<|>)\\s*(.*?)\\s*$",
            Pattern.DOTALL);
    private static final Pattern WILDCARD = Pattern.compile("^v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*\\.\\*$",
            Pattern.CASE_INSENSITIVE);

    private final Operator operator;
    private final String value;
    private final Version version;
    private final boolean wildcard;

    private VersionSpecifier(Operator operator, String value, Version version, boolean wildcard) {
        this.operator = operator;
        this.value = value;
        this.version = version;
        this.wildcard = wildcard;
    }

    /** Reads one clause, e.g. {@code >= 1.2}. */
    public static VersionSpecifier parse(String text) throws InvalidSpecifierException {
        Matcher m = CLAUSE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new InvalidSpecifierException(String.valueOf(text), 0,
                    "expected an operator (~=, ==, !=, <=, >=, <, >, ===) followed by a version");
        }
        return of(Operator.of(m.group(1)), m.group(2), text);
    }

    /** A clause from its parts, checked as PEP 440 requires for the operator. */
    public static VersionSpecifier of(Operator operator, String value) throws InvalidSpecifierException {
        return of(operator, value, operator.symbol() + value);
    }

    private static VersionSpecifier of(Operator operator, String value, String text) throws InvalidSpecifierException {
        int at = Math.max(0, text.indexOf(value));
        if (value.isEmpty()) {
            throw new InvalidSpecifierException(text, at, "the operator " + operator.symbol() + " needs a version");
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidSpecifierException(text, at, "'" + value + "' is not a PEP 440 version");
        }
        if (operator == Operator.ARBITRARY) {
            return new VersionSpecifier(operator, value, Version.tryParse(value).orElse(null), false);
        }
        boolean wildcard = value.endsWith(".*");
        if (wildcard) {
            if (operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
                throw new InvalidSpecifierException(text, at, "a .* suffix is allowed only with == and !=");
            }
            if (!WILDCARD.matcher(value).matches()) {
                throw new InvalidSpecifierException(text, at,
                        "a .* prefix match takes an epoch and release only, e.g. ==1.2.*");
            }
        }
        Version version = Version.tryParse(wildcard ? value.substring(0, value.length() - 2) : value)
                .orElseThrow(() -> new InvalidSpecifierException(text, at, "'" + value + "' is not a PEP 440 version"));
        if (version.hasLocal() && operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
            throw new InvalidSpecifierException(text, at, "a local version label is allowed only with == and !=");
        }
        if (operator == Operator.COMPATIBLE && version.release().size() < 2) {
            throw new InvalidSpecifierException(text, at, "~= needs at least two release segments, e.g. ~=1.4");
        }
        return new VersionSpecifier(operator, value, version, wildcard);
    }

    public Operator operator() {
        return operator;
    }

    /** The version as written after the operator, including a {@code .*} suffix. */
    public String value() {
        return value;
    }

    /**
     * Whether this clause admits pre-releases by default: it names one with an including operator, e.g.
     * {@code >=1.0rc1} or {@code ==2.0b1}.
     */
    public boolean namesPreRelease() {
        return operator != Operator.NOT_EQUAL && version != null && version.isPreRelease();
    }

    /** Whether the candidate matches, pre-releases admitted only when {@link #namesPreRelease()}. */
    public boolean contains(Version candidate) {
        return contains(candidate, namesPreRelease());
    }

    /** Whether the candidate matches; pre-release candidates are refused unless {@code preReleases}. */
    public boolean contains(Version candidate, boolean preReleases) {
        if (candidate.isPreRelease() && !preReleases) {
            return false;
        }
        return matches(candidate);
    }

    /** The comparison alone, with no pre-release filter. */
    boolean matches(Version candidate) {
        return switch (operator) {
            case ARBITRARY -> candidate.original().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
            case EQUAL -> equalTo(candidate);
            case NOT_EQUAL -> !equalTo(candidate);
            case LESS_EQUAL -> candidate.publicVersion().compareTo(version) <= 0;
            case GREATER_EQUAL -> candidate.publicVersion().compareTo(version) >= 0;
            case LESS -> lessThan(candidate);
            case GREATER -> greaterThan(candidate);
            case COMPATIBLE -> compatible(candidate);
        };
    }

    private boolean equalTo(Version candidate) {
        if (wildcard) {
            return prefixMatches(candidate, version.epoch(), version.release());
        }
        Version compared = version.hasLocal() ? candidate : candidate.publicVersion();
        return compared.compareTo(version) == 0;
    }

    /** {@code ==1.2.*}: same epoch, and the release padded with zeros starts with the prefix. */
    private static boolean prefixMatches(Version candidate, BigInteger epoch, List<BigInteger> prefix) {
        if (!candidate.epoch().equals(epoch)) {
            return false;
        }
        List<BigInteger> release = candidate.release();
        for (int i = 0; i < prefix.size(); i++) {
            BigInteger part = i < release.size() ? release.get(i) : BigInteger.ZERO;
            if (!part.equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean lessThan(Version candidate) {
        if (candidate.publicVersion().compareTo(version) >= 0) {
            return false;
        }
        // <3.1 does not admit 3.1.dev0 or 3.1rc1 unless it names a pre-release itself
        return version.isPreRelease() || !candidate.isPreRelease()
                || !candidate.baseVersion().equals(version.baseVersion());
    }

    private boolean greaterThan(Version candidate) {
        if (candidate.publicVersion().compareTo(version) <= 0) {
            return false;
        }
        // >3.1 does not admit 3.1.post1 unless it names a post-release, nor 3.1+local
        if (!version.isPostRelease() && candidate.isPostRelease()
                && candidate.baseVersion().equals(version.baseVersion())) {
            return false;
        }
        return !(candidate.hasLocal() && candidate.baseVersion().equals(version.baseVersion()));
    }

    /** {@code ~=V.N} is {@code >=V.N, ==V.*}, the prefix ignoring pre-, post- and dev parts. */
    private boolean compatible(Version candidate) {
        if (candidate.publicVersion().compareTo(version) < 0) {
            return false;
        }
        List<BigInteger> prefix = new ArrayList<>(version.release().subList(0, version.release().size() - 1));
        return prefixMatches(candidate, version.epoch(), prefix);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VersionSpecifier other) || operator != other.operator || wildcard != other.wildcard) {
            return false;
        }
        if (operator == Operator.ARBITRARY) {
            return value.equalsIgnoreCase(other.value);
        }
        // ==1.2.* and ==1.2.0.* differ although 1.2 and 1.2.0 are equal versions
        return wildcard ? version.epoch().equals(other.version.epoch()) && version.release().equals(other.version.release())
                : version.equals(other.version);
    }

    @Override
    public int hashCode() {
        return operator.hashCode() * 31
                + (operator == Operator.ARBITRARY ? value.toLowerCase(Locale.ROOT).hashCode() : version.hashCode());
    }

    @Override
    public String toString() {
        return operator.symbol() + value;
    }
}
