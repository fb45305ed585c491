package io.github.lambdazip.lock;

import static io.github.lambdazip.lock.LockDocument.array;
import static io.github.lambdazip.lock.LockDocument.child;
import static io.github.lambdazip.lock.LockDocument.strings;
import static io.github.lambdazip.lock.LockDocument.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdazip.pep.InvalidSpecifierException;
import io.github.lambdazip.pep.MarkerEnvironment;
import io.github.lambdazip.pep.Requirement;
import io.github.lambdazip.pep.SpecifierSet;
import io.github.lambdazip.pep.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * uv's {@code uv.lock} (version 1, any revision): the closure of the project's dependencies, walking the lock's
 * graph from the project root (the package whose source is {@code virtual = "."} or {@code editable = "."}), or
 * from the workspace members named in {@code lockGroups}. The environment's extras select the root's
 * {@code optional-dependencies}; the other {@code lockGroups} entries select its {@code dev-dependencies} groups.
 * Each edge's {@code marker} is evaluated for the environment, uv's conflict markers
 * ({@code extra == 'extra-7-project-cpu'}) included. The roots themselves are not installed, nor are virtual
 * packages; their dependencies are.
 */
final class UvLockParser {

    private static final Set<String> SOURCE_KEYS = Set.of("registry", "git", "url", "path", "directory", "editable",
            "virtual");

    /** One {@code [[package]]} entry. */
    private record Entry(String name, String version, JsonNode source, JsonNode node) {
        String sourceKind() {
            return source.fieldNames().hasNext() ? source.fieldNames().next() : "";
        }

        String sourceValue() {
            return text(source, sourceKind());
        }

        boolean isProjectRoot() {
            return (sourceKind().equals("virtual") || sourceKind().equals("editable")) && ".".equals(sourceValue());
        }

        boolean isLocalProject() {
            return sourceKind().equals("virtual") || sourceKind().equals("editable") || sourceKind().equals("directory");
        }

        /** Entries are told apart by identity: a deep hash of the TOML subtree on every map lookup is wasted work. */
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return version == null ? name : name + " " + version;
        }
    }

    private final LockDocument lock;
    private final Map<String, List<Entry>> byName = new LinkedHashMap<>();

    UvLockParser(LockDocument lock) {
        this.lock = lock;
    }

    ResolvedDependencies resolve(MarkerEnvironment environment, List<String> groups)
            throws LockFileException {
        checkVersion();
        checkRequiresPython(environment);
        List<JsonNode> nodes = array(lock.root(), "package");
        if (nodes.isEmpty()) {
            nodes = array(lock.root(), "distribution");
        }
        for (JsonNode node : nodes) {
            String name = text(node, "name");
            if (name == null) {
                throw lock.error(lock.lineOf("[[package]]"), "a [[package]] entry has no name", "run 'uv lock'");
            }
            Entry entry = new Entry(Requirement.normalizeName(name), text(node, "version"), child(node, "source"), node);
            byName.computeIfAbsent(entry.name(), k -> new ArrayList<>()).add(entry);
        }
        Entry projectRoot = all().stream().filter(Entry::isProjectRoot).findFirst().orElse(null);
        Set<String> members = new TreeSet<>();
        strings(child(lock.root(), "manifest"), "members").forEach(m -> members.add(Requirement.normalizeName(m)));
        if (projectRoot != null) {
            members.add(projectRoot.name());
        }

        List<Entry> roots = new ArrayList<>();
        List<String> dependencyGroups = new ArrayList<>();
        for (String group : groups) {
            String normalized = Requirement.normalizeName(group);
            List<Entry> member = byName.getOrDefault(normalized, List.of()).stream()
                    .filter(e -> members.contains(e.name()) && e.isLocalProject()).toList();
            if (!member.isEmpty()) {
                roots.add(member.get(0));
            } else {
                dependencyGroups.add(normalized);
            }
        }
        if (roots.isEmpty()) {
            if (projectRoot == null) {
                throw lock.error(-1, "the lock has no project at '.' (a workspace without a root project)",
                        "name the workspace member to package in <lockGroups>; the members are "
                                + (members.isEmpty() ? "none" : String.join(", ", members)));
            }
            roots.add(projectRoot);
        }
        checkSelections(roots, environment.extras(), "optional-dependencies", "extra", "<lockExtras>");
        checkSelections(roots, dependencyGroups, "dev-dependencies", "dependency group", "<lockGroups>");

        // uv writes conflicting extras and groups as extra == 'extra-<len>-<package>-<name>' / 'group-...'
        Set<String> extras = new TreeSet<>(environment.extras());
        for (Entry root : roots) {
            environment.extras().forEach(e -> extras.add("extra-" + root.name().length() + "-" + root.name() + "-" + e));
            dependencyGroups.forEach(g -> extras.add("group-" + root.name().length() + "-" + root.name() + "-" + g));
        }
        MarkerEnvironment env = environment.withExtras(extras);

        Map<Entry, Set<String>> reached = new LinkedHashMap<>();
        Deque<Entry> pending = new ArrayDeque<>();
        for (Entry root : roots) {
            List<JsonNode> edges = new ArrayList<>(array(root.node(), "dependencies"));
            for (String extra : environment.extras()) {
                edges.addAll(selection(root, "optional-dependencies", extra));
            }
            for (String group : dependencyGroups) {
                edges.addAll(selection(root, "dev-dependencies", group));
            }
            follow(root, edges, env, reached, pending);
        }
        while (!pending.isEmpty()) {
            Entry entry = pending.pop();
            List<JsonNode> edges = new ArrayList<>(array(entry.node(), "dependencies"));
            for (String extra : reached.get(entry)) {
                edges.addAll(selection(entry, "optional-dependencies", extra));
            }
            follow(entry, edges, env, reached, pending);
        }

        Map<String, LockedPackage> packages = new LinkedHashMap<>();
        Set<Entry> rootSet = new HashSet<>(roots);
        for (Entry entry : reached.keySet()) {
            if (rootSet.contains(entry) || entry.sourceKind().equals("virtual")) {
                continue;
            }
            LockedPackage locked = toPackage(entry);
            LockedPackage earlier = packages.putIfAbsent(entry.name(), locked);
            if (earlier != null) {
                throw lock.error(lock.lineOfPackage(entry.name()), "two versions of " + entry.name()
                        + " are needed for this environment (" + earlier + " and " + locked + ")",
                        "run 'uv lock' again; if it persists, report the lock to uv");
            }
        }
        List<String> warnings = new ArrayList<>();
        if (projectRoot != null && roots.contains(projectRoot)) {
            UvStaleness.check(lock, projectRoot.node()).ifPresent(warnings::add);
        }
        return new ResolvedDependencies(lock.file(), DependencyFileKind.UV_LOCK, new ArrayList<>(packages.values()),
                true, warnings);
    }

    private void checkVersion() throws LockFileException {
        JsonNode version = lock.root().path("version");
        if (version.isMissingNode()) {
            throw lock.error(-1, "no version: this is not a uv lock file", "run 'uv lock'");
        }
        if (!version.isInt() || version.asInt() != 1) {
            throw lock.error(lock.lineOfKey("version"), "unknown lock version " + version + ": this plugin reads "
                    + "uv.lock version 1", "lock with a uv release that writes version 1, or upgrade the plugin");
        }
    }

    /** uv refuses to install a lock for a Python outside its {@code requires-python}; so does this. */
    private void checkRequiresPython(MarkerEnvironment environment) throws LockFileException {
        String requires = text(lock.root(), "requires-python");
        if (requires == null) {
            return;
        }
        try {
            SpecifierSet allowed = SpecifierSet.parse(requires);
            if (!environment.decide(requires, e -> allowed.contains(
                    Version.tryParse(e.value("python_full_version")).orElseThrow(), true))) {
                throw lock.error(lock.lineOfKey("requires-python"), "the lock requires Python " + requires
                        + ", but the Lambda runtime has " + environment.pythonDescription(),
                        "choose a <runtime> the project supports, or "
                        + "widen requires-python in pyproject.toml and run 'uv lock'");
            }
        } catch (InvalidSpecifierException e) {
            throw new LockFileException(lock.file(), lock.lineOfKey("requires-python"), "requires-python is invalid: "
                    + e.getMessage(), "run 'uv lock'", e);
        }
    }

    private List<Entry> all() {
        return byName.values().stream().flatMap(List::stream).toList();
    }

    private void checkSelections(List<Entry> roots, Iterable<String> wanted, String table, String what, String element)
            throws LockFileException {
        for (String name : wanted) {
            boolean found = false;
            Set<String> offered = new TreeSet<>();
            for (Entry root : roots) {
                child(root.node(), table).fieldNames().forEachRemaining(n -> offered.add(Requirement.normalizeName(n)));
                found |= PyprojectParser.field(child(root.node(), table), name) != null;
            }
            if (!found) {
                throw lock.error(lock.lineOfPackage(roots.get(0).name()), "the project has no " + what + " '" + name
                        + "' (it has " + (offered.isEmpty() ? "none" : String.join(", ", offered)) + ")",
                        "name one of them in " + element + ", or add it to pyproject.toml and run 'uv lock'");
            }
        }
    }

    private static List<JsonNode> selection(Entry entry, String table, String name) {
        JsonNode list = PyprojectParser.field(child(entry.node(), table), name);
        List<JsonNode> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        }
        return out;
    }

    private void follow(Entry from, List<JsonNode> edges, MarkerEnvironment env, Map<Entry, Set<String>> reached,
            Deque<Entry> pending) throws LockFileException {
        for (JsonNode edge : edges) {
            String name = text(edge, "name");
            if (name == null || !lock.holds(text(edge, "marker"), env, name + " (a dependency of " + from + ")")) {
                continue;
            }
            Entry target = target(from, edge, name);
            Set<String> wanted = new TreeSet<>();
            strings(edge, "extra").forEach(e -> wanted.add(Requirement.normalizeName(e)));
            Set<String> known = reached.get(target);
            if (known == null || !known.containsAll(wanted)) {
                Set<String> union = new TreeSet<>(wanted);
                if (known != null) {
                    union.addAll(known);
                }
                reached.put(target, union);
                pending.push(target);
            }
        }
    }

    /** The entry an edge points at: by name, and by version and source when the lock holds several. */
    private Entry target(Entry from, JsonNode edge, String name) throws LockFileException {
        List<Entry> candidates = new ArrayList<>(byName.getOrDefault(Requirement.normalizeName(name), List.of()));
        String version = text(edge, "version");
        if (version != null) {
            Version wanted = Version.tryParse(version).orElse(null);
            candidates.removeIf(e -> e.version() == null || !(wanted != null
                    ? wanted.equals(Version.tryParse(e.version()).orElse(null)) : version.equals(e.version())));
        }
        if (edge.has("source")) {
            candidates.removeIf(e -> !e.source().equals(edge.get("source")));
        }
        if (candidates.size() != 1) {
            throw lock.error(lock.lineOfPackage(from.name()), from + " depends on " + name
                    + (version == null ? "" : " " + version) + ", which the lock has "
                    + (candidates.isEmpty() ? "no entry for" : candidates.size() + " entries for"),
                    "run 'uv lock' to repair the lock");
        }
        return candidates.get(0);
    }

    private LockedPackage toPackage(Entry entry) throws LockFileException {
        int line = lock.lineOfPackage(entry.name());
        String kind = entry.sourceKind();
        String value = entry.sourceValue();
        String subdirectory = text(entry.source(), "subdirectory");
        if (!SOURCE_KEYS.contains(kind) || value == null) {
            throw lock.error(line, entry + " has no source uv documents (registry, git, url, path, directory, "
                    + "editable, virtual)", "run 'uv lock' with a current uv");
        }
        List<String> hashes = new ArrayList<>();
        LockDocument.pipHash(text(child(entry.node(), "sdist"), "hash")).ifPresent(hashes::add);
        for (JsonNode wheel : array(entry.node(), "wheels")) {
            LockDocument.pipHash(text(wheel, "hash")).ifPresent(hashes::add);
        }
        String origin = lock.origin();
        return switch (kind) {
            case "registry" -> {
                if (entry.version() == null) {
                    throw lock.error(line, entry.name() + " from " + value + " has no version", "run 'uv lock'");
                }
                yield LockedPackage.locked(entry.name(), entry.version(), hashes, PackageSource.index(value), origin);
            }
            case "git" -> LockedPackage.locked(entry.name(), entry.version(), List.of(), git(entry, value, line), origin);
            case "url" -> LockedPackage.locked(entry.name(), entry.version(), hashes, PackageSource.url(value, subdirectory),
                    origin);
            case "path" -> LockedPackage.locked(entry.name(), entry.version(), hashes,
                    PackageSource.path(value, subdirectory), origin);
            case "directory" -> LockedPackage.locked(entry.name(), entry.version(), List.of(),
                    PackageSource.path(value, subdirectory), origin);
            default -> LockedPackage.locked(entry.name(), entry.version(), List.of(),
                    PackageSource.editable(value, subdirectory), origin);
        };
    }

    /** uv writes {@code https://host/repo?rev=v1&subdirectory=sub#<commit>}; the commit is what is installed. */
    private PackageSource git(Entry entry, String value, int line) throws LockFileException {
        int hash = value.indexOf('#');
        String commit = hash < 0 ? "" : value.substring(hash + 1);
        if (commit.isBlank()) {
            throw lock.error(line, entry + " is locked to " + value + " without a commit (#<sha>), so the build "
                    + "could not be reproduced", "run 'uv lock' so the lock records the resolved commit");
        }
        String url = hash < 0 ? value : value.substring(0, hash);
        String subdirectory = null;
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                if (parameter.startsWith("subdirectory=")) {
                    subdirectory = parameter.substring("subdirectory=".length());
                }
            }
            url = url.substring(0, query);
        }
        return PackageSource.vcs("git", url, commit, subdirectory);
    }

}
