package io.github.lambdazip.verify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The import statements of a Python module, read from its text without running it, each with what it hangs on:
 * nothing ({@link Guard#NONE}), a {@code try} whose handler catches ImportError ({@link Guard#GUARDED}), being that
 * handler's fallback ({@link Guard#FALLBACK}), or a condition this scanner cannot decide
 * ({@link Guard#CONDITIONAL}). Imports in branches that cannot run on the function's runtime (a
 * {@code sys.version_info} check for another Python, {@code sys.platform == "win32"}, {@code TYPE_CHECKING} under
 * any alias, {@code __name__ == "__main__"}) are left out; see {@link PythonConditions}.
 */
final class PythonImports {

    /** What an import depends on, from strict to lenient. */
    enum Guard {
        NONE, GUARDED, FALLBACK, CONDITIONAL
    }

    /**
     * One imported module: {@code level} dots for relative imports, the dotted module, the from-imported names,
     * its guard, the {@code try} blocks whose bodies hold it ({@code tries}) and those whose ImportError handlers
     * hold it ({@code fallbackFor}): a fallback runs only when its {@code try} side failed.
     */
    record Import(int line, int level, String module, List<String> names, Guard guard, List<Integer> tries,
            List<Integer> fallbackFor) {

        boolean guarded() {
            return guard != Guard.NONE;
        }
    }

    private static final Pattern GUARDING_EXCEPT = Pattern.compile(
            "^except\\s*(:|.*\\b(ImportError|ModuleNotFoundError|Exception|BaseException)\\b.*:)");
    private static final Pattern SUPPRESSING_WITH = Pattern.compile(
            "^(async\\s+)?with\\b.*\\bsuppress\\s*\\(.*\\b(ImportError|ModuleNotFoundError|Exception)\\b");
    private static final Pattern KEYWORD = Pattern.compile(
            "^(if|elif|else|try|except|finally|for|while|with|def|class|match|case|async\\s+(?:def|for|with))\\b");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_]\\w*)\\s*(?::[^=]*)?=(?!=)\\s*(.*)$");

    private PythonImports() {}

    static List<Import> scan(String source) {
        return scan(source, PythonConditions.Environment.UNSPECIFIED);
    }

    static List<Import> scan(String source, PythonConditions.Environment environment) {
        return new Scanner(PythonSource.lines(source), new PythonConditions(environment)).run();
    }

    /** How a block's body runs. */
    private enum State {
        LIVE, GUARDED, FALLBACK, CONDITIONAL, DEAD
    }

    /**
     * An open block: its header's indent, how its body runs, the try it belongs to, whether it is a function or
     * class body, whether it is an undecided branch, and whether its last statement so far leaves the block
     * (raise, return, continue, break).
     */
    private static final class Block {
        final int indent;
        final State state;
        final int tryId;
        final boolean function;
        final boolean branch;
        boolean exits;

        Block(int indent, State state, int tryId, boolean function) {
            this(indent, state, tryId, function, false);
        }

        Block(int indent, State state, int tryId, boolean function, boolean branch) {
            this.indent = indent;
            this.state = state;
            this.tryId = tryId;
            this.function = function;
            this.branch = branch;
        }

        int indent() {
            return indent;
        }

        State state() {
            return state;
        }

        int tryId() {
            return tryId;
        }

        boolean function() {
            return function;
        }
    }

    private static final Pattern EXIT = Pattern.compile("^(raise|return|continue|break)\\b");

    /** The if/elif/else or try/except/else chain a header at this indent continues. */
    private static final class Chain {
        final String kind;
        final int tryId;
        boolean anyTrue;
        boolean anyUnknown;

        Chain(String kind, int tryId) {
            this.kind = kind;
            this.tryId = tryId;
        }
    }

    private static final class Scanner {
        private final List<PythonSource.Line> lines;
        private final PythonConditions conditions;
        private final Deque<Block> stack = new ArrayDeque<>();
        private final Map<Integer, Chain> chains = new HashMap<>();
        private final List<Import> imports = new ArrayList<>();
        private int tries;

        Scanner(List<PythonSource.Line> lines, PythonConditions conditions) {
            this.lines = lines;
            this.conditions = conditions;
        }

        List<Import> run() {
            for (int i = 0; i < lines.size(); i++) {
                PythonSource.Line line = lines.get(i);
                boolean afterConditionalExit = false;
                while (!stack.isEmpty() && stack.peek().indent() >= line.indent()) {
                    Block closed = stack.pop();
                    afterConditionalExit |= closed.branch && closed.exits && closed.indent == line.indent();
                }
                if (afterConditionalExit) {
                    // `if <undecided>: raise/return` - what follows in this block runs only when it did not.
                    stack.push(new Block(line.indent() - 1, State.CONDITIONAL, -1, false));
                }
                if (!stack.isEmpty()) {
                    stack.peek().exits = EXIT.matcher(line.text()).find();
                }
                chains.keySet().removeIf(indent -> indent > line.indent());
                Matcher keyword = KEYWORD.matcher(line.text());
                String word = keyword.find() ? keyword.group(1).replaceAll("\\s+", " ") : null;
                boolean continues = word != null && (word.equals("elif") || word.equals("else")
                        || word.equals("except") || word.equals("finally"));
                if (!continues) {
                    chains.remove(line.indent());
                }
                if (word == null) {
                    statement(line, line.text(), line.raw());
                    continue;
                }
                int colon = headerColon(line.text());
                int rawColon = headerColon(line.raw());
                if (colon < 0 || rawColon < 0) {
                    statement(line, line.text(), line.raw());
                    continue;
                }
                String header = line.text().substring(0, colon).trim();
                String rawHeader = line.raw().substring(0, rawColon).trim();
                Block block = header(word, header, rawHeader, line, i);
                stack.push(block);
                String body = line.text().substring(colon + 1).trim();
                block.exits = EXIT.matcher(body).find();
                if (!body.isEmpty()) {
                    statement(line, body, line.raw().substring(rawColon + 1).trim());
                }
            }
            return imports;
        }

        private State context() {
            State strongest = State.LIVE;
            for (Block block : stack) {
                if (block.state() == State.DEAD) {
                    return State.DEAD;
                }
                if (strongest == State.LIVE) {
                    strongest = block.state();
                }
            }
            return strongest;
        }

        private boolean inFunction() {
            return stack.stream().anyMatch(Block::function);
        }

        private Block header(String word, String header, String rawHeader, PythonSource.Line line, int index) {
            int indent = line.indent();
            boolean dead = context() == State.DEAD;
            switch (word) {
                case "if", "elif": {
                    Chain chain = word.equals("elif") ? chains.get(indent) : null;
                    if (chain == null || !chain.kind.equals("if")) {
                        chain = new Chain("if", -1);
                        chains.put(indent, chain);
                    }
                    if (dead) {
                        return new Block(indent, State.DEAD, -1, false);
                    }
                    if (chain.anyTrue) {
                        return new Block(indent, State.DEAD, -1, false);
                    }
                    String condition = rawHeader.substring(word.length()).trim();
                    PythonConditions.Truth truth = conditions.decide(condition);
                    State state = switch (truth) {
                        case TRUE -> chain.anyUnknown ? State.CONDITIONAL : State.LIVE;
                        case FALSE -> State.DEAD;
                        case UNKNOWN -> State.CONDITIONAL;
                    };
                    chain.anyTrue |= truth == PythonConditions.Truth.TRUE;
                    chain.anyUnknown |= truth == PythonConditions.Truth.UNKNOWN;
                    return new Block(indent, state, -1, false, state == State.CONDITIONAL);
                }
                case "else": {
                    Chain chain = chains.get(indent);
                    if (chain == null) {
                        return new Block(indent, State.LIVE, -1, false);
                    }
                    return switch (chain.kind) {
                        case "if" -> new Block(indent, chain.anyTrue ? State.DEAD
                                : chain.anyUnknown ? State.CONDITIONAL : State.LIVE, -1, false,
                                !chain.anyTrue && chain.anyUnknown);
                        case "try" -> new Block(indent, chain.tryId >= 0 ? State.GUARDED : State.LIVE, chain.tryId, false);
                        default -> new Block(indent, State.LIVE, -1, false);
                    };
                }
                case "try": {
                    int id = tries++;
                    boolean guards = guardsImports(index);
                    chains.put(indent, new Chain("try", guards ? id : -1));
                    return new Block(indent, guards ? State.GUARDED : State.LIVE, guards ? id : -1, false);
                }
                case "except": {
                    Chain chain = chains.get(indent);
                    int id = chain == null ? -1 : chain.tryId;
                    boolean catches = GUARDING_EXCEPT.matcher(header + ":").find();
                    return new Block(indent, catches && id >= 0 ? State.FALLBACK : State.CONDITIONAL, id, false);
                }
                case "for", "while", "async for":
                    chains.put(indent, new Chain("loop", -1));
                    return new Block(indent, State.LIVE, -1, false);
                case "with", "async with":
                    if (SUPPRESSING_WITH.matcher(header).find()) {
                        return new Block(indent, State.GUARDED, tries++, false);
                    }
                    return new Block(indent, State.LIVE, -1, false);
                case "def", "async def", "class":
                    return new Block(indent, State.LIVE, -1, true);
                case "case":
                    return new Block(indent, State.CONDITIONAL, -1, false, true);
                default:
                    return new Block(indent, State.LIVE, -1, false);
            }
        }

        /** Whether the try opened at {@code index} has a handler that catches ImportError. */
        private boolean guardsImports(int index) {
            int indent = lines.get(index).indent();
            int k = index + 1;
            while (k < lines.size() && lines.get(k).indent() > indent) {
                k++;
            }
            while (k < lines.size() && lines.get(k).indent() == indent && lines.get(k).text().startsWith("except")) {
                if (GUARDING_EXCEPT.matcher(lines.get(k).text()).find()) {
                    return true;
                }
                k++;
                while (k < lines.size() && lines.get(k).indent() > indent) {
                    k++;
                }
            }
            return false;
        }

        private void statement(PythonSource.Line line, String text, String raw) {
            State context = context();
            if (context == State.DEAD) {
                return;
            }
            Guard guard = switch (context) {
                case GUARDED -> Guard.GUARDED;
                case FALLBACK -> Guard.FALLBACK;
                case CONDITIONAL -> Guard.CONDITIONAL;
                default -> Guard.NONE;
            };
            List<Integer> inTries = new ArrayList<>();
            List<Integer> fallbackFor = new ArrayList<>();
            for (Block block : stack) {
                if (block.state() == State.GUARDED && block.tryId() >= 0) {
                    inTries.add(block.tryId());
                } else if (block.state() == State.FALLBACK && block.tryId() >= 0) {
                    fallbackFor.add(block.tryId());
                }
            }
            String[] statements = text.split(";");
            for (String statement : statements) {
                parse(statement.trim(), line.number(), guard, List.copyOf(inTries), List.copyOf(fallbackFor));
            }
            if (!inFunction()) {
                if (statements.length == 1) {
                    Matcher assignment = ASSIGNMENT.matcher(raw);
                    if (assignment.find()) {
                        conditions.noteAssignment(assignment.group(1), assignment.group(2), context == State.LIVE);
                    }
                } else {
                    for (String statement : statements) {
                        Matcher assignment = ASSIGNMENT.matcher(statement.trim());
                        if (assignment.find()) {
                            conditions.noteAssignment(assignment.group(1), "", false);
                        }
                    }
                }
            }
        }

        private void parse(String statement, int line, Guard guard, List<Integer> inTries, List<Integer> fallbackFor) {
            if (statement.startsWith("import ")) {
                List<String[]> bound = new ArrayList<>();
                for (String part : statement.substring(7).split(",")) {
                    String[] words = part.trim().split("\\s+");
                    String module = words[0];
                    if (!module.isEmpty()) {
                        imports.add(new Import(line, 0, module, List.of(), guard, inTries, fallbackFor));
                        bound.add(new String[] {module, words.length == 3 && words[1].equals("as") ? words[2] : null});
                    }
                }
                conditions.noteImport(null, bound);
            } else if (statement.startsWith("from ") && statement.contains(" import ")) {
                String from = statement.substring(5, statement.indexOf(" import ")).trim();
                String what = statement.substring(statement.indexOf(" import ") + 8).replace("(", " ").replace(")", " ");
                int level = 0;
                while (level < from.length() && from.charAt(level) == '.') {
                    level++;
                }
                List<String> names = new ArrayList<>();
                List<String[]> bound = new ArrayList<>();
                for (String part : what.split(",")) {
                    String[] words = part.trim().split("\\s+");
                    String name = words[0];
                    if (!name.isEmpty()) {
                        names.add(name);
                        bound.add(new String[] {name, words.length == 3 && words[1].equals("as") ? words[2] : null});
                    }
                }
                imports.add(new Import(line, level, from.substring(level), names, guard, inTries, fallbackFor));
                conditions.noteImport(from, bound);
            }
        }
    }

    /**
     * The position of the colon that ends a compound statement's header: the first one outside brackets and
     * string literals, or -1.
     */
    static int headerColon(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                while (end > 0 && text.charAt(end - 1) == '\\') {
                    end = text.indexOf(c, end + 1);
                }
                if (end < 0) {
                    return -1;
                }
                i = end;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
