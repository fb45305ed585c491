package io.github.lambdazip.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows the imports of the function's own code, starting at the handler module, and reports those that would
 * resolve to nothing on Lambda: not in the zip, not in its layers, not in the runtime's standard library and not
 * among what the runtime provides (boto3 and its dependencies). Installed dependencies (files listed in a
 * {@code RECORD}) are trusted, not followed. Imports inside {@code try/except ImportError} only warn.
 */
public final class ImportCheck {

    /** What every Lambda Python runtime puts on sys.path besides the standard library. */
    static final Set<String> RUNTIME_PROVIDED = Set.of("boto3", "botocore", "s3transfer", "jmespath", "dateutil",
            "urllib3", "six", "awslambdaric");

    private final VerificationTarget target;
    private final Set<String> providedModules;

    /**
     * @param providedModules top-level modules that layers built elsewhere provide
     */
    public ImportCheck(VerificationTarget target, Set<String> providedModules) {
        this.target = target;
        this.providedModules = Set.copyOf(providedModules);
    }

    public List<Finding> check(String handler, PackageContents contents, List<PackageContents> layers)
            throws IOException {
        List<Finding> findings = new ArrayList<>();
        HandlerSpec spec = HandlerSpec.parse(handler).orElse(null);
        if (spec == null) {
            return findings;
        }
        Set<String> installed = installedFiles(contents);
        Set<String> topLevel = topLevelNames(contents.names(), "");
        for (PackageContents layer : layers) {
            topLevel.addAll(topLevelNames(layer.names(), "python/"));
            for (String name : layer.names()) {
                int marker = name.indexOf("/site-packages/");
                if (name.startsWith("python/lib/") && marker > 0) {
                    topLevel.addAll(topLevelNames(List.of(name.substring(marker + 15)), ""));
                }
            }
        }
        Deque<String> queue = new ArrayDeque<>();
        Set<String> visited = new HashSet<>();
        queue.add(spec.module());
        while (!queue.isEmpty()) {
            String module = queue.removeFirst();
            String file = moduleFile(module, contents);
            if (file == null || !visited.add(module) || installed.contains(file) || contents.size(file) > 4 * 1024 * 1024) {
                continue;
            }
            String source = new String(contents.read(file), StandardCharsets.UTF_8);
            boolean isPackage = file.endsWith("/__init__.py");
            for (PythonImports.Import imported : PythonImports.scan(source)) {
                resolve(module, isPackage, file, imported, contents, topLevel, installed, queue, findings);
            }
        }
        return findings;
    }

    private void resolve(String module, boolean isPackage, String file, PythonImports.Import imported,
            PackageContents contents, Set<String> topLevel, Set<String> installed, Deque<String> queue,
            List<Finding> findings) {
        if (imported.level() > 0) {
            String base = isPackage ? module : parent(module);
            for (int i = 1; i < imported.level() && base != null; i++) {
                base = parent(base);
            }
            if (base == null) {
                report(file, imported, "." .repeat(imported.level()) + imported.module(),
                        "a relative import that climbs above the zip root", findings);
                return;
            }
            String target = imported.module().isEmpty() ? base : (base.isEmpty() ? "" : base + ".") + imported.module();
            if (!imported.module().isEmpty() && !exists(target, contents)) {
                report(file, imported, target, "no such module in the package", findings);
                return;
            }
            enqueue(target, imported.names(), contents, queue);
            return;
        }
        String dotted = imported.module();
        String top = dotted.split("\\.")[0];
        if (topLevel.contains(top)) {
            boolean own = ownModule(top, contents, installed);
            if (own && !exists(dotted, contents)) {
                report(file, imported, dotted, "its package '" + top + "' is in the zip but this module is not", findings);
                return;
            }
            enqueue(dotted, imported.names(), contents, queue);
            return;
        }
        if (PythonStdlib.contains(target.runtime(), top) || RUNTIME_PROVIDED.contains(top) || providedModules.contains(top)) {
            return;
        }
        report(file, imported, dotted, "not in the package, its layers, the " + target.runtime().id()
                + " standard library or the runtime's own packages (boto3, botocore and their dependencies)", findings);
    }

    private static void enqueue(String module, List<String> names, PackageContents contents, Deque<String> queue) {
        queue.add(module);
        for (String name : names) {
            String candidate = module.isEmpty() ? name : module + "." + name;
            if (moduleFile(candidate, contents) != null) {
                queue.add(candidate);
            }
        }
    }

    private void report(String file, PythonImports.Import imported, String module, String why, List<Finding> findings) {
        String top = module.isEmpty() ? "(package)" : module;
        String message = "imports '" + top + "', which is " + why + "; Lambda fails with Runtime.ImportModuleError: "
                + "No module named '" + top + "'";
        String fix = "add the distribution that provides '" + top.split("\\.")[0] + "' to the function's requirements "
                + "file (<requirements>), ship it in a layer, or, if a layer built elsewhere provides it, list it in "
                + "<providedModules>";
        if (imported.guarded()) {
            findings.add(new Finding(Rule.IMPORT_UNRESOLVED, Severity.WARNING, file, imported.line(),
                    message.replace("; Lambda fails", " (guarded by try/except ImportError, so the code may cope); "
                            + "on Lambda it fails"), fix));
        } else {
            findings.add(new Finding(Rule.IMPORT_UNRESOLVED, Severity.ERROR, file, imported.line(), message, fix));
        }
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

    private static boolean ownModule(String top, PackageContents contents, Set<String> installed) {
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

    private static String parent(String module) {
        if (module.isEmpty()) {
            return null;
        }
        int dot = module.lastIndexOf('.');
        return dot < 0 ? "" : module.substring(0, dot);
    }

    /** Files installed by pip, as listed in the RECORD files of the package's dist-info folders. */
    private static Set<String> installedFiles(PackageContents contents) throws IOException {
        Set<String> installed = new HashSet<>();
        for (String name : contents.names()) {
            if (name.endsWith(".dist-info/RECORD") && name.indexOf('/') == name.lastIndexOf('/')
                    && contents.size(name) < 16 * 1024 * 1024) {
                for (String line : new String(contents.read(name), StandardCharsets.UTF_8).split("\n")) {
                    int comma = line.indexOf(',');
                    if (comma > 0) {
                        installed.add(line.substring(0, comma));
                    }
                }
            }
        }
        return installed;
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
