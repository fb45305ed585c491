package io.github.lambdazip.lock;

import static io.github.lambdazip.lock.LockDocument.array;
import static io.github.lambdazip.lock.LockDocument.child;
import static io.github.lambdazip.lock.LockDocument.strings;
import static io.github.lambdazip.lock.LockDocument.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdazip.pep.InvalidRequirementException;
import io.github.lambdazip.pep.MarkerEnvironment;
import io.github.lambdazip.pep.Requirement;
import io.github.lambdazip.pep.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Poetry's {@code poetry.lock} with the {@code pyproject.toml} beside it: the {@code main} group plus the requested
 * groups, markers evaluated, locked versions with the lock's file hashes.
 *
 * <p>Lock version 2.1 (Poetry 2.x) records each package's {@code groups} and {@code markers} (one string, or one per
 * group), so a package is installed when one of its selected groups' markers holds, as Poetry 2 itself installs.
 * Older locks (1.1 with {@code category} and {@code [metadata.files]}, 2.0 with per-package {@code files}) are walked
 * from the pyproject's dependencies ({@code [project]} of Poetry 2, or {@code [tool.poetry.dependencies]}), through
 * each package's {@code [package.dependencies]} with their markers and extras. Poetry's {@code content-hash} is
 * recomputed from the pyproject; a mismatch is a warning that the lock is older than the project.
 */
final class PoetryLockParser {

    /** One dependency edge: from the pyproject or from a locked package's {@code [package.dependencies]}. */
    private record Dependency(String name, Set<String> extras, String constraint, String markers, String python,
            String platform, boolean optional) {}

    private final LockDocument lock;
    private LockDocument pyproject;
    private final Map<String, List<JsonNode>> byName = new LinkedHashMap<>();

    PoetryLockParser(LockDocument lock) {
        this.lock = lock;
    }

    ResolvedDependencies resolve(MarkerEnvironment environment, List<String> groups) throws LockFileException {
        List<String> warnings = new ArrayList<>();
        String lockVersion = checkVersion(warnings);
        Path pyprojectFile = lock.file().toAbsolutePath().getParent().resolve("pyproject.toml");
        try {
            pyproject = LockDocument.toml(pyprojectFile);
        } catch (IOException e) {
            throw new LockFileException(pyprojectFile, -1, "cannot read the pyproject.toml beside poetry.lock: "
                    + e.getMessage(), "make the file readable", e);
        }
        checkContentHash(warnings);
        for (JsonNode node : array(lock.root(), "package")) {
            String name = text(node, "name");
            if (name == null || text(node, "version") == null) {
                throw lock.error(lock.lineOf("[[package]]"), "a [[package]] entry has no name or version",
                        "run 'poetry lock'");
            }
            byName.computeIfAbsent(Requirement.normalizeName(name), k -> new ArrayList<>()).add(node);
        }
        String pythonVersions = text(child(lock.root(), "metadata"), "python-versions");
        if (!pythonAllows(pythonVersions, environment)) {
            throw lock.error(lock.lineOfKeyIn("metadata", "python-versions"), "the lock is for Python " + pythonVersions
                    + ", but the Lambda runtime has " + environment.pythonDescription(),
                    "choose a <runtime> the project supports, or widen its Python constraint and run 'poetry lock'");
        }
        Set<String> selected = selectedGroups(groups);
        List<JsonNode> chosen = lockVersion.startsWith("2.") && !lockVersion.equals("2.0")
                ? byGroupsAndMarkers(selected, environment)
                : walk(selected, environment);
        Map<String, LockedPackage> packages = new LinkedHashMap<>();
        for (JsonNode node : chosen) {
            LockedPackage locked = toPackage(node);
            LockedPackage earlier = packages.putIfAbsent(locked.name(), locked);
            if (earlier != null && !earlier.equals(locked)) {
                throw lock.error(lock.lineOfPackage(text(node, "name")), "two versions of " + locked.name()
                        + " hold for this environment (" + earlier + " and " + locked + ")",
                        "run 'poetry lock' again; if it persists, report the lock to Poetry");
            }
        }
        return new ResolvedDependencies(lock.file(), DependencyFileKind.POETRY_LOCK, new ArrayList<>(packages.values()),
                true, warnings);
    }

    private String checkVersion(List<String> warnings) throws LockFileException {
        String version = text(child(lock.root(), "metadata"), "lock-version");
        if (version == null) {
            throw lock.error(-1, "no [metadata] lock-version: this is not a poetry.lock a current Poetry reads",
                    "run 'poetry lock'");
        }
        String[] parts = version.trim().split("\\.");
        int line = lock.lineOfKeyIn("metadata", "lock-version");
        if (!(parts[0].equals("1") || parts[0].equals("2"))) {
            throw lock.error(line, "unknown lock-version '" + version + "': this plugin reads Poetry lock versions "
                    + "1.x and 2.x", "lock with Poetry 1.x or 2.x, or upgrade the plugin");
        }
        if (parts[0].equals("2") && parts.length > 1 && parts[1].compareTo("1") > 0) {
            warnings.add(lock.origin() + ": lock-version " + version + " is newer than 2.1; read as 2.1");
        }
        return version.trim();
    }

    // ---------------------------------------------------------------------------------------------- content hash

    private void checkContentHash(List<String> warnings) {
        String recorded = text(child(lock.root(), "metadata"), "content-hash");
        if (recorded == null) {
            warnings.add(lock.origin() + " records no content-hash, so it cannot be checked against pyproject.toml");
            return;
        }
        if (!PoetryContentHash.of(pyproject.root()).contains(recorded.toLowerCase())) {
            warnings.add(lock.origin() + " is older than the pyproject.toml beside it (its content-hash does not "
                    + "match the dependencies pyproject.toml declares): the installed versions may not be what "
                    + "pyproject.toml asks for; run 'poetry lock' and commit the lock");
        }
    }

    // ---------------------------------------------------------------------------------------------- groups

    /** {@code main} plus the requested groups, each of which must exist in the pyproject or the lock. */
    private Set<String> selectedGroups(List<String> groups) throws LockFileException {
        Set<String> known = new TreeSet<>();
        known.add("main");
        JsonNode poetry = child(child(pyproject.root(), "tool"), "poetry");
        child(poetry, "group").fieldNames().forEachRemaining(g -> known.add(Requirement.normalizeName(g)));
        if (poetry.has("dev-dependencies")) {
            known.add("dev");
        }
        child(pyproject.root(), "dependency-groups").fieldNames()
                .forEachRemaining(g -> known.add(Requirement.normalizeName(g)));
        for (JsonNode node : array(lock.root(), "package")) {
            strings(node, "groups").forEach(g -> known.add(Requirement.normalizeName(g)));
        }
        Set<String> selected = new LinkedHashSet<>();
        selected.add("main");
        for (String group : groups) {
            String normalized = Requirement.normalizeName(group);
            if (!known.contains(normalized)) {
                throw lock.error(-1, "there is no dependency group '" + group + "' (there are "
                        + String.join(", ", known) + ")", "name one of them in <lockGroups>");
            }
            selected.add(normalized);
        }
        return selected;
    }

    // ---------------------------------------------------------------------------------------------- lock 2.1

    private List<JsonNode> byGroupsAndMarkers(Set<String> selected, MarkerEnvironment environment)
            throws LockFileException {
        List<JsonNode> chosen = new ArrayList<>();
        for (List<JsonNode> nodes : byName.values()) {
            for (JsonNode node : nodes) {
                String name = text(node, "name");
                JsonNode markers = child(node, "markers");
                for (String group : strings(node, "groups")) {
                    if (!selected.contains(Requirement.normalizeName(group))) {
                        continue;
                    }
                    String marker = markers.isTextual() ? markers.asText() : text(markers, group);
                    if (lock.holds(marker, environment, name)) {
                        chosen.add(node);
                        break;
                    }
                }
            }
        }
        return chosen;
    }

    // ---------------------------------------------------------------------------------------------- lock 1.1 / 2.0

    private List<JsonNode> walk(Set<String> selected, MarkerEnvironment environment) throws LockFileException {
        // by identity: equal-looking entries are still distinct lock entries, and a deep hash per lookup is waste
        Map<JsonNode, Set<String>> reached = new IdentityHashMap<>();
        Deque<JsonNode> pending = new ArrayDeque<>();
        for (Dependency dependency : rootDependencies(selected, environment)) {
            visit(dependency, "pyproject.toml", environment.extras(), environment, reached, pending);
        }
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            Set<String> extras = reached.get(node);
            Set<String> optionalWanted = new TreeSet<>();
            JsonNode packageExtras = child(node, "extras");
            for (String extra : extras) {
                JsonNode list = PyprojectParser.field(packageExtras, extra);
                if (list != null) {
                    list.forEach(item -> optionalWanted.add(firstName(item.asText())));
                }
            }
            String from = text(node, "name") + " " + text(node, "version");
            for (Iterator<Map.Entry<String, JsonNode>> it = child(node, "dependencies").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                for (Dependency dependency : dependencies(field.getKey(), field.getValue())) {
                    if (!dependency.optional() || optionalWanted.contains(Requirement.normalizeName(dependency.name()))) {
                        visit(dependency, from, extras, environment, reached, pending);
                    }
                }
            }
        }
        return new ArrayList<>(reached.keySet());
    }

    private void visit(Dependency dependency, String from, Set<String> parentExtras, MarkerEnvironment environment,
            Map<JsonNode, Set<String>> reached, Deque<JsonNode> pending) throws LockFileException {
        MarkerEnvironment env = environment.withExtras(parentExtras);
        if (!lock.holds(dependency.markers(), env, dependency.name() + " (a dependency of " + from + ")")
                || !pythonAllows(dependency.python(), env)
                || (dependency.platform() != null && !dependency.platform().equals(env.value("sys_platform")))) {
            return;
        }
        JsonNode node = locked(dependency, from, env);
        Set<String> known = reached.get(node);
        if (known == null || !known.containsAll(dependency.extras())) {
            Set<String> union = new TreeSet<>(dependency.extras());
            if (known != null) {
                union.addAll(known);
            }
            reached.put(node, union);
            pending.push(node);
        }
    }

    /**
     * The lock entry a dependency resolves to; several entries of one name are told apart by the dependency's
     * version constraint and the entry's {@code python-versions}, then the newest is taken.
     */
    private JsonNode locked(Dependency dependency, String from, MarkerEnvironment env) throws LockFileException {
        List<JsonNode> candidates = new ArrayList<>(byName.getOrDefault(
                Requirement.normalizeName(dependency.name()), List.of()));
        if (candidates.size() > 1) {
            candidates.removeIf(n -> !PoetryConstraint.allows(dependency.constraint(), version(n)));
        }
        if (candidates.size() > 1) {
            candidates.removeIf(n -> !pythonAllows(text(n, "python-versions"), env));
        }
        if (candidates.isEmpty()) {
            throw lock.error(-1, from + " depends on " + dependency.name() + (dependency.constraint() == null ? ""
                    : " " + dependency.constraint()) + ", which the lock has no entry for",
                    "run 'poetry lock' so the lock matches pyproject.toml");
        }
        // several still fit: Poetry's solver takes the newest, and so does this walk
        return candidates.stream().max(Comparator.comparing(PoetryLockParser::version,
                Comparator.nullsFirst(Comparator.naturalOrder()))).orElseThrow();
    }

    private static Version version(JsonNode node) {
        return Version.tryParse(text(node, "version")).orElse(null);
    }

    /** Poetry's {@code python = "^3.9"} conditions: against the full version when they name a micro version. */
    private static boolean pythonAllows(String constraint, MarkerEnvironment env) {
        if (constraint == null || constraint.isBlank() || constraint.equals("*")) {
            return true;
        }
        if (!constraint.matches(".*\\d+\\.\\d+\\.\\d+.*")) {
            return PoetryConstraint.allows(constraint, Version.tryParse(env.value("python_version")).orElseThrow());
        }
        return env.decide(constraint, e -> PoetryConstraint.allows(constraint,
                Version.tryParse(e.value("python_full_version")).orElseThrow()));
    }

    /** The main dependencies (Poetry 2's {@code [project]}, else {@code [tool.poetry.dependencies]}), then groups. */
    private List<Dependency> rootDependencies(Set<String> selected, MarkerEnvironment environment)
            throws LockFileException {
        JsonNode project = child(pyproject.root(), "project");
        JsonNode poetry = child(child(pyproject.root(), "tool"), "poetry");
        List<Dependency> roots = new ArrayList<>();
        if (project.has("dependencies")) {
            roots.addAll(pep508(strings(project, "dependencies")));
            for (String extra : environment.extras()) {
                JsonNode list = PyprojectParser.field(child(project, "optional-dependencies"), extra);
                if (list == null) {
                    throw pyproject.error(-1, "[project.optional-dependencies] has no extra '" + extra + "'",
                            "request one of " + PyprojectParser.names(child(project, "optional-dependencies")));
                }
                List<String> lines = new ArrayList<>();
                list.forEach(l -> lines.add(l.asText()));
                roots.addAll(pep508(lines));
            }
        } else {
            Set<String> optionalWanted = new TreeSet<>();
            for (String extra : environment.extras()) {
                JsonNode list = PyprojectParser.field(child(poetry, "extras"), extra);
                if (list == null) {
                    throw pyproject.error(-1, "[tool.poetry.extras] has no extra '" + extra + "'",
                            "request one of " + PyprojectParser.names(child(poetry, "extras")));
                }
                list.forEach(n -> optionalWanted.add(Requirement.normalizeName(n.asText())));
            }
            for (Dependency d : poetryTable(child(poetry, "dependencies"))) {
                if (!d.optional() || optionalWanted.contains(Requirement.normalizeName(d.name()))) {
                    roots.add(d);
                }
            }
        }
        for (String group : selected) {
            if (group.equals("main")) {
                continue;
            }
            JsonNode table = PyprojectParser.field(child(poetry, "group"), group);
            if (table != null) {
                roots.addAll(poetryTable(child(table, "dependencies")));
            }
            if (group.equals("dev")) {
                roots.addAll(poetryTable(child(poetry, "dev-dependencies")));
            }
            if (PyprojectParser.field(child(pyproject.root(), "dependency-groups"), group) != null) {
                roots.addAll(pep508(PyprojectParser.dependencyGroup(pyproject, group, new LinkedHashSet<>())));
            }
        }
        return roots;
    }

    private List<Dependency> pep508(List<String> lines) throws LockFileException {
        List<Dependency> out = new ArrayList<>();
        for (String line : lines) {
            try {
                Requirement r = Requirement.parse(line);
                out.add(new Dependency(r.name(), new TreeSet<>(r.extras()), r.specifier().toString(),
                        r.marker() == null ? null : r.marker().text(), null, null, false));
            } catch (InvalidRequirementException e) {
                throw new LockFileException(pyproject.file(), pyproject.lineOf(line), e.getMessage(), e.fix(), e);
            }
        }
        return out;
    }

    private List<Dependency> poetryTable(JsonNode table) {
        List<Dependency> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("python")) {
                out.addAll(dependencies(field.getKey(), field.getValue()));
            }
        }
        return out;
    }

    /** A Poetry dependency value: {@code "^1.2"}, a table, or an array of tables (several constraints). */
    private static List<Dependency> dependencies(String name, JsonNode value) {
        List<Dependency> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> out.addAll(dependencies(name, v)));
        } else if (value.isObject()) {
            Set<String> extras = new TreeSet<>();
            strings(value, "extras").forEach(e -> extras.add(Requirement.normalizeName(e)));
            out.add(new Dependency(name, extras, text(value, "version"), text(value, "markers"), text(value, "python"),
                    text(value, "platform"), value.path("optional").asBoolean(false)));
        } else {
            out.add(new Dependency(name, Set.of(), value.asText(), null, null, null, false));
        }
        return out;
    }

    /** The project name an extra's entry names: {@code PySocks (>=1.5.6,!=1.5.7)} or {@code botocore[crt] (...)}. */
    private static String firstName(String entry) {
        String name = entry.trim().split("[\\s\\[(;<>=!~]", 2)[0];
        return Requirement.normalizeName(name);
    }

    // ---------------------------------------------------------------------------------------------- packages

    private LockedPackage toPackage(JsonNode node) throws LockFileException {
        String name = text(node, "name");
        String normalized = Requirement.normalizeName(name);
        String version = text(node, "version");
        int line = lock.lineOfPackage(name);
        List<String> hashes = hashes(node, name);
        JsonNode source = child(node, "source");
        String type = text(source, "type");
        String url = text(source, "url");
        String subdirectory = text(source, "subdirectory");
        String origin = lock.origin();
        if (type == null || type.isBlank()) {
            return LockedPackage.locked(normalized, version, hashes, PackageSource.index(null), origin);
        }
        if (url == null && !type.equals("legacy")) {
            throw lock.error(line, name + " has a [package.source] of type " + type + " without a url",
                    "run 'poetry lock'");
        }
        return switch (type) {
            case "directory" -> LockedPackage.locked(normalized, version, List.of(),
                    node.path("develop").asBoolean(false) ? PackageSource.editable(url, subdirectory)
                            : PackageSource.path(url, subdirectory), origin);
            case "file" -> LockedPackage.locked(normalized, version, hashes, PackageSource.path(url, subdirectory),
                    origin);
            case "url" -> LockedPackage.locked(normalized, version, hashes, PackageSource.url(url, subdirectory), origin);
            case "git", "hg", "svn", "bzr" -> {
                String commit = text(source, "resolved_reference");
                if (commit == null || commit.isBlank()) {
                    throw lock.error(line, name + " is locked to " + url + " without a resolved_reference (the "
                            + "commit), so the build could not be reproduced", "run 'poetry lock'");
                }
                yield LockedPackage.locked(normalized, version, List.of(),
                        PackageSource.vcs(type, url, commit, subdirectory), origin);
            }
            default -> LockedPackage.locked(normalized, version, hashes, PackageSource.index(url), origin);
        };
    }

    /** Per-package {@code files} (lock 2.x), else {@code [metadata.files]} (1.1), else {@code [metadata.hashes]}. */
    private List<String> hashes(JsonNode node, String name) {
        List<String> out = new ArrayList<>();
        JsonNode files = node.get("files");
        if (files == null) {
            JsonNode metadata = child(lock.root(), "metadata");
            files = PyprojectParser.field(child(metadata, "files"), name);
            if (files == null) {
                JsonNode bare = PyprojectParser.field(child(metadata, "hashes"), name);
                if (bare != null) {
                    bare.forEach(h -> LockDocument.pipHash(h.asText().contains(":") ? h.asText() : "sha256:" + h.asText())
                            .ifPresent(out::add));
                }
                return out;
            }
        }
        files.forEach(file -> LockDocument.pipHash(text(file, "hash")).ifPresent(out::add));
        return out;
    }
}
