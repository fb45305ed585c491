package io.github.lambdazip.pep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 508 dependency specification: {@code name[extra,...] specifier ; marker} or
 * {@code name[extra,...] @ url ; marker}. The older {@code name (>=1.0)} form is read too. Names compare
 * normalised (PEP 503): {@link #normalizedName()}.
 *
 * @param text the requirement as written
 * @param name the project name as written
 * @param extras the requested extras, normalised and sorted
 * @param specifier the version specifier; empty for none and for a URL requirement
 * @param url the direct reference after {@code @}, or null
 * @param marker the environment marker after {@code ;}, or null
 */
public record Requirement(String text, String name, List<String> extras, SpecifierSet specifier, String url,
        Marker marker) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

    public Requirement {
        extras = List.copyOf(extras);
    }

    /** PEP 503 normalisation: lowercase, each run of {@code -}, {@code _} and {@code .} becomes one {@code -}. */
    public static String normalizeName(String name) {
        return SEPARATORS.matcher(name.trim()).replaceAll("-").toLowerCase(Locale.ROOT);
    }

    /** The normalised project name. */
    public String normalizedName() {
        return normalizeName(name);
    }

    /** Reads one requirement line (no pip options, no comments). */
    public static Requirement parse(String text) throws InvalidRequirementException {
        if (text == null) {
            throw new InvalidRequirementException("", 0, "the requirement is missing");
        }
        Reader in = new Reader(text);
        in.skipSpace();
        Matcher name = NAME.matcher(text).region(in.pos, text.length());
        if (!name.lookingAt()) {
            throw new InvalidRequirementException(text, in.pos,
                    "expected a project name (letters, digits, '.', '-', '_', starting and ending with a letter or digit)");
        }
        in.pos = name.end();
        in.skipSpace();
        List<String> extras = in.peek('[') ? in.extras() : List.of();
        in.skipSpace();
        String url = null;
        SpecifierSet specifier = SpecifierSet.any();
        if (in.peek('@')) {
            in.pos++;
            in.skipSpace();
            int start = in.pos;
            while (in.pos < text.length() && !Character.isWhitespace(text.charAt(in.pos))) {
                in.pos++;
            }
            url = text.substring(start, in.pos);
            if (url.isEmpty()) {
                throw new InvalidRequirementException(text, start, "expected a URL after '@'");
            }
            if (url.contains(";")) {
                // PEP 508 ends a URL only at whitespace, so 'url;marker' would silently become part of the URL
                throw new InvalidRequirementException(text, start + url.indexOf(';'),
                        "put a space between the URL and ';'");
            }
        } else {
            specifier = in.specifier();
        }
        in.skipSpace();
        Marker marker = null;
        if (in.peek(';')) {
            int start = in.pos + 1;
            try {
                marker = Marker.parse(text.substring(start));
            } catch (InvalidMarkerException e) {
                throw new InvalidRequirementException(text, start + Math.max(0, e.position()), e.problem());
            }
        } else if (in.pos < text.length()) {
            throw new InvalidRequirementException(text, in.pos,
                    "unexpected '" + text.substring(in.pos) + "', expected a version specifier or ';' and a marker");
        }
        return new Requirement(text, name.group(), extras, specifier, url, marker);
    }

    /** The requirement without its marker, as pip reads it: {@code name[extras]specifier} or {@code name @ url}. */
    public String withoutMarker() {
        StringBuilder out = new StringBuilder(name);
        if (!extras.isEmpty()) {
            out.append('[').append(String.join(",", extras)).append(']');
        }
        if (url != null) {
            out.append(" @ ").append(url);
        } else {
            out.append(specifier);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        List<String> extras() throws InvalidRequirementException {
            int close = text.indexOf(']', pos);
            if (close < 0) {
                throw new InvalidRequirementException(text, pos, "missing ']' after the extras");
            }
            TreeSet<String> extras = new TreeSet<>();
            int at = pos + 1;
            String inside = text.substring(pos + 1, close);
            if (!inside.isBlank()) {
                for (String extra : inside.split(",", -1)) {
                    if (!NAME.matcher(extra.trim()).matches()) {
                        throw new InvalidRequirementException(text, at, "'" + extra.trim() + "' is not an extra name");
                    }
                    extras.add(normalizeName(extra));
                    at += extra.length() + 1;
                }
            }
            pos = close + 1;
            return new ArrayList<>(extras);
        }

        SpecifierSet specifier() throws InvalidRequirementException {
            int start = pos;
            String clause;
            if (peek('(')) {
                int close = text.indexOf(')', pos);
                if (close < 0) {
                    throw new InvalidRequirementException(text, pos, "missing ')' after the version specifier");
                }
                start = pos + 1;
                clause = text.substring(start, close);
                pos = close + 1;
            } else {
                int end = text.indexOf(';', pos);
                end = end < 0 ? text.length() : end;
                clause = text.substring(pos, end);
                pos = end;
            }
            try {
                return SpecifierSet.parse(clause);
            } catch (InvalidSpecifierException e) {
                throw new InvalidRequirementException(text, start + Math.max(0, e.position()), e.problem());
            }
        }

        boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
