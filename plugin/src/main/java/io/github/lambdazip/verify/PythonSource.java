package io.github.lambdazip.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Python source as the line-based checks read it: strings and comments blanked out (so text inside them is never
 * taken for code), continuation lines joined, each logical line with its first line number and its indent.
 */
final class PythonSource {

    /** One logical line: where it starts, how far it is indented, and its code with whitespace folded. */
    record Line(int number, int indent, String text) {}

    private PythonSource() {}

    static List<Line> lines(String source) {
        return logicalLines(blankStringsAndComments(source));
    }

    private static List<Line> logicalLines(String code) {
        List<Line> out = new ArrayList<>();
        String[] physical = code.split("\n", -1);
        StringBuilder current = null;
        int start = 0;
        int indent = 0;
        int depth = 0;
        for (int i = 0; i < physical.length; i++) {
            String text = physical[i];
            if (current == null) {
                if (text.isBlank()) {
                    continue;
                }
                current = new StringBuilder();
                start = i + 1;
                indent = indentOf(text);
            }
            boolean continued = text.stripTrailing().endsWith("\\");
            current.append(' ').append(continued ? text.stripTrailing().substring(0, text.stripTrailing().length() - 1) : text);
            for (char c : text.toCharArray()) {
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                    depth--;
                }
            }
            if (depth == 0 && !continued) {
                out.add(new Line(start, indent, current.toString().trim().replaceAll("\\s+", " ")));
                current = null;
            }
        }
        if (current != null) {
            out.add(new Line(start, indent, current.toString().trim().replaceAll("\\s+", " ")));
        }
        return out;
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
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '#') {
                while (i < n && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                boolean triple = i + 2 < n && source.charAt(i + 1) == c && source.charAt(i + 2) == c;
                String quote = triple ? String.valueOf(c).repeat(3) : String.valueOf(c);
                out.append("\"\"");
                i += quote.length();
                while (i < n && !source.startsWith(quote, i)) {
                    char s = source.charAt(i);
                    if (!triple && s == '\n') {
                        break; // an unterminated one-line string ends at the line's end
                    }
                    if (s == '\\' && i + 1 < n) {
                        out.append(source.charAt(i + 1) == '\n' ? " \n" : "  ");
                        i += 2;
                        continue;
                    }
                    out.append(s == '\n' ? '\n' : ' ');
                    i++;
                }
                i += source.startsWith(quote, i) ? quote.length() : 0;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
