package io.github.lambdazip.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides the {@code if} conditions a module's imports hang on, for the function's runtime, without running
 * anything: {@code sys.version_info} compared with tuples, indexed, sliced or as {@code .major}/{@code .minor};
 * {@code sys.platform}, {@code os.name}, {@code platform.system()} and {@code platform.python_implementation()};
 * {@code TYPE_CHECKING} under any alias of {@code typing}; {@code six.PY2}/{@code PY3}; {@code __name__ ==
 * "__main__"}; and module-level names assigned one of these ({@code PY2 = sys.version_info[0] == 2}). Anything else
 * is {@link Truth#UNKNOWN}, and the caller treats what it guards as conditional.
 */
final class PythonConditions {

    enum Truth {
        TRUE, FALSE, UNKNOWN;

        static Truth of(boolean value) {
            return value ? TRUE : FALSE;
        }

        Truth not() {
            return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
        }
    }

    /** A value the evaluator could not know. */
    private static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "<unknown>";
        }
    };
    private static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A module or a dotted name inside one, e.g. sys, sys.version_info, typing.TYPE_CHECKING. */
    private record Ref(String dotted) {}

    /** A function it knows the result of, bound to its receiver for methods. */
    private record Callable(String name, Object receiver) {}

    /** What the function's Lambda reports, e.g. Python 3.12 on Linux x86_64. */
    record Environment(int minor, String machine) {
        /** An environment whose Python version is not known (version checks are then undecided). */
        static final Environment UNSPECIFIED = new Environment(-1, null);
    }

    private final Environment environment;
    /** Local names bound by imports, to the dotted name they stand for. */
    private final Map<String, String> aliases = new HashMap<>();
    /** Module-level names with a known value (UNKNOWN once a name is bound twice differently). */
    private final Map<String, Object> constants = new HashMap<>();

    PythonConditions(Environment environment) {
        this.environment = environment;
    }

    /** Notes the names an import statement binds: {@code import sys as s}, {@code from typing import X as Y}. */
    void noteImport(String from, List<String[]> names) {
        if (from == null) {
            for (String[] name : names) {
                String module = name[0];
                if (name[1] != null) {
                    aliases.put(name[1], module);
                } else {
                    String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
                    aliases.put(top, top);
                }
                constants.remove(name[1] != null ? name[1] : module.split("\\.")[0]);
            }
            return;
        }
        String base = from.replaceFirst("^\\.+", "");
        if (base.equals("six") || base.endsWith(".six")) {
            base = "six";
        }
        for (String[] name : names) {
            String local = name[1] != null ? name[1] : name[0];
            aliases.put(local, base.isEmpty() ? name[0] : base + "." + name[0]);
            constants.remove(local);
        }
    }

    /** Notes a module-level {@code name = expression}; {@code live} says whether it surely runs. */
    void noteAssignment(String name, String expression, boolean live) {
        Object value = UNKNOWN;
        if (live) {
            try {
                value = evaluate(expression);
            } catch (RuntimeException e) {
                value = UNKNOWN;
            }
        }
        if (constants.containsKey(name) && !Objects.equals(constants.get(name), value)) {
            value = UNKNOWN;
        }
        constants.put(name, value);
        aliases.remove(name);
    }

    /** Whether the condition holds on the function's Lambda. */
    Truth decide(String condition) {
        Object value;
        try {
            value = evaluate(condition);
        } catch (RuntimeException e) {
            return Truth.UNKNOWN;
        }
        return truth(value);
    }

    private Object evaluate(String expression) {
        Parser parser = new Parser(tokenize(expression));
        Object value = parser.expression();
        return parser.atEnd() ? value : UNKNOWN;
    }

    private static Truth truth(Object value) {
        if (value == UNKNOWN || value instanceof Ref || value instanceof Callable) {
            return Truth.UNKNOWN;
        }
        if (value == NONE) {
            return Truth.FALSE;
        }
        if (value instanceof Boolean b) {
            return Truth.of(b);
        }
        if (value instanceof Long l) {
            return Truth.of(l != 0);
        }
        if (value instanceof String s) {
            return Truth.of(!s.isEmpty());
        }
        if (value instanceof List<?> list) {
            return Truth.of(!list.isEmpty());
        }
        return Truth.UNKNOWN;
    }

    private static Object fromTruth(Truth truth) {
        return truth == Truth.UNKNOWN ? UNKNOWN : truth == Truth.TRUE;
    }

    /** What a dotted name is on the function's Lambda, or UNKNOWN; a module stays a reference. */
    private Object resolve(String dotted) {
        switch (dotted) {
            case "sys.version_info":
                return environment.minor() < 0 ? UNKNOWN : versionInfo();
            case "sys.platform":
                return "linux";
            case "os.name":
                return "posix";
            case "sys.implementation.name":
                return "cpython";
            case "sys.maxsize":
                return Long.MAX_VALUE;
            case "sys.byteorder":
                return "little";
            case "typing.TYPE_CHECKING", "typing_extensions.TYPE_CHECKING":
                return Boolean.FALSE;
            case "six.PY2":
                return Boolean.FALSE;
            case "six.PY3", "six.PY34":
                return Boolean.TRUE;
            case "sys", "os", "typing", "typing_extensions", "platform", "six", "sys.implementation":
                return new Ref(dotted);
            case "hasattr", "platform.system", "platform.python_implementation", "platform.machine":
                return new Callable(dotted, null);
            default:
                return UNKNOWN;
        }
    }

    private List<Object> versionInfo() {
        List<Object> info = new ArrayList<>();
        info.add(3L);
        info.add((long) environment.minor());
        info.add(UNKNOWN);
        info.add(UNKNOWN);
        info.add(UNKNOWN);
        return info;
    }

    private Object name(String name) {
        if (constants.containsKey(name)) {
            return constants.get(name);
        }
        if (aliases.containsKey(name)) {
            return resolve(aliases.get(name));
        }
        return switch (name) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> NONE;
            // A bare TYPE_CHECKING that nothing here binds is the usual `from typing import TYPE_CHECKING` done
            // in a way this scanner did not see (a star import, a re-export): false at run time either way.
            case "TYPE_CHECKING" -> Boolean.FALSE;
            // No module Lambda imports runs as __main__.
            case "__name__" -> "<module>";
            case "hasattr" -> new Callable("hasattr", null);
            default -> UNKNOWN;
        };
    }

    private Object attribute(Object target, String attribute) {
        if (target instanceof Ref ref) {
            return resolve(ref.dotted() + "." + attribute);
        }
        if (target instanceof List<?> list && list.size() == 5 && Long.valueOf(3).equals(list.get(0))) {
            return switch (attribute) {
                case "major" -> list.get(0);
                case "minor" -> list.get(1);
                case "micro" -> list.get(2);
                default -> UNKNOWN;
            };
        }
        if (target instanceof String && Set.of("startswith", "endswith", "lower", "upper").contains(attribute)) {
            return new Callable(attribute, target);
        }
        return UNKNOWN;
    }

    private Object call(Object function, List<Object> arguments) {
        if (!(function instanceof Callable callable)) {
            return UNKNOWN;
        }
        switch (callable.name()) {
            case "platform.system":
                return "Linux";
            case "platform.python_implementation":
                return "CPython";
            case "platform.machine":
                return environment.machine() == null ? UNKNOWN : environment.machine();
            case "hasattr":
                if (arguments.size() == 2 && arguments.get(0) instanceof Ref ref && ref.dotted().equals("sys")
                        && arguments.get(1) instanceof String attribute) {
                    // CPython on Linux: no PyPy or Windows-only attributes.
                    if (attribute.equals("pypy_version_info") || attribute.equals("getwindowsversion")
                            || attribute.equals("winver") || attribute.equals("dllhandle")) {
                        return Boolean.FALSE;
                    }
                }
                return UNKNOWN;
            case "startswith", "endswith":
                if (arguments.size() != 1 || !(callable.receiver() instanceof String text)) {
                    return UNKNOWN;
                }
                List<Object> options = arguments.get(0) instanceof List<?> list ? new ArrayList<>(list)
                        : List.of(arguments.get(0));
                for (Object option : options) {
                    if (!(option instanceof String prefix)) {
                        return UNKNOWN;
                    }
                    if (callable.name().equals("startswith") ? text.startsWith(prefix) : text.endsWith(prefix)) {
                        return Boolean.TRUE;
                    }
                }
                return Boolean.FALSE;
            case "lower":
                return ((String) callable.receiver()).toLowerCase(java.util.Locale.ROOT);
            case "upper":
                return ((String) callable.receiver()).toUpperCase(java.util.Locale.ROOT);
            default:
                return UNKNOWN;
        }
    }

    private static Object subscript(Object target, Object index, Object end, boolean slice) {
        if (!(target instanceof List<?> list)) {
            return UNKNOWN;
        }
        if (!slice) {
            if (!(index instanceof Long i) || i < -list.size() || i >= list.size()) {
                return UNKNOWN;
            }
            return list.get((int) (i < 0 ? i + list.size() : i));
        }
        long from = index == null ? 0 : index instanceof Long l ? l : -1;
        long to = end == null ? list.size() : end instanceof Long l ? l : -1;
        if (from < 0 || to < 0) {
            return UNKNOWN;
        }
        return new ArrayList<>(list.subList((int) Math.min(from, list.size()), (int) Math.min(Math.max(from, to), list.size())));
    }

    /** Compares two values: negative, zero, positive, or null when that cannot be known. */
    private static Integer compare(Object a, Object b) {
        if (a == UNKNOWN || b == UNKNOWN) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                Integer c = compare(x.get(i), y.get(i));
                if (c == null) {
                    return null;
                }
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        return null;
    }

    private static Object equal(Object a, Object b) {
        if (a == UNKNOWN || b == UNKNOWN || a instanceof Ref || b instanceof Ref) {
            return UNKNOWN;
        }
        if (a instanceof List<?> || b instanceof List<?>) {
            Integer c = a instanceof List<?> && b instanceof List<?> ? compare(a, b) : Integer.valueOf(1);
            return c == null ? UNKNOWN : (Object) (c == 0);
        }
        if (a.getClass() != b.getClass()) {
            return a == NONE || b == NONE || a instanceof String || b instanceof String ? (Object) Boolean.FALSE : UNKNOWN;
        }
        return a.equals(b);
    }

    private static Object contains(Object container, Object item) {
        if (container instanceof String text && item instanceof String part) {
            return text.contains(part);
        }
        if (container instanceof List<?> list && item != UNKNOWN) {
            boolean unknown = false;
            for (Object element : list) {
                Object same = equal(element, item);
                if (same == Boolean.TRUE) {
                    return true;
                }
                unknown |= same == UNKNOWN;
            }
            return unknown ? UNKNOWN : (Object) false;
        }
        return UNKNOWN;
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                String word = text.substring(start, i);
                if (i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"')
                        && word.matches("(?i)[rbuf]{1,2}")) {
                    continue; // a string prefix: the string follows
                }
                tokens.add(word);
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            } else if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated string");
                }
                tokens.add(text.substring(i, end + 1));
                i = end + 1;
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (List.of("==", "!=", "<=", ">=", "**").contains(two)) {
                    tokens.add(two);
                    i += 2;
                } else {
                    tokens.add(String.valueOf(c));
                    i++;
                }
            }
        }
        return tokens;
    }

    /** A recursive-descent reader of the expressions above; it gives up (UNKNOWN) on what it does not know. */
    private final class Parser {
        private final List<String> tokens;
        private int at;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return at >= tokens.size();
        }

        private String peek() {
            return at < tokens.size() ? tokens.get(at) : "";
        }

        private boolean accept(String token) {
            if (peek().equals(token)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw new IllegalArgumentException("expected " + token);
            }
        }

        Object expression() {
            Object value = or();
            if (peek().equals("if")) {
                throw new IllegalArgumentException("conditional expression");
            }
            return value;
        }

        private Object or() {
            Object left = and();
            while (accept("or")) {
                Object right = and();
                Truth a = truth(left);
                left = a == Truth.TRUE ? left : a == Truth.FALSE ? right
                        : truth(right) == Truth.TRUE ? Boolean.TRUE : UNKNOWN;
            }
            return left;
        }

        private Object and() {
            Object left = not();
            while (accept("and")) {
                Object right = not();
                Truth a = truth(left);
                left = a == Truth.FALSE ? left : a == Truth.TRUE ? right
                        : truth(right) == Truth.FALSE ? Boolean.FALSE : UNKNOWN;
            }
            return left;
        }

        private Object not() {
            if (accept("not")) {
                return fromTruth(truth(not()).not());
            }
            return comparison();
        }

        private Object comparison() {
            Object left = arithmetic();
            Object result = null;
            while (true) {
                String op = peek();
                boolean negated = false;
                if (op.equals("not") && at + 1 < tokens.size() && tokens.get(at + 1).equals("in")) {
                    at += 2;
                    op = "in";
                    negated = true;
                } else if (op.equals("is")) {
                    at++;
                    negated = accept("not");
                } else if (List.of("==", "!=", "<", "<=", ">", ">=", "in").contains(op)) {
                    at++;
                } else {
                    break;
                }
                Object right = arithmetic();
                Object outcome = switch (op) {
                    case "==", "is" -> equal(left, right);
                    case "!=" -> fromTruth(truth(equal(left, right)).not());
                    case "in" -> contains(right, left);
                    default -> {
                        Integer c = compare(left, right);
                        yield c == null ? UNKNOWN : (Object) switch (op) {
                            case "<" -> c < 0;
                            case "<=" -> c <= 0;
                            case ">" -> c > 0;
                            default -> c >= 0;
                        };
                    }
                };
                if (negated) {
                    outcome = fromTruth(truth(outcome).not());
                }
                result = result == null ? outcome : fromTruth(combineAnd(truth(result), truth(outcome)));
                left = right;
            }
            return result == null ? left : result;
        }

        private Truth combineAnd(Truth a, Truth b) {
            if (a == Truth.FALSE || b == Truth.FALSE) {
                return Truth.FALSE;
            }
            return a == Truth.TRUE && b == Truth.TRUE ? Truth.TRUE : Truth.UNKNOWN;
        }

        private Object arithmetic() {
            Object left = unary();
            while (List.of("+", "-", "*", "**").contains(peek())) {
                String op = tokens.get(at++);
                Object right = unary();
                if (left instanceof Long a && right instanceof Long b) {
                    left = switch (op) {
                        case "+" -> a + b;
                        case "-" -> a - b;
                        case "*" -> a * b;
                        default -> b >= 0 && b < 63 ? (long) Math.pow(a, b) : UNKNOWN;
                    };
                } else {
                    left = UNKNOWN;
                }
            }
            return left;
        }

        private Object unary() {
            if (accept("-")) {
                Object value = unary();
                return value instanceof Long l ? -l : UNKNOWN;
            }
            return postfix();
        }

        private Object postfix() {
            Object value = atom();
            while (true) {
                if (accept(".")) {
                    String attribute = peek();
                    at++;
                    value = attribute(value, attribute);
                } else if (accept("[")) {
                    Object index = null;
                    Object end = null;
                    boolean slice = false;
                    if (!peek().equals(":")) {
                        index = arithmetic();
                    }
                    if (accept(":")) {
                        slice = true;
                        if (!peek().equals("]")) {
                            end = arithmetic();
                        }
                    }
                    expect("]");
                    value = subscript(value, index, end, slice);
                } else if (accept("(")) {
                    List<Object> arguments = new ArrayList<>();
                    while (!accept(")")) {
                        arguments.add(expression());
                        if (!accept(",")) {
                            expect(")");
                            break;
                        }
                    }
                    value = call(value, arguments);
                } else {
                    return value;
                }
            }
        }

        private Object atom() {
            String token = peek();
            at++;
            if (token.equals("(") || token.equals("[")) {
                String close = token.equals("(") ? ")" : "]";
                List<Object> items = new ArrayList<>();
                boolean tuple = token.equals("[");
                while (!accept(close)) {
                    items.add(expression());
                    if (accept(",")) {
                        tuple = true;
                    } else {
                        expect(close);
                        break;
                    }
                }
                return tuple || items.isEmpty() ? items : items.get(0);
            }
            if (token.startsWith("'") || token.startsWith("\"")) {
                StringBuilder text = new StringBuilder(token.substring(1, token.length() - 1));
                while (peek().startsWith("'") || peek().startsWith("\"")) {
                    String next = tokens.get(at++);
                    text.append(next, 1, next.length() - 1);
                }
                return text.toString().contains("\\") ? UNKNOWN : text.toString();
            }
            if (!token.isEmpty() && Character.isDigit(token.charAt(0))) {
                String digits = token.replace("_", "").toLowerCase(java.util.Locale.ROOT);
                try {
                    return digits.startsWith("0x") ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
                } catch (NumberFormatException e) {
                    return UNKNOWN;
                }
            }
            if (!token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_')) {
                if (token.equals("lambda") || token.equals("await") || token.equals("yield")) {
                    throw new IllegalArgumentException(token);
                }
                return name(token);
            }
            throw new IllegalArgumentException("unexpected " + token);
        }
    }
}
