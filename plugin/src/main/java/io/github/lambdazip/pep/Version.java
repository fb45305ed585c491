package io.github.lambdazip.pep;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version: {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]}, read with the spellings PEP 440 allows
 * ({@code 1.0-post1}, {@code 1.0alpha1}, {@code v1.0}, {@code 1.0.0-RC.1}) and ordered as PEP 440 orders them.
 * Equality follows the ordering, so {@code 1.0 == 1.0.0} and {@code 1.0a1 == 1.0.0-alpha1}; {@link #toString()} is
 * the normal form, {@link #original()} the text as written (which {@code ===} compares).
 */
public final class Version implements Comparable<Version> {

    private static final Pattern PATTERN = Pattern.compile(
            "^\\s*v?"
                    + "(?:(?<epoch>[0-9]+)!)?"
                    + "(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
                    + "(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?"
                    + "(?<dev>[-_.]?dev[-_.]?(?<devN>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?"
                    + "\\s*$",
            Pattern.CASE_INSENSITIVE);

    /** Pre-release kinds in PEP 440 order. */
    private static final List<String> PRE_KINDS = List.of("a", "b", "rc");

    private final String original;
    private final BigInteger epoch;
    private final List<BigInteger> release;
    private final String preKind;
    private final BigInteger preNumber;
    private final BigInteger post;
    private final BigInteger dev;
    private final List<Object> local;

    private Version(String original, BigInteger epoch, List<BigInteger> release, String preKind, BigInteger preNumber,
            BigInteger post, BigInteger dev, List<Object> local) {
        this.original = original;
        this.epoch = epoch;
        this.release = release;
        this.preKind = preKind;
        this.preNumber = preNumber;
        this.post = post;
        this.dev = dev;
        this.local = local;
    }

    /** Reads a PEP 440 version. */
    public static Version parse(String text) throws InvalidVersionException {
        return tryParse(text).orElseThrow(() -> new InvalidVersionException(String.valueOf(text)));
    }

    /** Reads a PEP 440 version, or empty when the text is not one. */
    public static Optional<Version> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = PATTERN.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(new BigInteger(part));
        }
        String preKind = null;
        BigInteger preNumber = null;
        if (m.group("pre") != null) {
            preKind = switch (m.group("preL").toLowerCase(Locale.ROOT)) {
                case "alpha", "a" -> "a";
                case "beta", "b" -> "b";
                default -> "rc";
            };
            preNumber = number(m.group("preN"));
        }
        BigInteger post = null;
        if (m.group("post") != null) {
            post = number(m.group("postN1") != null ? m.group("postN1") : m.group("postN2"));
        }
        BigInteger dev = m.group("dev") == null ? null : number(m.group("devN"));
        List<Object> local = null;
        if (m.group("local") != null) {
            local = new ArrayList<>();
            for (String part : m.group("local").toLowerCase(Locale.ROOT).split("[-_.]")) {
                local.add(part.chars().allMatch(Character::isDigit) ? new BigInteger(part) : part);
            }
            local = Collections.unmodifiableList(local);
        }
        return Optional.of(new Version(text.trim(), epoch, List.copyOf(release), preKind, preNumber, post, dev, local));
    }

    private static BigInteger number(String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    /** The text as it was written, trimmed. */
    public String original() {
        return original;
    }

    public BigInteger epoch() {
        return epoch;
    }

    /** The release segment, e.g. {@code [1, 2, 0]} for {@code 1.2.0}, trailing zeros kept. */
    public List<BigInteger> release() {
        return release;
    }

    /** A pre-release or a development release: excluded from specifiers unless asked for. */
    public boolean isPreRelease() {
        return preKind != null || dev != null;
    }

    public boolean isPostRelease() {
        return post != null;
    }

    public boolean isDevRelease() {
        return dev != null;
    }

    public boolean hasLocal() {
        return local != null;
    }

    /** The local label in normal form ({@code ubuntu.1}), or null. */
    public String local() {
        if (local == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Object part : local) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(part);
        }
        return out.toString();
    }

    /** This version without its local label. */
    public Version publicVersion() {
        return local == null ? this : new Version(original, epoch, release, preKind, preNumber, post, dev, null);
    }

    /** Epoch and release only: {@code 1.2} for {@code 1.2rc1.post3+x}. */
    public Version baseVersion() {
        return new Version(original, epoch, release, null, null, null, null, null);
    }

    @Override
    public int compareTo(Version other) {
        int c = epoch.compareTo(other.epoch);
        if (c != 0) {
            return c;
        }
        c = compareRelease(release, other.release);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(preRank(), other.preRank());
        if (c != 0) {
            return c;
        }
        if (preKind != null) {
            c = preNumber.compareTo(other.preNumber);
            if (c != 0) {
                return c;
            }
        }
        c = compareMissingLow(post, other.post);
        if (c != 0) {
            return c;
        }
        c = compareMissingHigh(dev, other.dev);
        if (c != 0) {
            return c;
        }
        return compareLocal(local, other.local);
    }

    /** Where the pre-release part sorts: a dev release of a final sorts before its alphas, a final after its rcs. */
    private int preRank() {
        if (preKind == null) {
            return post == null && dev != null ? -1 : PRE_KINDS.size();
        }
        return PRE_KINDS.indexOf(preKind);
    }

    private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
        int n = Math.max(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareMissingLow(BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    private static int compareMissingHigh(BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }

    /** No label sorts first; numeric segments sort after alphanumeric ones; a prefix sorts first. */
    private static int compareLocal(List<Object> a, List<Object> b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x instanceof BigInteger xi && y instanceof BigInteger yi) {
                c = xi.compareTo(yi);
            } else if (x instanceof BigInteger) {
                c = 1;
            } else if (y instanceof BigInteger) {
                c = -1;
            } else {
                c = ((String) x).compareTo((String) y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        List<BigInteger> trimmed = new ArrayList<>(release);
        while (trimmed.size() > 1 && trimmed.get(trimmed.size() - 1).signum() == 0) {
            trimmed.remove(trimmed.size() - 1);
        }
        return Objects.hash(epoch, trimmed, preKind, preNumber, post, dev, local);
    }

    /** The normal form: {@code 1!2.0rc1.post2.dev3+local.4}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (epoch.signum() != 0) {
            out.append(epoch).append('!');
        }
        for (int i = 0; i < release.size(); i++) {
            out.append(i == 0 ? "" : ".").append(release.get(i));
        }
        if (preKind != null) {
            out.append(preKind).append(preNumber);
        }
        if (post != null) {
            out.append(".post").append(post);
        }
        if (dev != null) {
            out.append(".dev").append(dev);
        }
        if (local != null) {
            out.append('+').append(local());
        }
        return out.toString();
    }
}
