package io.github.lambdazip.lock;

import static io.github.lambdazip.lock.LockDocument.array;
import static io.github.lambdazip.lock.LockDocument.child;
import static io.github.lambdazip.lock.LockDocument.strings;
import static io.github.lambdazip.lock.LockDocument.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdazip.pep.InvalidRequirementException;
import io.github.lambdazip.pep.InvalidSpecifierException;
import io.github.lambdazip.pep.Requirement;
import io.github.lambdazip.pep.SpecifierSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Whether a {@code uv.lock} still matches the {@code pyproject.toml} beside it. */
final class UvStaleness {

    /** Stands for a requirement pinned by its source (path, git, URL), whose specifier is not compared. */
    private static final String FROM_SOURCE = "a source";

    private UvStaleness() {}

    /**
     * uv has no content hash; it records the project's requirements in {@code [package.metadata]}. A
     * {@code pyproject.toml} beside the lock whose dependencies differ (by name and version specifier; markers and
     * sources are not compared) means the lock is older than the project.
     */
    static Optional<String> check(LockDocument lock, JsonNode root) throws LockFileException {
        Path pyprojectFile = lock.file().toAbsolutePath().getParent().resolve("pyproject.toml");
        if (!Files.isRegularFile(pyprojectFile)) {
            return Optional.empty();
        }
        LockDocument pyproject;
        try {
            pyproject = LockDocument.toml(pyprojectFile);
        } catch (IOException e) {
            return Optional.of(lock.origin() + ": pyproject.toml beside it cannot be read to check that the "
                    + "lock is current (" + e.getMessage() + ")");
        }
        JsonNode metadata = child(root, "metadata");
        Map<String, Set<Object>> locked = new LinkedHashMap<>();
        for (JsonNode requirement : array(metadata, "requires-dist")) {
            addLocked(locked, "", requirement);
        }
        child(metadata, "requires-dev").fields().forEachRemaining(group -> group.getValue()
                .forEach(r -> addLocked(locked, "group " + Requirement.normalizeName(group.getKey()) + ": ", r)));

        Map<String, Set<Object>> declared = new LinkedHashMap<>();
        JsonNode project = child(pyproject.root(), "project");
        List<String> lines = new ArrayList<>(strings(project, "dependencies"));
        child(project, "optional-dependencies").elements().forEachRemaining(list -> list.forEach(
                r -> lines.add(r.asText())));
        addDeclared(declared, "", lines);
        JsonNode dependencyGroups = child(pyproject.root(), "dependency-groups");
        for (String group : iterable(dependencyGroups)) {
            addDeclared(declared, "group " + Requirement.normalizeName(group) + ": ",
                    PyprojectParser.dependencyGroup(pyproject, group, new LinkedHashSet<>()));
        }

        List<String> differences = new ArrayList<>();
        for (String name : declared.keySet()) {
            if (!locked.containsKey(name)) {
                differences.add("added " + name);
            } else if (!locked.get(name).contains(FROM_SOURCE) && !locked.get(name).equals(declared.get(name))) {
                differences.add("changed " + name + " " + declared.get(name) + " (locked for " + locked.get(name) + ")");
            }
        }
        for (String name : locked.keySet()) {
            if (!declared.containsKey(name)) {
                differences.add("removed " + name);
            }
        }
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(lock.origin() + " is older than the pyproject.toml beside it ("
                + String.join("; ", differences) + "): the installed versions may not be what pyproject.toml asks "
                + "for; run 'uv lock' and commit the lock");
    }

    private static void addLocked(Map<String, Set<Object>> locked, String prefix, JsonNode requirement) {
        String name = text(requirement, "name");
        if (name == null) {
            return;
        }
        Set<Object> specifiers = locked.computeIfAbsent(prefix + Requirement.normalizeName(name), k -> new HashSet<>());
        boolean hasSource = requirement.has("path") || requirement.has("editable") || requirement.has("git")
                || requirement.has("url") || requirement.has("directory");
        specifiers.add(hasSource ? FROM_SOURCE : canonical(text(requirement, "specifier")));
    }

    private static void addDeclared(Map<String, Set<Object>> declared, String prefix, List<String> lines) {
        for (String line : lines) {
            try {
                Requirement requirement = Requirement.parse(line);
                declared.computeIfAbsent(prefix + requirement.normalizedName(), k -> new HashSet<>())
                        .add(requirement.url() != null ? FROM_SOURCE : requirement.specifier());
            } catch (InvalidRequirementException e) {
                declared.computeIfAbsent(prefix + line.trim(), k -> new HashSet<>()).add("?");
            }
        }
    }

    /** A specifier set compared as versions ({@code >=1.0,<2} equals {@code <2.0, >=1}); unreadable text as is. */
    private static Object canonical(String specifiers) {
        try {
            return SpecifierSet.parse(specifiers);
        } catch (InvalidSpecifierException e) {
            return specifiers.replace(" ", "");
        }
    }

    private static Iterable<String> iterable(JsonNode table) {
        List<String> names = new ArrayList<>();
        table.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
