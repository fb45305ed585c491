package io.github.lambdazip.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Python source as the line-based checks read it: strings and comments blanked out (so text inside them is never
 * taken for code), continuation lines joined, each logical line with its first line number and its indent. Each
 * line also keeps its code with string literals intact ({@code raw}, comments still removed), for the conditions
 * that compare strings ({@code sys.platform == "win32"}), and the comments are available by line.
 */
final class PythonSource {

    /**
     * One logical line: where it starts and ends (physical line numbers), how far it is indented, its code with
     * strings blanked and whitespace folded ({@code text}), and the same code with its string literals kept.
     */
    record Line(int number, int indent, String text, String raw, int end) {}

    private PythonSource() {}

    static List<Line> lines(String source) {
        Scan scan = scan(source);
        return logicalLines(scan.blanked(), scan.uncommented());
    }

    /** The comment on each physical line (1-based), without its '#'. */
    static Map<Integer, String> comments(String source) {
        return scan(source).comments();
    }

    private static List<Line> logicalLines(String code, String rawCode) {
        List<Line> out = new ArrayList<>();
        String[] physical = code.split("\n", -1);
        String[] rawPhysical = rawCode.split("\n", -1);
        StringBuilder current = null;
        StringBuilder raw = null;
        int start = 0;
        int indent = 0;
        int depth = 0;
        for (int i = 0; i < physical.length; i++) {
            String text = physical[i];
            String rawText = i < rawPhysical.length ? rawPhysical[i] : "";
            if (current == null) {
                if (text.isBlank()) {
                    continue;
                }
                current = new StringBuilder();
                raw = new StringBuilder();
                start = i + 1;
                indent = indentOf(text);
            }
            boolean continued = text.stripTrailing().endsWith("\\");
            current.append(' ').append(continued ? withoutBackslash(text) : text);
            raw.append(' ').append(continued && rawText.stripTrailing().endsWith("\\") ? withoutBackslash(rawText) : rawText);
            for (char c : text.toCharArray()) {
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                    depth--;
                }
            }
            if (depth == 0 && !continued) {
                out.add(new Line(start, indent, fold(current), fold(raw), i + 1));
                current = null;
            }
        }
        if (current != null) {
            out.add(new Line(start, indent, fold(current), fold(raw), physical.length));
        }
        return out;
    }

    private static String withoutBackslash(String text) {
        String trimmed = text.stripTrailing();
        return trimmed.substring(0, trimmed.length() - 1);
    }

    /** Trims and folds each run of whitespace into one space. */
    private static String fold(StringBuilder text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int indentOf(String text) {
        int width = 0;
        for (char c : text.toCharArray()) {
            if (c == ' ') {
                width++;
            } else if (c == '\t') {
                width = (width / 8 + 1) * 8;
            } else {
                break;
            }
        }
        return width;
    }

    /** Replaces the insides of strings and comments with spaces, keeping line breaks, so only code is left. */
    static String blankStringsAndComments(String source) {
        return scan(source).blanked();
    }

    /** The three views of one pass over the source. */
    private record Scan(String blanked, String uncommented, Map<Integer, String> comments) {}

    private static Scan scan(String source) {
        StringBuilder blanked = new StringBuilder(source.length());
        StringBuilder uncommented = new StringBuilder(source.length());
        Map<Integer, String> comments = new HashMap<>();
        int line = 1;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '#') {
                int end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
                comments.put(line, source.substring(i + 1, end));
                while (i < end) {
                    blanked.append(' ');
                    uncommented.append(' ');
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                boolean triple = i + 2 < n && source.charAt(i + 1) == c && source.charAt(i + 2) == c;
                String quote = triple ? String.valueOf(c).repeat(3) : String.valueOf(c);
                blanked.append("\"\"");
                uncommented.append(quote);
                i += quote.length();
                while (i < n && !source.startsWith(quote, i)) {
                    char s = source.charAt(i);
                    if (!triple && s == '\n') {
                        break; // an unterminated one-line string ends at the line's end
                    }
                    if (s == '\\' && i + 1 < n) {
                        char next = source.charAt(i + 1);
                        blanked.append(next == '\n' ? " \n" : "  ");
                        uncommented.append(s).append(next);
                        line += next == '\n' ? 1 : 0;
                        i += 2;
                        continue;
                    }
                    blanked.append(s == '\n' ? '\n' : ' ');
                    uncommented.append(s);
                    line += s == '\n' ? 1 : 0;
                    i++;
                }
                if (source.startsWith(quote, i)) {
                    uncommented.append(quote);
                    i += quote.length();
                }
            } else {
                blanked.append(c);
                uncommented.append(c);
                line += c == '\n' ? 1 : 0;
                i++;
            }
        }
        return new Scan(blanked.toString(), uncommented.toString(), comments);
    }
}
