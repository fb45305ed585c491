package io.github.lambdazip.lock;

import io.github.lambdazip.pep.MarkerEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a lock file (or a {@code pyproject.toml} without one) into the packages to install for one Lambda
 * environment. The one entry point of this package: the installer calls {@link #resolve} for any
 * {@code <requirements>} file whose {@link DependencyFileKind} is not {@link DependencyFileKind#passthrough()}.
 */
public final class LockFileResolver {

    private LockFileResolver() {}

    /**
     * Reads {@code file} and selects what the environment needs.
     *
     * @param file a pylock.toml, uv.lock, poetry.lock, Pipfile.lock or pyproject.toml
     * @param environment the Lambda environment markers are evaluated against; its extras are the project's
     *     extras to install
     * @param lockGroups dependency groups to install besides the main dependencies (uv/Poetry/PEP 735 groups,
     *     PEP 751 dependency groups, Pipfile.lock sections such as {@code develop}), or for uv.lock the workspace
     *     members to install from instead of the project root; empty for the defaults
     * @throws LockFileException the file is malformed, of an unknown version, names what cannot be installed,
     *     or asks for a group that does not exist
     * @throws IOException the file cannot be read
     */
    public static ResolvedDependencies resolve(Path file, MarkerEnvironment environment, List<String> lockGroups)
            throws LockFileException, IOException {
        Objects.requireNonNull(environment, "environment");
        List<String> groups = lockGroups == null ? List.of()
                : lockGroups.stream().map(String::trim).filter(g -> !g.isEmpty()).distinct().toList();
        DependencyFileKind kind = DependencyFileKind.of(file);
        ResolvedDependencies parsed = switch (kind) {
            case REQUIREMENTS -> throw new IllegalArgumentException(
                    "pip reads requirements files itself; nothing to resolve in " + file);
            case PYLOCK -> new PylockParser(LockDocument.toml(file)).resolve(environment, groups);
            case UV_LOCK -> new UvLockParser(LockDocument.toml(file)).resolve(environment, groups);
            case POETRY_LOCK -> new PoetryLockParser(LockDocument.toml(file)).resolve(environment, groups);
            case PIPFILE_LOCK -> new PipfileLockParser(LockDocument.json(file)).resolve(environment, groups);
            case PYPROJECT -> new PyprojectParser(LockDocument.toml(file)).resolve(environment, groups);
        };
        return withHashWarning(parsed);
    }

    /** A lock in which only some packages carry hashes cannot be installed with --require-hashes: say which. */
    private static ResolvedDependencies withHashWarning(ResolvedDependencies resolved) {
        if (!resolved.locked() || resolved.hashesComplete() || resolved.packages().isEmpty()) {
            return resolved;
        }
        List<String> without = resolved.packages().stream().filter(p -> p.hashes().isEmpty())
                .map(LockedPackage::name).toList();
        List<String> warnings = new ArrayList<>(resolved.warnings());
        warnings.add(resolved.file().getFileName() + ": " + without.size() + " of " + resolved.packages().size()
                + " packages carry no hash (" + String.join(", ", without) + "), so pip cannot run with "
                + "--require-hashes and no downloaded file is checked against the lock; local folders and VCS "
                + "checkouts never have one, registry packages get one when the lock is regenerated with hashes");
        return new ResolvedDependencies(resolved.file(), resolved.kind(), resolved.packages(), resolved.locked(),
                warnings);
    }
}
