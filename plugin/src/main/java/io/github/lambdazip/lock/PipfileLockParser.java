package io.github.lambdazip.lock;

import static io.github.lambdazip.lock.LockDocument.child;
import static io.github.lambdazip.lock.LockDocument.strings;
import static io.github.lambdazip.lock.LockDocument.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdazip.pep.MarkerEnvironment;
import io.github.lambdazip.pep.Requirement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipenv's {@code Pipfile.lock} (JSON, {@code pipfile-spec} up to 6): the {@code default} section plus requested
 * sections ({@code develop}, or a custom package category), each entry's {@code markers} evaluated. Entries are
 * pinned ({@code "version": "==1.2.3"} with {@code hashes}), local ({@code path}, {@code editable}), VCS
 * ({@code git} with {@code ref}, the resolved commit) or files ({@code file}).
 */
final class PipfileLockParser {

    private static final int NEWEST_SPEC = 6;
    private static final List<String> VCS_TYPES = List.of("git", "hg", "svn", "bzr");

    private final LockDocument lock;

    PipfileLockParser(LockDocument lock) {
        this.lock = lock;
    }

    ResolvedDependencies resolve(MarkerEnvironment environment, List<String> groups) throws LockFileException {
        JsonNode meta = child(lock.root(), "_meta");
        JsonNode spec = child(meta, "pipfile-spec");
        if (!spec.isInt() || spec.asInt() < 1 || spec.asInt() > NEWEST_SPEC) {
            throw lock.error(lock.lineOf("\"pipfile-spec\""), spec.isMissingNode()
                            ? "no _meta.pipfile-spec: this is not a Pipfile.lock"
                            : "unknown pipfile-spec " + spec + ": this plugin reads versions up to " + NEWEST_SPEC,
                    "regenerate it with 'pipenv lock'");
        }
        Map<String, String> indexes = new LinkedHashMap<>();
        for (JsonNode source : LockDocument.array(meta, "sources")) {
            if (text(source, "name") != null && text(source, "url") != null) {
                indexes.put(text(source, "name"), text(source, "url"));
            }
        }
        List<String> sections = new ArrayList<>();
        sections.add("default");
        for (String group : groups) {
            String section = switch (group) {
                case "dev-packages", "dev" -> "develop";
                case "packages" -> "default";
                default -> group;
            };
            if (!lock.root().path(section).isObject() || section.equals("_meta")) {
                List<String> available = new ArrayList<>();
                lock.root().fieldNames().forEachRemaining(n -> {
                    if (!n.equals("_meta")) {
                        available.add(n);
                    }
                });
                throw lock.error(-1, "there is no section '" + group + "' (there are " + String.join(", ", available)
                        + ")", "name 'develop' or a package category of the Pipfile in <lockGroups>");
            }
            if (!sections.contains(section)) {
                sections.add(section);
            }
        }
        Map<String, LockedPackage> selected = new LinkedHashMap<>();
        for (String section : sections) {
            for (Iterator<Map.Entry<String, JsonNode>> it = lock.root().path(section).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                JsonNode value = entry.getValue();
                if (!lock.holds(text(value, "markers"), environment, name)) {
                    continue;
                }
                LockedPackage locked = toPackage(name, value, indexes);
                LockedPackage earlier = selected.putIfAbsent(locked.name(), locked);
                if (earlier != null && !earlier.equals(locked)) {
                    throw lock.error(lock.lineOfPackage(name), locked.name() + " is locked differently in two sections ("
                            + earlier + " and " + locked + ")", "regenerate the lock with 'pipenv lock'");
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        return new ResolvedDependencies(lock.file(), DependencyFileKind.PIPFILE_LOCK, new ArrayList<>(selected.values()),
                true, warnings);
    }

    private LockedPackage toPackage(String name, JsonNode value, Map<String, String> indexes) throws LockFileException {
        String normalized = Requirement.normalizeName(name);
        int line = lock.lineOfPackage(name);
        List<String> hashes = new ArrayList<>();
        for (String hash : strings(value, "hashes")) {
            LockDocument.pipHash(hash).ifPresent(hashes::add);
        }
        String subdirectory = text(value, "subdirectory");
        for (String vcs : VCS_TYPES) {
            String url = text(value, vcs);
            if (url != null) {
                String ref = text(value, "ref");
                if (ref == null || ref.isBlank()) {
                    throw lock.error(line, name + " is locked to " + url + " without a ref (the resolved commit), so "
                            + "the build could not be reproduced", "regenerate the lock with 'pipenv lock'");
                }
                return LockedPackage.locked(normalized, version(value), List.of(),
                        PackageSource.vcs(vcs, url, ref, subdirectory), lock.origin());
            }
        }
        if (text(value, "path") != null) {
            String path = text(value, "path");
            PackageSource source = value.path("editable").asBoolean(false) ? PackageSource.editable(path, subdirectory)
                    : PackageSource.path(path, subdirectory);
            return LockedPackage.locked(normalized, version(value), hashes, source, lock.origin());
        }
        if (text(value, "file") != null) {
            String file = text(value, "file");
            PackageSource source = file.contains("://") ? PackageSource.url(file, subdirectory)
                    : PackageSource.path(file, subdirectory);
            return LockedPackage.locked(normalized, version(value), hashes, source, lock.origin());
        }
        String version = version(value);
        if (version == null) {
            throw lock.error(line, name + " has no pinned version (\"version\": \"==x.y\") and no path, file or VCS "
                    + "source", "regenerate the lock with 'pipenv lock'");
        }
        String index = text(value, "index");
        return LockedPackage.locked(normalized, version, hashes,
                PackageSource.index(index == null ? null : indexes.getOrDefault(index, null)), lock.origin());
    }

    /** {@code "==1.2.3"} gives {@code 1.2.3}; anything else (absent, {@code "*"}) null. */
    private static String version(JsonNode value) {
        String version = text(value, "version");
        return version != null && version.startsWith("==") && !version.startsWith("===")
                ? version.substring(2).trim() : null;
    }
}
