package io.github.lambdazip.stage;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Ant-style path patterns over {@code /}-separated names, as Maven's includes/excludes use them:
 * {@code *} and {@code ?} stay within one folder, {@code **} spans folders, and a pattern ending in
 * {@code /} means everything below that folder.
 */
public final class GlobPattern {

    private final String glob;
    private final Pattern regex;
    /**
     * What every matching name starts with: the pattern up to its first wildcard (less the slash of a trailing
     * {@code /**}, which also matches the folder itself). Staging matches every file against every exclude, the
     * dependency files' nine included; most names fail on this prefix, with no regular expression run.
     */
    private final String literalPrefix;
    private final boolean literal;

    private GlobPattern(String glob) {
        this.glob = glob;
        this.regex = Pattern.compile(toRegex(glob));
        int wildcard = firstWildcard(glob);
        this.literal = wildcard < 0;
        if (literal) {
            this.literalPrefix = glob;
        } else if (wildcard > 0 && wildcard + 2 == glob.length() && glob.startsWith("/**", wildcard - 1)) {
            this.literalPrefix = glob.substring(0, wildcard - 1);
        } else {
            this.literalPrefix = glob.substring(0, wildcard);
        }
    }

    private static int firstWildcard(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            if (glob.charAt(i) == '*' || glob.charAt(i) == '?') {
                return i;
            }
        }
        return -1;
    }

    public static GlobPattern of(String glob) {
        String normalized = glob.trim().replace('\\', '/');
        while (normalized.startsWith("/")) {
            normalized = normalized.substring(1);
        }
        if (normalized.endsWith("/")) {
            normalized = normalized + "**";
        }
        return new GlobPattern(normalized);
    }

    public static boolean anyMatches(List<GlobPattern> patterns, String name) {
        for (GlobPattern pattern : patterns) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(String name) {
        if (!name.startsWith(literalPrefix)) {
            return false;
        }
        return literal ? name.length() == literalPrefix.length() : regex.matcher(name).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    private static String toRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i)) {
                out.append("(?:.*/)?");
                i += 3;
            } else if (glob.startsWith("/**", i) && i + 3 == glob.length()) {
                out.append("(?:/.*)?");
                i += 3;
            } else if (glob.startsWith("**", i)) {
                out.append(".*");
                i += 2;
            } else if (c == '*') {
                out.append("[^/]*");
                i++;
            } else if (c == '?') {
                out.append("[^/]");
                i++;
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return out.toString();
    }
}
