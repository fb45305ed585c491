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
    /** The literal text before the first wildcard and after the last: every match starts and ends with them. */
    private final String prefix;
    private final String suffix;

    private GlobPattern(String glob) {
        this.glob = glob;
        StringBuilder regex = new StringBuilder();
        int[] literals = translate(glob, regex);
        this.regex = Pattern.compile(regex.toString());
        this.prefix = glob.substring(0, literals[0]);
        this.suffix = glob.substring(literals[1]);
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

    /**
     * Whether the whole name matches. Every staged file is tested against every exclude (nine by default), so the
     * literal ends are compared first: most names fail there, and the regular expression, whose engine a fresh JVM
     * would otherwise interpret and then compile, runs only for the few that pass.
     */
    public boolean matches(String name) {
        return name.startsWith(prefix) && name.endsWith(suffix) && name.length() >= prefix.length() + suffix.length()
                && regex.matcher(name).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    /**
     * Writes the glob's regular expression to {@code out} and returns where its first wildcard starts and its last
     * ends (both the glob's length when it has none). A wildcard's slashes belong to it: {@code a/**} matches
     * {@code a}, {@code **}{@code /b} matches {@code b}.
     */
    private static int[] translate(String glob, StringBuilder out) {
        int firstWildcard = glob.length();
        int lastWildcardEnd = 0;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            int start = i;
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
                continue;
            }
            firstWildcard = Math.min(firstWildcard, start);
            lastWildcardEnd = i;
        }
        return new int[] {firstWildcard, firstWildcard == glob.length() ? glob.length() : lastWildcardEnd};
    }
}
