package io.github.lambdazip.lock;

import static io.github.lambdazip.lock.LockDocument.child;
import static io.github.lambdazip.lock.LockDocument.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdazip.pep.InvalidRequirementException;
import io.github.lambdazip.pep.MarkerEnvironment;
import io.github.lambdazip.pep.Requirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code pyproject.toml} without lock: {@code [project].dependencies} (PEP 621), plus the requested
 * {@code [project.optional-dependencies]} extras and PEP 735 {@code [dependency-groups]}, markers evaluated. The
 * result is unpinned: pip resolves it at build time, so it is not reproducible, which the result warns about.
 */
final class PyprojectParser {

    private static final List<String> LOCK_NAMES = List.of("uv.lock", "poetry.lock", "pylock.toml", "Pipfile.lock");

    private final LockDocument pyproject;

    PyprojectParser(LockDocument pyproject) {
        this.pyproject = pyproject;
    }

    ResolvedDependencies resolve(MarkerEnvironment environment, List<String> groups) throws LockFileException {
        JsonNode project = child(pyproject.root(), "project");
        if (!project.isObject()) {
            boolean poetry = child(child(pyproject.root(), "tool"), "poetry").isObject();
            throw pyproject.error(-1, "there is no [project] table with dependencies"
                    + (poetry ? " (the dependencies are in [tool.poetry], which only Poetry reads)" : ""),
                    poetry ? "run 'poetry lock' and name poetry.lock in <requirements>"
                            : "list the dependencies in [project].dependencies (PEP 621), or name a lock file");
        }
        Map<String, Requirement> merged = new LinkedHashMap<>();
        for (Requirement requirement : requirements(environment, groups)) {
            if (holds(requirement, environment)) {
                Requirement earlier = merged.get(requirement.normalizedName());
                merged.put(requirement.normalizedName(), earlier == null ? requirement : merge(earlier, requirement));
            }
        }
        List<LockedPackage> packages = new ArrayList<>();
        for (Requirement requirement : merged.values()) {
            packages.add(requirement.url() != null
                    ? LockedPackage.locked(requirement.normalizedName(), null, List.of(),
                            PackageSource.url(requirement.url(), null), pyproject.origin())
                    : LockedPackage.unpinned(requirement.normalizedName(), requirement.withoutMarker(),
                            pyproject.origin()));
        }
        List<String> warnings = new ArrayList<>();
        warnings.add(pyproject.origin() + " is not a lock file: pip resolves its " + packages.size()
                + " dependencies when the function is built, so versions can change from one build to the next "
                + "and no hash is checked; lock them (e.g. 'uv lock', 'poetry lock', 'pip lock') and name the lock "
                + "in <requirements>");
        Path folder = pyproject.file().toAbsolutePath().getParent();
        for (String lockName : LOCK_NAMES) {
            if (folder != null && Files.isRegularFile(folder.resolve(lockName))) {
                warnings.add(pyproject.origin() + " has a " + lockName + " beside it, which is not used: name "
                        + lockName + " in <requirements> to install the locked versions");
            }
        }
        return new ResolvedDependencies(pyproject.file(), DependencyFileKind.PYPROJECT,
                packages, false, warnings);
    }

    /** The main dependencies, then those of each requested extra and group, in order. */
    private List<Requirement> requirements(MarkerEnvironment environment, List<String> groups) throws LockFileException {
        JsonNode project = child(pyproject.root(), "project");
        List<Requirement> out = new ArrayList<>(parse(LockDocument.strings(project, "dependencies")));
        JsonNode optional = child(project, "optional-dependencies");
        for (String extra : environment.extras()) {
            JsonNode list = field(optional, extra);
            if (list == null) {
                throw pyproject.error(pyproject.lineOf("optional-dependencies"), "[project.optional-dependencies] "
                        + "has no extra '" + extra + "' (it has " + names(optional) + ")",
                        "request one of its extras, or add the extra");
            }
            out.addAll(parse(stringsOf(list)));
        }
        for (String group : groups) {
            out.addAll(parse(dependencyGroup(pyproject, group, new LinkedHashSet<>())));
        }
        return out;
    }

    /**
     * The requirement strings of a PEP 735 dependency group, with {@code {include-group = "..."}} entries
     * expanded; an unknown group or an include cycle fails.
     */
    static List<String> dependencyGroup(LockDocument document, String group, Set<String> visiting)
            throws LockFileException {
        JsonNode groups = child(document.root(), "dependency-groups");
        JsonNode list = field(groups, group);
        if (list == null) {
            throw document.error(document.lineOf("[dependency-groups]"), "there is no dependency group '" + group
                    + "' in [dependency-groups] (there are " + names(groups) + ")",
                    "name one of the groups in <lockGroups>, or add the group");
        }
        if (!visiting.add(Requirement.normalizeName(group))) {
            throw document.error(document.lineOf("include-group"), "dependency group '" + group + "' includes itself",
                    "break the include-group cycle");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode element : list) {
            if (element.isTextual()) {
                out.add(element.asText());
            } else if (text(element, "include-group") != null) {
                out.addAll(dependencyGroup(document, text(element, "include-group"), visiting));
            }
        }
        visiting.remove(Requirement.normalizeName(group));
        return out;
    }

    /** A table's field matched by normalised name, or null. */
    static JsonNode field(JsonNode table, String name) {
        String wanted = Requirement.normalizeName(name);
        for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (Requirement.normalizeName(key).equals(wanted)) {
                return table.get(key);
            }
        }
        return null;
    }

    static String names(JsonNode table) {
        List<String> names = new ArrayList<>();
        table.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static List<String> stringsOf(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(e -> out.add(e.asText()));
        return out;
    }

    private List<Requirement> parse(List<String> lines) throws LockFileException {
        List<Requirement> out = new ArrayList<>();
        for (String line : lines) {
            try {
                out.add(Requirement.parse(line));
            } catch (InvalidRequirementException e) {
                throw new LockFileException(pyproject.file(), pyproject.lineOf(line), e.getMessage(), e.fix(), e);
            }
        }
        return out;
    }

    private boolean holds(Requirement requirement, MarkerEnvironment environment) throws LockFileException {
        return requirement.marker() == null
                || pyproject.holds(requirement.marker().text(), environment, requirement.name());
    }

    /**
     * One project listed twice (in the main list and an extra or group): pip gets one line with both sets of
     * extras and both specifiers. Two different URLs, or a URL and a version, cannot be combined.
     */
    private Requirement merge(Requirement a, Requirement b) throws LockFileException {
        if (a.url() != null || b.url() != null) {
            if (a.url() != null && a.url().equals(b.url())) {
                return a;
            }
            throw pyproject.error(pyproject.lineOf(b.text()), a.normalizedName() + " is listed twice in ways pip "
                    + "cannot combine ('" + a.text() + "' and '" + b.text() + "')", "list it once");
        }
        Set<String> extras = new TreeSet<>(a.extras());
        extras.addAll(b.extras());
        String specifiers = a.specifier().isEmpty() ? b.specifier().toString()
                : b.specifier().isEmpty() ? a.specifier().toString() : a.specifier() + "," + b.specifier();
        String combined = a.name() + (extras.isEmpty() ? "" : "[" + String.join(",", extras) + "]") + specifiers;
        try {
            return Requirement.parse(combined);
        } catch (InvalidRequirementException e) {
            throw new IllegalStateException("combined two valid requirements into an invalid one: " + combined, e);
        }
    }
}
