package io.github.lambdazip.pep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A PEP 508 environment marker, e.g. {@code python_version < "3.12" and (platform_machine == "aarch64" or
 * extra == "arm")}, parsed once and evaluated against a {@link MarkerEnvironment}.
 *
 * <p>Grammar: {@code and} binds tighter than {@code or}; parentheses group; either side of a comparison may be a
 * variable or a quoted string ('single' or "double"). A comparison uses PEP 440 version rules when the operator
 * is a version operator and both sides read as versions (the right side as a specifier, so {@code "3.*"} works),
 * string rules otherwise; {@code in}/{@code not in} test for a substring. {@code ~=} between non-versions is an
 * error, as in {@code packaging}.
 *
 * <p>Extras and groups are sets: {@code extra == "x"} holds when {@code x} is among the requested extras and
 * {@code extra != "x"} when it is not, names compared normalised (PEP 685). That is how lock files (uv, Poetry,
 * PEP 751) write their markers. PEP 751's {@code "x" in extras} and {@code "g" in dependency_groups} test the
 * requested extras and dependency groups. Legacy dotted names ({@code os.name}, {@code sys.platform},
 * {@code platform.machine}, ...) are read as their PEP 508 names.
 */
public final class Marker {

    private static final Map<String, String> LEGACY_NAMES = Map.of(
            "os.name", "os_name", "sys.platform", "sys_platform", "platform.version", "platform_version",
            "platform.machine", "platform_machine", "platform.python_implementation",
            "platform_python_implementation", "python_implementation", "platform_python_implementation");
    private static final Set<String> SET_VARIABLES = Set.of("extras", "dependency_groups");

    private final String text;
    private final Node root;
    private final boolean readsFullVersion;

    private Marker(String text, Node root) {
        this.text = text;
        this.root = root;
        this.readsFullVersion = root.reads(MarkerEnvironment.FULL_VERSION_VARIABLES);
    }

    /** Reads a marker; the exception names the marker and the position where reading failed. */
    public static Marker parse(String text) throws InvalidMarkerException {
        if (text == null) {
            throw new InvalidMarkerException("", 0, "the marker is missing");
        }
        Parser parser = new Parser(text);
        Node root = parser.or();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected '" + text.substring(parser.pos) + "', expected 'and', 'or' or the end");
        }
        return new Marker(text, root);
    }

    /**
     * Whether the marker holds in the environment.
     *
     * @throws PythonFullVersionNeededException the marker reads the patch release, the environment does not know
     *     it, and the answer depends on it
     */
    public boolean evaluate(MarkerEnvironment environment) throws InvalidMarkerException {
        if (readsFullVersion) {
            // the whole marker, so "python_full_version >= '3.12.4' and sys_platform == 'win32'" is decided anyway
            return environment.decide(text, env -> root.evaluate(env, text));
        }
        return root.evaluate(environment, text);
    }

    /** The marker as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    // ---------------------------------------------------------------------------------------------- syntax tree

    private sealed interface Node permits Or, And, Comparison {
        boolean evaluate(MarkerEnvironment environment, String text) throws InvalidMarkerException;

        /** Whether any comparison reads one of these variables. */
        boolean reads(Set<String> variables);
    }

    private record Or(List<Node> parts) implements Node {
        @Override
        public boolean reads(Set<String> variables) {
            return parts.stream().anyMatch(part -> part.reads(variables));
        }

        @Override
        public boolean evaluate(MarkerEnvironment environment, String text) throws InvalidMarkerException {
            for (Node part : parts) {
                if (part.evaluate(environment, text)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record And(List<Node> parts) implements Node {
        @Override
        public boolean reads(Set<String> variables) {
            return parts.stream().anyMatch(part -> part.reads(variables));
        }

        @Override
        public boolean evaluate(MarkerEnvironment environment, String text) throws InvalidMarkerException {
            for (Node part : parts) {
                if (!part.evaluate(environment, text)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A variable (by its PEP 508 name) or a quoted string. */
    private record Operand(String variable, String literal) {
        boolean isVariable(String name) {
            return name.equals(variable);
        }

        boolean reads(Set<String> variables) {
            return variable != null && variables.contains(variable);
        }
    }

    private record Comparison(Operand left, String operator, Operand right, int position) implements Node {

        @Override
        public boolean reads(Set<String> variables) {
            return left.reads(variables) || right.reads(variables);
        }

        @Override
        public boolean evaluate(MarkerEnvironment environment, String text) throws InvalidMarkerException {
            if (left.isVariable("extra") || right.isVariable("extra")) {
                return evaluateExtra(environment, text);
            }
            if (right.variable() != null && SET_VARIABLES.contains(right.variable())) {
                return evaluateSet(environment, text);
            }
            if (left.variable() != null && SET_VARIABLES.contains(left.variable())) {
                throw new InvalidMarkerException(text, position,
                        "'" + left.variable() + "' is a set: write '\"name\" in " + left.variable() + "'");
            }
            return compare(value(left, environment), value(right, environment), text);
        }

        private static String value(Operand operand, MarkerEnvironment environment) {
            return operand.variable() == null ? operand.literal() : environment.value(operand.variable());
        }

        /** {@code extra} is the set of requested extras: == and != test membership, names normalised. */
        private boolean evaluateExtra(MarkerEnvironment environment, String text) throws InvalidMarkerException {
            boolean extraLeft = left.isVariable("extra");
            Operand other = extraLeft ? right : left;
            if (other.variable() != null && !other.isVariable("extra")) {
                throw new InvalidMarkerException(text, position, "'extra' can only be compared with a quoted name");
            }
            Set<String> extras = environment.extras();
            if (other.variable() == null && (operator.equals("==") || operator.equals("===") || operator.equals("!="))) {
                boolean member = extras.contains(Requirement.normalizeName(other.literal()));
                return operator.equals("!=") != member;
            }
            List<String> candidates = extras.isEmpty() ? List.of("") : List.copyOf(extras);
            for (String extra : candidates) {
                String literal = other.variable() == null ? Requirement.normalizeName(other.literal()) : extra;
                if (extraLeft ? compare(extra, literal, text) : compare(literal, extra, text)) {
                    return true;
                }
            }
            return false;
        }

        private boolean evaluateSet(MarkerEnvironment environment, String text) throws InvalidMarkerException {
            if (!operator.equals("in") && !operator.equals("not in")) {
                throw new InvalidMarkerException(text, position,
                        "'" + right.variable() + "' is a set: only 'in' and 'not in' apply to it");
            }
            if (left.variable() != null) {
                throw new InvalidMarkerException(text, position,
                        "the left side of 'in " + right.variable() + "' must be a quoted name");
            }
            Set<String> set = right.isVariable("extras") ? environment.extras() : environment.dependencyGroups();
            boolean member = set.contains(Requirement.normalizeName(left.literal()));
            return operator.equals("in") == member;
        }

        private boolean compare(String lhs, String rhs, String text) throws InvalidMarkerException {
            switch (operator) {
                case "in":
                    return rhs.contains(lhs);
                case "not in":
                    return !rhs.contains(lhs);
                default:
                    break;
            }
            Optional<Version> candidate = Version.tryParse(lhs);
            if (candidate.isPresent()) {
                try {
                    VersionSpecifier specifier = VersionSpecifier.of(VersionSpecifier.Operator.of(operator), rhs);
                    return specifier.contains(candidate.get(), true);
                } catch (InvalidSpecifierException notAVersion) {
                    // fall back to comparing strings, as PEP 508 says
                }
            }
            int order = lhs.compareTo(rhs);
            return switch (operator) {
                case "==", "===" -> order == 0;
                case "!=" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> throw new InvalidMarkerException(text, position,
                        "'" + operator + "' needs versions on both sides, got '" + lhs + "' and '" + rhs + "'");
            };
        }
    }

    // ---------------------------------------------------------------------------------------------- parser

    /** A recursive-descent reader over the text, keeping the position for messages. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Node or() throws InvalidMarkerException {
            List<Node> parts = new ArrayList<>();
            parts.add(and());
            while (keyword("or")) {
                parts.add(and());
            }
            return parts.size() == 1 ? parts.get(0) : new Or(List.copyOf(parts));
        }

        Node and() throws InvalidMarkerException {
            List<Node> parts = new ArrayList<>();
            parts.add(atom());
            while (keyword("and")) {
                parts.add(atom());
            }
            return parts.size() == 1 ? parts.get(0) : new And(List.copyOf(parts));
        }

        Node atom() throws InvalidMarkerException {
            skipSpace();
            if (peek('(')) {
                pos++;
                Node inner = or();
                skipSpace();
                if (!peek(')')) {
                    throw error(pos < text.length() ? "expected ')' or 'and'/'or'" : "missing ')'");
                }
                pos++;
                return inner;
            }
            int start = pos;
            Operand left = operand();
            String operator = operator();
            Operand right = operand();
            return new Comparison(left, operator, right, start);
        }

        Operand operand() throws InvalidMarkerException {
            skipSpace();
            if (pos >= text.length()) {
                throw error("expected a variable or a quoted string, got the end");
            }
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                int close = text.indexOf(c, pos + 1);
                if (close < 0) {
                    throw error("unterminated string");
                }
                String value = text.substring(pos + 1, close);
                pos = close + 1;
                return new Operand(null, value);
            }
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (name.isEmpty()) {
                throw error("expected a variable or a quoted string, got '" + c + "'");
            }
            String variable = LEGACY_NAMES.getOrDefault(name, name);
            if (!MarkerEnvironment.VARIABLES.contains(variable) && !variable.equals("extra")
                    && !SET_VARIABLES.contains(variable)) {
                pos = start;
                throw error("unknown variable '" + name + "'; PEP 508 knows " + String.join(", ",
                        MarkerEnvironment.VARIABLES) + ", extra, and PEP 751 adds extras, dependency_groups");
            }
            return new Operand(variable, null);
        }

        String operator() throws InvalidMarkerException {
            skipSpace();
            for (String symbol : List.of("===", "==", "!=", "<=", ">=", "~=", "<", ">")) {
                if (text.startsWith(symbol, pos)) {
                    pos += symbol.length();
                    return symbol;
                }
            }
            if (keyword("in")) {
                return "in";
            }
            int start = pos;
            if (keyword("not")) {
                if (keyword("in")) {
                    return "not in";
                }
                pos = start;
                throw error("'not' must be followed by 'in'");
            }
            throw error("expected an operator (==, !=, <, <=, >, >=, ~=, ===, in, not in)");
        }

        /** Consumes {@code word} if it comes next as a whole word. */
        boolean keyword(String word) {
            skipSpace();
            int end = pos + word.length();
            if (text.startsWith(word, pos) && (end == text.length() || !isNameChar(text.charAt(end)))) {
                pos = end;
                return true;
            }
            return false;
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.';
        }

        boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        InvalidMarkerException error(String problem) {
            return new InvalidMarkerException(text, pos, problem);
        }
    }
}
