package io.github.lambdazip.verify;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a Python module binds at top level, read from its source without running it: {@code def},
 * {@code async def}, {@code class}, assignments and imports at column 0, strings and comments excluded. It also
 * notes whether the module binds names in ways a line scanner cannot follow (star imports, conditional blocks,
 * {@code globals()}).
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
        for (PythonSource.Line line : PythonSource.lines(source)) {
            if (line.indent() == 0) {
                result.read(line.text());
            }
        }
        return result;
    }

    private void read(String code) {
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
}
