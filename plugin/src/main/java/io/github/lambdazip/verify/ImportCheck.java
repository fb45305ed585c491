package io.github.lambdazip.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Follows the imports of the function's own code, starting at the handler module, and reports those that would
 * resolve to nothing on Lambda: not in the zip, not in its layers, not in the runtime's standard library and not
 * among what the runtime provides (boto3 and its dependencies).
 *
 * <p>Strictness follows certainty. An import the handler's code reaches unconditionally must resolve (an error
 * otherwise). One under {@code try/except ImportError}, under a condition that cannot be decided, or in a module
 * reached only through such an import, is judged leniently: warnings at most. The fallback in an
 * {@code except ImportError} block is never an error, and nothing at all when the {@code try} side resolves.
 * Branches that cannot run on the function's Python ({@link PythonConditions}) are skipped, and modules that
 * exist only at run time ({@code six.moves} and the {@code virtualModules} setting) resolve.
 *
 * <p>Third-party code is trusted, not followed: files listed in a {@code RECORD}, packages a {@code *.dist-info}
 * or {@code *.egg-info} beside them names, and top-level packages the handler's code does not itself import
 * unconditionally (reached only through guarded imports or through other third-party code).
 */
public final class ImportCheck {

    /** What every Lambda Python runtime puts on sys.path besides the standard library. */
    static final Set<String> RUNTIME_PROVIDED = Set.of("boto3", "botocore", "s3transfer", "jmespath", "dateutil",
            "urllib3", "six", "awslambdaric");

    /** Modules that other code registers at run time ({@code sys.modules} entries, import hooks). */
    static final Set<String> KNOWN_VIRTUAL = Set.of("six.moves", "*.six.moves", "requests.packages",
            "pkg_resources.extern", "setuptools.extern", "*._vendor.six.moves");

    /** Modules every CPython has without a file: the running program, and the builtins. */
    private static final Set<String> ALWAYS_THERE = Set.of("__main__", "builtins", "__future__");

    private static final int MAX_MODULES = 20_000;
    private static final long MAX_SOURCE = 4L * 1024 * 1024;

    private final VerificationTarget target;
    private final VerifySettings settings;
    private final Set<String> virtual = new HashSet<>();

    /**
     * @param providedModules top-level modules that layers built elsewhere provide
     */
    public ImportCheck(VerificationTarget target, Set<String> providedModules) {
        this(target, VerifySettings.of(providedModules));
    }

    public ImportCheck(VerificationTarget target, VerifySettings settings) {
        this.target = target;
        this.settings = settings;
        virtual.addAll(KNOWN_VIRTUAL);
        virtual.addAll(settings.virtualModules());
    }

    /** How surely a module runs: reached by unconditional imports from the handler, or only otherwise. */
    private enum Reach {
        STRICT, LENIENT
    }

    private record Pending(String module, Reach reach) {}

    /** One import's outcome: a problem (null when it resolves) and the modules of the package it leads to. */
    private record Outcome(String module, String problem, List<String> follow) {}

    public List<Finding> check(String handler, PackageContents contents, List<PackageContents> layers)
            throws IOException {
        List<Finding> findings = new ArrayList<>();
        HandlerSpec spec = HandlerSpec.parse(handler).orElse(null);
        if (spec == null) {
            return findings;
        }
        Run run = new Run(contents, layers, findings);
        run.go(spec.module());
        return findings;
    }

    /** One check: the package's indexes and the walk over its modules. */
    private final class Run {
        private final PackageContents contents;
        private final List<Finding> findings;
        private final Set<String> installed;
        private final Set<String> zipTop;
        private final Set<String> topLevel;
        private final Set<String> strictTops = new HashSet<>();
        private final Set<String> visited = new HashSet<>();
        private final PythonConditions.Environment environment;

        Run(PackageContents contents, List<PackageContents> layers, List<Finding> findings) throws IOException {
            this.contents = contents;
            this.findings = findings;
            this.installed = thirdPartyFiles(contents);
            this.zipTop = topLevelNames(contents.names(), "");
            this.topLevel = new HashSet<>(zipTop);
            for (PackageContents layer : layers) {
                topLevel.addAll(topLevelNames(layer.names(), "python/"));
                for (String name : layer.names()) {
                    int marker = name.indexOf("/site-packages/");
                    if (name.startsWith("python/lib/") && marker > 0) {
                        topLevel.addAll(topLevelNames(List.of(name.substring(marker + 15)), ""));
                    }
                }
            }
            this.environment = new PythonConditions.Environment(
                    Integer.parseInt(target.runtime().pythonVersion().substring(2)), target.architecture().machine());
        }

        void go(String handlerModule) throws IOException {
            // First what the handler reaches for sure; then, leniently, what only guarded or conditional imports
            // reach, except what was already judged strictly.
            Deque<Pending> strict = new ArrayDeque<>();
            List<Pending> lenient = new ArrayList<>();
            strict.add(new Pending(handlerModule, Reach.STRICT));
            strictTops.add(top(handlerModule));
            while (!strict.isEmpty() && visited.size() < MAX_MODULES) {
                visit(strict.removeFirst(), strict, lenient);
            }
            Deque<Pending> rest = new ArrayDeque<>(lenient);
            while (!rest.isEmpty() && visited.size() < MAX_MODULES) {
                Pending next = rest.removeFirst();
                if (strictTops.contains(top(next.module()))) {
                    visit(next, rest, new ArrayList<>());
                }
            }
        }

        private void visit(Pending pending, Deque<Pending> sameReach, List<Pending> lenient) throws IOException {
            String module = pending.module();
            String file = moduleFile(module, contents);
            if (file == null || installed.contains(file) || !visited.add(module) || contents.size(file) > MAX_SOURCE) {
                return;
            }
            if (pending.reach() == Reach.STRICT) {
                strictTops.add(top(module));
            }
            String source = new String(contents.read(file), StandardCharsets.UTF_8);
            boolean isPackage = file.endsWith("/__init__.py");
            List<PythonImports.Import> imports = PythonImports.scan(source, environment);
            Map<Integer, Boolean> tryFailed = new HashMap<>();
            List<PythonImports.Import> fallbacks = new ArrayList<>();
            for (PythonImports.Import imported : imports) {
                if (imported.guard() == PythonImports.Guard.FALLBACK) {
                    fallbacks.add(imported);
                    continue;
                }
                Outcome outcome = resolve(module, isPackage, imported);
                for (int id : imported.tries()) {
                    tryFailed.merge(id, outcome.problem() != null, Boolean::logicalOr);
                }
                act(pending.reach(), file, imported, outcome, sameReach, lenient);
            }
            for (PythonImports.Import imported : fallbacks) {
                boolean firstChoiceThere = imported.fallbackFor().stream()
                        .anyMatch(id -> Boolean.FALSE.equals(tryFailed.get(id)));
                if (!firstChoiceThere) {
                    act(pending.reach(), file, imported, resolve(module, isPackage, imported), sameReach, lenient);
                }
            }
        }

        private void act(Reach reach, String file, PythonImports.Import imported, Outcome outcome,
                Deque<Pending> sameReach, List<Pending> lenient) {
            boolean strict = reach == Reach.STRICT && imported.guard() == PythonImports.Guard.NONE;
            if (outcome.problem() != null) {
                report(file, imported, outcome, strict ? null : leniency(reach, imported.guard()));
                return;
            }
            for (String next : outcome.follow()) {
                if (strict) {
                    sameReach.add(new Pending(next, Reach.STRICT));
                } else if (reach == Reach.STRICT) {
                    lenient.add(new Pending(next, Reach.LENIENT));
                } else {
                    sameReach.add(new Pending(next, Reach.LENIENT));
                }
            }
        }

        private Outcome resolve(String module, boolean isPackage, PythonImports.Import imported) {
            if (imported.level() > 0) {
                String base = isPackage ? module : parent(module);
                for (int i = 1; i < imported.level() && base != null; i++) {
                    base = parent(base);
                }
                if (base == null) {
                    return new Outcome(".".repeat(imported.level()) + imported.module(),
                            "a relative import that climbs above the zip root", List.of());
                }
                String target = imported.module().isEmpty() ? base
                        : (base.isEmpty() ? "" : base + ".") + imported.module();
                if (isVirtual(target)) {
                    return new Outcome(target, null, List.of());
                }
                if (!imported.module().isEmpty() && !exists(target, contents)) {
                    return new Outcome(target, "no such module in the package", List.of());
                }
                return new Outcome(target, null, follow(target, imported.names()));
            }
            String dotted = imported.module();
            String top = top(dotted);
            if (isVirtual(dotted) || ALWAYS_THERE.contains(top)) {
                return new Outcome(dotted, null, List.of());
            }
            if (topLevel.contains(top)) {
                if (!zipTop.contains(top) || !ownModule(top)) {
                    return new Outcome(dotted, null, List.of());
                }
                if (!exists(dotted, contents)) {
                    return new Outcome(dotted, "its package '" + top + "' is in the zip but this module is not",
                            List.of());
                }
                return new Outcome(dotted, null, follow(dotted, imported.names()));
            }
            if (PythonStdlib.contains(target.runtime(), top) || RUNTIME_PROVIDED.contains(top)
                    || settings.providedModules().contains(top)) {
                return new Outcome(dotted, null, List.of());
            }
            return new Outcome(dotted, "not in the package, its layers, the " + target.runtime().id()
                    + " standard library or the runtime's own packages (boto3, botocore and their dependencies)",
                    List.of());
        }

        private List<String> follow(String module, List<String> names) {
            List<String> modules = new ArrayList<>();
            modules.add(module);
            for (String name : names) {
                String candidate = module.isEmpty() ? name : module + "." + name;
                if (moduleFile(candidate, contents) != null) {
                    modules.add(candidate);
                }
            }
            return modules;
        }

        private boolean ownModule(String top) {
            String file = moduleFile(top, contents);
            if (file != null) {
                return !installed.contains(file);
            }
            for (String name : contents.names()) {
                if (name.startsWith(top + "/") && name.endsWith(".py")) {
                    return !installed.contains(name);
                }
            }
            return false;
        }

        private void report(String file, PythonImports.Import imported, Outcome outcome, String leniency) {
            String shown = outcome.module().isEmpty() ? "(package)" : outcome.module();
            String message = "imports '" + shown + "', which is " + outcome.problem();
            String fix = "add the distribution that provides '" + shown.split("\\.")[0] + "' to the function's "
                    + "requirements file (<requirements>), ship it in a layer, or, if a layer built elsewhere provides "
                    + "it, list it in <providedModules> (a module registered at run time: <virtualModules>)";
            if (leniency == null) {
                findings.add(new Finding(Rule.IMPORT_UNRESOLVED, Severity.ERROR, file, imported.line(),
                        message + "; Lambda fails with Runtime.ImportModuleError: No module named '" + shown + "'", fix));
            } else {
                findings.add(new Finding(Rule.IMPORT_UNRESOLVED, Severity.WARNING, file, imported.line(),
                        message + " (" + leniency + "); on Lambda it fails with Runtime.ImportModuleError: No module "
                                + "named '" + shown + "' if that code runs", fix));
            }
        }
    }

    private static String leniency(Reach reach, PythonImports.Guard guard) {
        return switch (guard) {
            case GUARDED -> "guarded by try/except ImportError, so the code may cope";
            case FALLBACK -> "the fallback in an except ImportError block, whose first choice is missing too";
            case CONDITIONAL -> "under a condition this check cannot decide";
            case NONE -> reach == Reach.LENIENT ? "in a module reached only through a guarded or conditional import"
                    : null;
        };
    }

    private boolean isVirtual(String dotted) {
        for (String entry : virtual) {
            if (entry.startsWith("*.")) {
                String suffix = entry.substring(1);
                String bare = entry.substring(2);
                if (dotted.equals(bare) || dotted.startsWith(bare + ".") || dotted.contains(suffix + ".")
                        || dotted.endsWith(suffix)) {
                    return true;
                }
            } else if (dotted.equals(entry) || dotted.startsWith(entry + ".")) {
                return true;
            }
        }
        return false;
    }

    private static String top(String dotted) {
        int dot = dotted.indexOf('.');
        return dot < 0 ? dotted : dotted.substring(0, dot);
    }

    private static boolean exists(String dotted, PackageContents contents) {
        if (moduleFile(dotted, contents) != null) {
            return true;
        }
        String folder = dotted.replace('.', '/') + "/";
        String nativePrefix = dotted.replace('.', '/') + ".";
        for (String name : contents.names()) {
            if (name.startsWith(folder) || (name.startsWith(nativePrefix) && name.endsWith(".so")
                    && name.indexOf('/', nativePrefix.length()) < 0)) {
                return true;
            }
        }
        return false;
    }

    static String moduleFile(String dotted, PackageContents contents) {
        if (dotted.isEmpty()) {
            return null;
        }
        String path = dotted.replace('.', '/');
        if (contents.contains(path + ".py")) {
            return path + ".py";
        }
        if (contents.contains(path + "/__init__.py")) {
            return path + "/__init__.py";
        }
        return null;
    }

    private static String parent(String module) {
        if (module.isEmpty()) {
            return null;
        }
        int dot = module.lastIndexOf('.');
        return dot < 0 ? "" : module.substring(0, dot);
    }

    /**
     * Files of third-party code: those listed in the RECORD files of the package's dist-info folders, and every
     * file of the top-level packages that a {@code *.dist-info} or {@code *.egg-info} at the root names (its
     * top_level.txt, or its project name), as code installed by {@code pip install -t} and committed, or zipped by a
     * tool that drops RECORD files, has them.
     */
    static Set<String> thirdPartyFiles(PackageContents contents) throws IOException {
        Set<String> installed = new HashSet<>();
        Set<String> claimed = new HashSet<>();
        for (String name : contents.names()) {
            int slash = name.indexOf('/');
            String folder = slash < 0 ? name : name.substring(0, slash);
            boolean metadata = folder.endsWith(".dist-info") || folder.endsWith(".egg-info");
            if (!metadata || name.indexOf('/', slash + 1) >= 0) {
                continue;
            }
            if (name.endsWith(".dist-info/RECORD") && contents.size(name) < 16 * 1024 * 1024) {
                for (String line : new String(contents.read(name), StandardCharsets.UTF_8).split("\n")) {
                    int comma = line.indexOf(',');
                    if (comma > 0) {
                        installed.add(line.substring(0, comma));
                    }
                }
            } else if (name.endsWith("/top_level.txt") && contents.size(name) < 64 * 1024) {
                for (String line : new String(contents.read(name), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        claimed.add(line.trim().replace('/', '.').split("\\.")[0]);
                    }
                }
            }
            claimed.add(projectName(folder));
        }
        if (!claimed.isEmpty()) {
            Set<String> normalized = new HashSet<>();
            for (String name : claimed) {
                normalized.add(normalize(name));
            }
            for (String name : contents.names()) {
                String top = name.contains("/") ? name.substring(0, name.indexOf('/'))
                        : name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                if (!top.endsWith(".dist-info") && !top.endsWith(".egg-info") && normalized.contains(normalize(top))) {
                    installed.add(name);
                }
            }
        }
        return installed;
    }

    private static String projectName(String metadataFolder) {
        String base = metadataFolder.substring(0, metadataFolder.lastIndexOf('.'));
        int dash = base.indexOf('-');
        return dash < 0 ? base : base.substring(0, dash);
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** Names importable from the top of a sys.path entry: modules, packages (also namespace ones), extensions. */
    static Set<String> topLevelNames(Iterable<String> names, String prefix) {
        Set<String> top = new HashSet<>();
        for (String name : names) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            String rest = name.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String folder = rest.substring(0, slash);
                if (!folder.contains(".") || folder.endsWith(".libs")) {
                    top.add(folder);
                }
            } else if (rest.endsWith(".py")) {
                top.add(rest.substring(0, rest.length() - 3));
            } else if (rest.endsWith(".so")) {
                top.add(rest.substring(0, rest.indexOf('.')));
            }
        }
        return top;
    }
}
