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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * PEP 751 {@code pylock.toml}: every {@code [[packages]]} entry whose {@code marker} holds, following the
 * specification's installation steps (lock version, {@code requires-python}, {@code environments}, one entry per
 * name, one source per entry). {@code extras} are the environment's; {@code dependency_groups} are the requested
 * groups, or {@code default-groups} when none are requested.
 */
final class PylockParser {

    private static final Set<String> VCS_TYPES = Set.of("git", "hg", "svn", "bzr");

    private final LockDocument lock;

    PylockParser(LockDocument lock) {
        this.lock = lock;
    }

    ResolvedDependencies resolve(MarkerEnvironment environment, List<String> groups) throws LockFileException {
        JsonNode root = lock.root();
        List<String> warnings = new ArrayList<>();
        checkVersion(text(root, "lock-version"), warnings);

        Set<String> offeredExtras = normalized(strings(root, "extras"));
        for (String extra : environment.extras()) {
            if (!offeredExtras.contains(extra)) {
                throw lock.error(lock.lineOfKey("extras"), "the lock offers no extra '" + extra + "' (it offers "
                        + (offeredExtras.isEmpty() ? "none" : String.join(", ", offeredExtras)) + ")",
                        "lock the extra too, or do not request it");
            }
        }
        Set<String> offeredGroups = normalized(strings(root, "dependency-groups"));
        offeredGroups.addAll(normalized(strings(root, "default-groups")));
        for (String group : groups) {
            if (!offeredGroups.contains(Requirement.normalizeName(group))) {
                throw lock.error(lock.lineOfKey("dependency-groups"), "the lock has no dependency group '" + group
                        + "' (it has " + (offeredGroups.isEmpty() ? "none" : String.join(", ", offeredGroups)) + ")",
                        "name one of its groups in <lockGroups>, or lock the group too");
            }
        }
        MarkerEnvironment env = environment.withDependencyGroups(
                groups.isEmpty() ? strings(root, "default-groups") : groups);

        checkRequiresPython(text(root, "requires-python"), env, "the lock", lock.lineOfKey("requires-python"));
        List<String> environments = strings(root, "environments");
        if (!environments.isEmpty()) {
            boolean any = false;
            for (String marker : environments) {
                any |= lock.holds(marker, env, "environments");
            }
            if (!any) {
                throw lock.error(lock.lineOfKey("environments"), "the lock is for other environments ("
                        + String.join("; ", environments) + "), not for this Lambda function ("
                        + env.value("sys_platform") + ", " + env.value("platform_machine") + ", Python "
                        + env.pythonDescription() + ")",
                        "lock for the Lambda environment too, e.g. add sys_platform == 'linux' to the environments");
            }
        }

        Map<String, LockedPackage> selected = new LinkedHashMap<>();
        for (JsonNode entry : array(root, "packages")) {
            String name = text(entry, "name");
            if (name == null) {
                throw lock.error(lock.lineOf("[[packages]]"), "a [[packages]] entry has no name",
                        "regenerate the lock with its tool");
            }
            String normalized = Requirement.normalizeName(name);
            if (!lock.holds(text(entry, "marker"), env, name)) {
                continue;
            }
            checkRequiresPython(text(entry, "requires-python"), env, name, lock.lineOfPackage(name));
            LockedPackage locked = toPackage(entry, name, normalized);
            LockedPackage earlier = selected.putIfAbsent(normalized, locked);
            if (earlier != null) {
                throw lock.error(lock.lineOfPackage(name), "two entries for " + normalized + " hold for this environment ("
                        + earlier + " and " + locked + ")",
                        "give the entries markers that exclude each other, or regenerate the lock");
            }
        }
        return new ResolvedDependencies(lock.file(), DependencyFileKind.PYLOCK, new ArrayList<>(selected.values()),
                true, warnings);
    }

    private void checkVersion(String version, List<String> warnings) throws LockFileException {
        int line = lock.lineOfKey("lock-version");
        if (version == null) {
            throw lock.error(-1, "no lock-version: this is not a PEP 751 lock file",
                    "regenerate it with a tool that writes pylock.toml (e.g. 'pip lock' or 'uv export -o pylock.toml')");
        }
        String[] parts = version.trim().split("\\.");
        if (!parts[0].equals("1")) {
            throw lock.error(line, "unknown lock-version '" + version + "': this plugin reads PEP 751 version 1",
                    "regenerate the lock in lock-version 1.0, or upgrade the plugin");
        }
        if (parts.length > 1 && !parts[1].equals("0")) {
            warnings.add(lock.origin() + ": lock-version " + version + " is newer than 1.0; keys added after 1.0 "
                    + "are ignored");
        }
    }

    private void checkRequiresPython(String requires, MarkerEnvironment env, String what, int line)
            throws LockFileException {
        if (requires == null || requires.isBlank()) {
            return;
        }
        SpecifierSet specifiers;
        try {
            specifiers = SpecifierSet.parse(requires);
        } catch (InvalidSpecifierException e) {
            throw new LockFileException(lock.file(), line, "the requires-python of " + what + " is invalid: "
                    + e.getMessage(), "regenerate the lock with its tool", e);
        }
        SpecifierSet allowed = specifiers;
        if (!env.decide(requires, e -> allowed.contains(Version.tryParse(e.value("python_full_version")).orElseThrow(),
                true))) {
            throw lock.error(line, what + " requires Python " + requires + ", but the Lambda runtime has "
                    + env.pythonDescription(),
                    "choose a <runtime> the lock supports, or lock for this Python version");
        }
    }

    private LockedPackage toPackage(JsonNode entry, String name, String normalized) throws LockFileException {
        int line = lock.lineOfPackage(name);
        String version = text(entry, "version");
        JsonNode vcs = child(entry, "vcs");
        JsonNode directory = child(entry, "directory");
        JsonNode archive = child(entry, "archive");
        boolean distributions = entry.has("wheels") || entry.has("sdist");
        int sources = (vcs.isMissingNode() ? 0 : 1) + (directory.isMissingNode() ? 0 : 1)
                + (archive.isMissingNode() ? 0 : 1) + (distributions ? 1 : 0);
        if (sources != 1) {
            throw lock.error(line, name + " has " + (sources == 0 ? "no source" : "conflicting sources")
                    + ": exactly one of vcs, directory, archive, or wheels/sdist must be given",
                    "regenerate the lock with its tool");
        }
        String origin = lock.origin();
        if (!vcs.isMissingNode()) {
            String type = text(vcs, "type");
            String url = text(vcs, "url") != null ? text(vcs, "url") : text(vcs, "path");
            String commit = text(vcs, "commit-id");
            if (type == null || !VCS_TYPES.contains(type) || url == null) {
                throw lock.error(line, name + ": the vcs entry needs a type (git, hg, svn, bzr) and a url or path",
                        "regenerate the lock with its tool");
            }
            if (commit == null || commit.isBlank()) {
                throw lock.error(line, name + " is locked to " + url + " without a commit-id, so the build could "
                        + "not be reproduced", "regenerate the lock so it records the commit");
            }
            return LockedPackage.locked(normalized, version, List.of(),
                    PackageSource.vcs(type, url, commit, text(vcs, "subdirectory")), origin);
        }
        if (!directory.isMissingNode()) {
            String path = requirePath(text(directory, "path"), name, line);
            boolean editable = directory.path("editable").asBoolean(false);
            PackageSource source = editable ? PackageSource.editable(path, text(directory, "subdirectory"))
                    : PackageSource.path(path, text(directory, "subdirectory"));
            return LockedPackage.locked(normalized, version, List.of(), source, origin);
        }
        if (!archive.isMissingNode()) {
            List<String> hashes = hashes(child(archive, "hashes"));
            String subdirectory = text(archive, "subdirectory");
            PackageSource source = text(archive, "url") != null ? PackageSource.url(text(archive, "url"), subdirectory)
                    : PackageSource.path(requirePath(text(archive, "path"), name, line), subdirectory);
            return LockedPackage.locked(normalized, version, hashes, source, origin);
        }
        if (version == null) {
            throw lock.error(line, name + " lists wheels or an sdist but no version",
                    "regenerate the lock with its tool");
        }
        List<String> hashes = new ArrayList<>();
        for (JsonNode wheel : array(entry, "wheels")) {
            hashes.addAll(hashes(child(wheel, "hashes")));
        }
        hashes.addAll(hashes(child(child(entry, "sdist"), "hashes")));
        return LockedPackage.locked(normalized, version, hashes, PackageSource.index(text(entry, "index")), origin);
    }

    private String requirePath(String path, String name, int line) throws LockFileException {
        if (path == null || path.isBlank()) {
            throw lock.error(line, name + ": a local entry without a path", "regenerate the lock with its tool");
        }
        return path;
    }

    private static List<String> hashes(JsonNode table) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> hash = it.next();
            LockDocument.pipHash(hash.getKey(), hash.getValue().asText()).ifPresent(out::add);
        }
        return out;
    }

    private static Set<String> normalized(List<String> names) {
        Set<String> out = new TreeSet<>();
        names.forEach(n -> out.add(Requirement.normalizeName(n)));
        return out;
    }
}
