package io.github.lambdazip.verify;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a Python module binds at top level, read from its source without running it: {@code def},
 * {@code async def}, {@code class}, assignments and imports at column 0. It also notes whether the module binds
 * names in ways a line scanner cannot follow (star imports, conditional blocks, {@code globals()}).
 */
final class PythonTopLevelNames {

    private static final Pattern DEF = Pattern.compile("^(?:async\\s+)?def\\s+([A-Za-z_]\\w*)\\s*[(\\[]");
    private static final Pattern CLASS = Pattern.compile("^class\\s+([A-Za-z_]\\w*)\\b");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][\\w\\s,]*?)\\s*(?::[^=]*)?=(?!=)");
    private static final Pattern FROM_IMPORT = Pattern.compile("^from\\s+\\S+\\s+import\\s+(.+)$");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(.+)$");
    private static final Pattern BLOCK = Pattern.compile("^(?:if|try|with|for|while|match)\\b");

    final Set<String> names = new LinkedHashSet<>();
    boolean dynamic;

    static PythonTopLevelNames scan(String source) {
        PythonTopLevelNames result = new PythonTopLevelNames();
        String[] lines = source.split("\r\n|\r|\n", -1);
        String tripleQuote = null;
        StringBuilder logical = null;
        for (String line : lines) {
            if (tripleQuote != null) {
                if (countOccurrences(line, tripleQuote) % 2 == 1) {
                    tripleQuote = null;
                }
                continue;
            }
            if (logical != null) {
                logical.append(' ').append(line.trim());
                if (!continues(logical)) {
                    result.read(logical.toString());
                    logical = null;
                }
                continue;
            }
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || line.startsWith("#")) {
                continue;
            }
            String opened = opensTripleQuote(line);
            if (opened != null) {
                tripleQuote = opened;
                result.read(line);
                continue;
            }
            if (continues(new StringBuilder(line))) {
                logical = new StringBuilder(line.trim());
                continue;
            }
            result.read(line);
        }
        if (logical != null) {
            result.read(logical.toString());
        }
        return result;
    }

    private void read(String line) {
        String code = stripComment(line).trim();
        Matcher m;
        if ((m = DEF.matcher(code)).find() || (m = CLASS.matcher(code)).find()) {
            names.add(m.group(1));
        } else if ((m = FROM_IMPORT.matcher(code)).find()) {
            String imported = m.group(1).replace("(", "").replace(")", "").replace("\\", "");
            for (String part : imported.split(",")) {
                String[] words = part.trim().split("\\s+");
                if (words[0].equals("*")) {
                    dynamic = true;
                } else if (!words[0].isEmpty()) {
                    names.add(words[words.length - 1]);
                }
            }
        } else if ((m = IMPORT.matcher(code)).find()) {
            for (String part : m.group(1).split(",")) {
                String[] words = part.trim().split("\\s+");
                String name = words[words.length - 1];
                names.add(words.length == 1 ? name.split("\\.")[0] : name);
            }
        } else if (BLOCK.matcher(code).find()) {
            dynamic = true;
        } else if ((m = ASSIGNMENT.matcher(code)).find()) {
            for (String target : m.group(1).split(",")) {
                if (!target.isBlank()) {
                    names.add(target.trim());
                }
            }
        }
        if (code.contains("globals()") || code.contains("setattr(")) {
            dynamic = true;
        }
    }

    private static boolean continues(CharSequence line) {
        String code = stripComment(line.toString());
        int depth = 0;
        for (char c : code.toCharArray()) {
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return depth > 0 || code.stripTrailing().endsWith("\\");
    }

    private static String opensTripleQuote(String line) {
        for (String quote : new String[] {"\"\"\"", "'''"}) {
            if (countOccurrences(line, quote) % 2 == 1) {
                return quote;
            }
        }
        return null;
    }

    private static int countOccurrences(String line, String needle) {
        int count = 0;
        for (int i = line.indexOf(needle); i >= 0; i = line.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        // A '#' inside a string is rare at top level in handler modules; cutting there errs towards "dynamic".
        return hash < 0 ? line : line.substring(0, hash);
    }
}
