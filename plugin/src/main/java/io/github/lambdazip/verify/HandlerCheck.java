package io.github.lambdazip.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda imports the handler's module from the zip root, so {@code a.b.fn} needs {@code a/b.py} (or
 * {@code a/b/__init__.py}) at the root, defining {@code fn} at top level. A handler function whose body does
 * nothing real (a placeholder written "to allow packaging") is a warning, or an error with {@code failOnWarning}.
 */
public final class HandlerCheck {

    /** Statements that do nothing: pass, ..., a docstring, a bare return, return None, raise NotImplementedError. */
    private static final Pattern NOTHING = Pattern.compile(
            "^(pass|\\.\\.\\.|\"\"|return|return None|raise NotImplementedError(\\s*\\(.*\\))?)$");
    /** return of one literal: a number, a string, True, False or None. */
    private static final Pattern RETURN_SCALAR = Pattern.compile(
            "^return\\s*\\(?\\s*(-?[0-9][0-9_.eExXa-fA-F]*|\"\"|True|False|None)\\s*\\)?$");
    private static final Pattern TODO = Pattern.compile("(?i)\\b(TODO|FIXME|XXX|placeholder|stub|not implemented|implement me)\\b");
    private static final Pattern DEF = Pattern.compile("^(?:async\\s+)?def\\s+([A-Za-z_]\\w*)\\s*\\(");

    private final boolean failOnWarning;

    public HandlerCheck() {
        this(false);
    }

    /**
     * @param failOnWarning whether warnings fail the build; a placeholder handler is then reported as an error
     */
    public HandlerCheck(boolean failOnWarning) {
        this.failOnWarning = failOnWarning;
    }

    public List<Finding> check(String handler, PackageContents contents) throws IOException {
        return check(handler, contents, List.of());
    }

    /** Lambda also finds the handler module in a layer's {@code python/} folder (/opt/python). */
    public List<Finding> check(String handler, PackageContents contents, List<PackageContents> layers)
            throws IOException {
        List<Finding> findings = new ArrayList<>();
        Optional<HandlerSpec> parsed = HandlerSpec.parse(handler);
        if (parsed.isEmpty()) {
            findings.add(Finding.error(Rule.HANDLER_FORMAT, null,
                    "the handler '" + handler + "' is not of the form module.function (e.g. app.lambda_handler)",
                    "set <handler> to the module path and the function name, e.g. "
                            + "<handler>notifier.notification_handler.lambda_handler</handler>"));
            return findings;
        }
        HandlerSpec spec = parsed.get();
        String module = findModule(spec, contents);
        if (module == null) {
            for (PackageContents layer : layers) {
                if (layer.contains("python/" + spec.modulePath()) || layer.contains("python/" + spec.packageInitPath())) {
                    return findings;
                }
            }
            findings.add(missingModule(spec, contents));
            return findings;
        }
        if (module.endsWith(".py")) {
            checkFunction(spec, module, contents, findings);
        }
        return findings;
    }

    private static String findModule(HandlerSpec spec, PackageContents contents) {
        if (contents.contains(spec.modulePath())) {
            return spec.modulePath();
        }
        if (contents.contains(spec.packageInitPath())) {
            return spec.packageInitPath();
        }
        String nativePrefix = spec.module().replace('.', '/') + ".";
        for (String name : contents.names()) {
            if (name.startsWith(nativePrefix) && name.endsWith(".so") && name.indexOf('/', nativePrefix.length()) < 0) {
                return name;
            }
        }
        return null;
    }

    private static Finding missingModule(HandlerSpec spec, PackageContents contents) {
        String problem = "the handler module '" + spec.module() + "' is not at the zip root: there is no "
                + spec.modulePath() + " or " + spec.packageInitPath()
                + ", so Lambda fails with Runtime.ImportModuleError: No module named '" + spec.topLevelModule() + "'";
        Optional<String> nested = contents.names().stream()
                .filter(n -> n.endsWith("/" + spec.modulePath()) || n.endsWith("/" + spec.packageInitPath()))
                .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        if (nested.isPresent()) {
            String found = nested.get();
            String suffix = found.endsWith("/" + spec.modulePath()) ? spec.modulePath() : spec.packageInitPath();
            String prefix = found.substring(0, found.length() - suffix.length());
            String prefixModule = prefix.substring(0, prefix.length() - 1).replace('/', '.');
            int depth = (int) suffix.chars().filter(c -> c == '/').count();
            String source = contents.sourceFolder(found, depth);
            return Finding.error(Rule.HANDLER_MODULE_MISSING, found,
                    problem + "; it was found under the folder '" + prefix + "' instead",
                    "either package that folder's contents rather than the folder itself: <sources><source>" + source
                            + "</source></sources>; or keep the layout and prefix the handler: <handler>" + prefixModule
                            + "." + spec.handler() + "</handler>");
        }
        return Finding.error(Rule.HANDLER_MODULE_MISSING, spec.modulePath(), problem,
                "add " + spec.modulePath() + " to a <source> folder (its contents go to the zip root), "
                        + "or correct <handler> to name a module that is there");
    }

    /** The defined name closest to the one asked for, when it is a likely typo (at most two edits away). */
    static String nearestName(String wanted, Collection<String> defined) {
        String best = null;
        int bestDistance = Math.min(2, Math.max(1, wanted.length() / 3)) + 1;
        for (String name : new TreeSet<>(defined)) {
            int distance = editDistance(wanted, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private void checkFunction(HandlerSpec spec, String module, PackageContents contents,
            List<Finding> findings) throws IOException {
        String source = new String(contents.read(module), StandardCharsets.UTF_8);
        PythonTopLevelNames names = PythonTopLevelNames.scan(source);
        if (names.names.contains(spec.function())) {
            checkPlaceholder(spec, module, source, findings);
            return;
        }
        String problem = module + " defines no top-level '" + spec.function() + "'";
        String define = "define 'def " + spec.function() + "(event, context):' at the top level of " + module;
        String nearest = nearestName(spec.function(), names.names);
        String fix = nearest == null ? define + ", or set <handler> to the function it does define"
                : "did you mean " + spec.module() + "." + nearest + "? set <handler>" + spec.module() + "." + nearest
                        + "</handler>, or " + define;
        if (names.dynamic) {
            findings.add(Finding.warning(Rule.HANDLER_FUNCTION_MISSING, module,
                    problem + " that this check can see (the module binds names in ways it cannot follow)", fix));
        } else {
            findings.add(Finding.error(Rule.HANDLER_FUNCTION_MISSING, module,
                    problem + ", so Lambda fails with Runtime.HandlerNotFound", fix));
        }
    }

    /**
     * The handler's body, when it is the module's only top-level binding of that name, undecorated: placeholder
     * statements only, or a TODO/placeholder comment with nothing but constant returns.
     */
    private void checkPlaceholder(HandlerSpec spec, String module, String source, List<Finding> findings) {
        List<PythonSource.Line> lines = PythonSource.lines(source);
        int def = -1;
        for (int i = 0; i < lines.size(); i++) {
            PythonSource.Line line = lines.get(i);
            if (line.indent() != 0) {
                continue;
            }
            Matcher matcher = DEF.matcher(line.text());
            boolean defines = matcher.find() && matcher.group(1).equals(spec.function());
            boolean binds = defines || line.text().matches("^" + Pattern.quote(spec.function()) + "\\s*(:[^=]*)?=[^=].*")
                    || line.text().matches("^(from\\s+\\S+\\s+)?import\\b.*\\b" + Pattern.quote(spec.function()) + "\\b.*");
            if (binds && def >= 0) {
                return; // bound twice: not sure which one Lambda calls
            }
            if (defines) {
                if (i > 0 && lines.get(i - 1).indent() == 0 && lines.get(i - 1).text().startsWith("@")) {
                    return; // a decorator may supply the behaviour
                }
                def = i;
            }
        }
        if (def < 0) {
            return;
        }
        PythonSource.Line header = lines.get(def);
        List<String[]> body = new ArrayList<>();
        int colon = PythonImports.headerColon(header.text());
        int rawColon = PythonImports.headerColon(header.raw());
        if (colon > 0 && rawColon > 0 && !header.text().substring(colon + 1).isBlank()) {
            body.add(new String[] {header.text().substring(colon + 1).trim(), header.raw().substring(rawColon + 1).trim()});
        }
        int end = header.end();
        int bodyIndent = -1;
        for (int i = def + 1; i < lines.size() && lines.get(i).indent() > 0; i++) {
            PythonSource.Line line = lines.get(i);
            bodyIndent = bodyIndent < 0 ? line.indent() : bodyIndent;
            if (line.indent() != bodyIndent) {
                return; // a nested block: real code
            }
            body.add(new String[] {line.text(), line.raw()});
            end = line.end();
        }
        if (body.isEmpty()) {
            return;
        }
        boolean todo = false;
        Map<Integer, String> comments = PythonSource.comments(source);
        for (int number = header.number(); number <= end + 1; number++) {
            todo |= comments.containsKey(number) && TODO.matcher(comments.get(number)).find();
        }
        boolean nothing = true;
        boolean constant = true;
        for (String[] statement : body) {
            String text = statement[0];
            boolean does = NOTHING.matcher(text).matches() || RETURN_SCALAR.matcher(text).matches();
            nothing &= does;
            constant &= does || (text.startsWith("return ") && constantExpression(statement[1].substring(7)));
        }
        if (!nothing && !(todo && constant)) {
            return;
        }
        String what = body.size() == 1 ? "'" + body.get(0)[1] + "'" : "placeholder statements only";
        findings.add(new Finding(Rule.HANDLER_PLACEHOLDER, failOnWarning ? Severity.ERROR : Severity.WARNING, module,
                header.number(), "the handler " + spec.function() + "() does nothing real (its body is " + what
                        + (todo ? ", with a TODO/placeholder comment" : "") + "): deployed, every invocation succeeds "
                        + "without doing the function's work",
                "implement the handler before packaging it, or leave the function out of <functions> until it is "
                        + "written; if a fixed answer is what it should give, ignore this warning (it fails the build "
                        + "only with failOnWarning)"));
    }

    /** A literal built from strings, numbers, True/False/None, dicts, lists and tuples, maybe through json.dumps. */
    private static boolean constantExpression(String raw) {
        String rest = raw.replaceAll("(?s)[rRbBuU]?(\"\"\"|\'\'\'|\"|')(.*?)\\1", "\u0001")
                .replaceAll("\\b(True|False|None|json\\.dumps)\\b", "\u0001")
                .replaceAll("(?<![A-Za-z_])-?[0-9][0-9_.eExXa-fA-F]*", "\u0001");
        return !rest.isBlank() && rest.matches("[\\s\u0001,:\\[\\]{}()+]*");
    }
}
