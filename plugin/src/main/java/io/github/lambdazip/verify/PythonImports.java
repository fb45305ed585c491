package io.github.lambdazip.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The import statements of a Python module, read from its text without running it: each with its line, whether
 * it is guarded by a {@code try} whose handler catches ImportError (an optional dependency), and whether it only
 * runs for type checkers ({@code if TYPE_CHECKING:}).
 */
final class PythonImports {

    /** One imported module: {@code level} dots for relative imports, the dotted module, and from-imported names. */
    record Import(int line, int level, String module, List<String> names, boolean guarded) {}

    private record Line(int number, int indent, String text) {}

    private static final Pattern GUARDING_EXCEPT = Pattern.compile(
            "^except\\s*(:|.*\\b(ImportError|ModuleNotFoundError|Exception|BaseException)\\b.*:)");

    private PythonImports() {}

    static List<Import> scan(String source) {
        List<Line> lines = logicalLines(blankStringsAndComments(source));
        boolean[] guarded = new boolean[lines.size()];
        boolean[] typeChecking = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.text.equals("try:")) {
                int end = blockEnd(lines, i);
                boolean guards = false;
                int k = end;
                while (k < lines.size() && lines.get(k).indent == line.indent && lines.get(k).text.startsWith("except")) {
                    guards |= GUARDING_EXCEPT.matcher(lines.get(k).text).find();
                    k = blockEnd(lines, k);
                }
                if (guards) {
                    for (int j = i + 1; j < end; j++) {
                        guarded[j] = true;
                    }
                }
            } else if (line.text.matches("if\\s+(typing\\.)?TYPE_CHECKING\\s*:")) {
                for (int j = i + 1; j < blockEnd(lines, i); j++) {
                    typeChecking[j] = true;
                }
            }
        }
        List<Import> imports = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (typeChecking[i]) {
                continue;
            }
            for (String statement : lines.get(i).text.split(";")) {
                parse(statement.trim(), lines.get(i).number, guarded[i], imports);
            }
        }
        return imports;
    }

    private static void parse(String statement, int line, boolean guarded, List<Import> out) {
        if (statement.startsWith("import ")) {
            for (String part : statement.substring(7).split(",")) {
                String module = part.trim().split("\\s+")[0];
                if (!module.isEmpty()) {
                    out.add(new Import(line, 0, module, List.of(), guarded));
                }
            }
        } else if (statement.startsWith("from ") && statement.contains(" import ")) {
            String from = statement.substring(5, statement.indexOf(" import ")).trim();
            String what = statement.substring(statement.indexOf(" import ") + 8).replace("(", " ").replace(")", " ");
            int level = 0;
            while (level < from.length() && from.charAt(level) == '.') {
                level++;
            }
            List<String> names = new ArrayList<>();
            for (String part : what.split(",")) {
                String name = part.trim().split("\\s+")[0];
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            out.add(new Import(line, level, from.substring(level), names, guarded));
        }
    }

    /** The index of the first line after the block opened at {@code start}. */
    private static int blockEnd(List<Line> lines, int start) {
        int indent = lines.get(start).indent;
        int i = start + 1;
        while (i < lines.size() && lines.get(i).indent > indent) {
            i++;
        }
        return i;
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
