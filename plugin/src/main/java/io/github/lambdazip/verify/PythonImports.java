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

    private static final Pattern GUARDING_EXCEPT = Pattern.compile(
            "^except\\s*(:|.*\\b(ImportError|ModuleNotFoundError|Exception|BaseException)\\b.*:)");

    private PythonImports() {}

    static List<Import> scan(String source) {
        List<PythonSource.Line> lines = PythonSource.lines(source);
        boolean[] guarded = new boolean[lines.size()];
        boolean[] typeChecking = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            PythonSource.Line line = lines.get(i);
            if (line.text().equals("try:")) {
                int end = blockEnd(lines, i);
                boolean guards = false;
                int k = end;
                while (k < lines.size() && lines.get(k).indent() == line.indent()
                        && lines.get(k).text().startsWith("except")) {
                    guards |= GUARDING_EXCEPT.matcher(lines.get(k).text()).find();
                    k = blockEnd(lines, k);
                }
                if (guards) {
                    for (int j = i + 1; j < end; j++) {
                        guarded[j] = true;
                    }
                }
            } else if (line.text().matches("if\\s+(typing\\.)?TYPE_CHECKING\\s*:")) {
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
            for (String statement : lines.get(i).text().split(";")) {
                parse(statement.trim(), lines.get(i).number(), guarded[i], imports);
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
    private static int blockEnd(List<PythonSource.Line> lines, int start) {
        int indent = lines.get(start).indent();
        int i = start + 1;
        while (i < lines.size() && lines.get(i).indent() > indent) {
            i++;
        }
        return i;
    }
}
