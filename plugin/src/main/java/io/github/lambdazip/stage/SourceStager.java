package io.github.lambdazip.stage;

import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.ProjectProblemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts the contents of a source folder into a {@link StagedTree} under a prefix, leaving out what never belongs
 * in a Lambda package (byte code caches, VCS folders, Finder files) and what the user excludes.
 */
public final class SourceStager {

    private static final Set<String> SKIPPED_FOLDERS = Set.of("__pycache__", ".git", ".hg", ".svn", ".bzr");
    private static final Set<String> SKIPPED_FILES = Set.of(".DS_Store", "Thumbs.db");

    private final BuildLog log;

    public SourceStager(BuildLog log) {
        this.log = log;
    }

    /**
     * Stages the contents of {@code root} (not the folder itself) under {@code prefix} ("" or "python/").
     *
     * @param excludes patterns matched against names relative to {@code root}
     */
    public void stage(Path root, String prefix, List<GlobPattern> excludes, String origin, StagedTree tree)
            throws ProjectProblemException, IOException {
        Path realRoot = root.toRealPath();
        Set<Path> ancestry = new HashSet<>();
        visit(root, realRoot, realRoot, "", prefix, excludes, origin, tree, ancestry);
    }

    /** Stages one file under {@code name}, as a regular file (0644); for files the build makes itself. */
    public void stageFile(Path file, String name, String origin, StagedTree tree) throws IOException,
            SourceConflictException {
        FileFacts facts = FileFacts.read(file);
        tree.add(new StagedEntry(name, file, facts.size(), false, origin, facts.stamp()));
    }

    /**
     * Stages the folder {@code dir}, whose real path is {@code realDir}: known without asking the file system, as
     * its parent's real path and its name unless it was reached through a link (asking costs a cold JVM more than
     * the listing of a small folder).
     */
    private void visit(Path dir, Path realDir, Path realRoot, String relDir, String prefix, List<GlobPattern> excludes,
            String origin, StagedTree tree, Set<Path> ancestry) throws ProjectProblemException, IOException {
        if (!ancestry.add(realDir)) {
            throw new ProjectProblemException("The symbolic links under " + dir + " form a loop",
                    "remove the link that points back to one of its own parent folders");
        }
        for (String fileName : list(dir)) {
            Path child = dir.resolve(fileName);
            String rel = relDir + fileName;
            Path realChild = null;
            FileFacts facts = FileFacts.read(child);
            if (facts.symbolicLink()) {
                realChild = resolveInside(child, realRoot);
                facts = FileFacts.read(realChild);
            }
            if (facts.directory()) {
                if (SKIPPED_FOLDERS.contains(fileName)) {
                    log.debug("skip " + rel + "/ (never packaged)");
                    continue;
                }
                visit(child, realChild != null ? realChild : realDir.resolve(fileName), realRoot, rel + "/", prefix,
                        excludes, origin, tree, ancestry);
            } else if (facts.regularFile()) {
                if (SKIPPED_FILES.contains(fileName) || fileName.endsWith(".pyc") || fileName.endsWith(".pyo")) {
                    log.debug("skip " + rel + " (never packaged)");
                } else if (GlobPattern.anyMatches(excludes, rel)) {
                    log.debug("skip " + rel + " (excluded)");
                } else {
                    tree.add(new StagedEntry(prefix + rel, child, facts.size(), facts.ownerExecutable(), origin,
                            facts.stamp()));
                }
            } else {
                throw new ProjectProblemException("Cannot package " + child + ": it is neither a file nor a folder",
                        "remove it from the source folder or exclude it with <excludes>");
            }
        }
        ancestry.remove(realDir);
    }

    private static Path resolveInside(Path link, Path realRoot) throws IOException, UnsafeSymlinkException {
        Path real;
        try {
            real = link.toRealPath();
        } catch (IOException e) {
            throw new UnsafeSymlinkException(link, Files.readSymbolicLink(link), realRoot);
        }
        if (!real.startsWith(realRoot)) {
            throw new UnsafeSymlinkException(link, real, realRoot);
        }
        return real;
    }

    /**
     * The names in a folder, in name order; java.io's listing, one call per folder, costs less than a stream of
     * paths. In name order, the whole walk comes out all but sorted, which the zip's order then costs next to nothing
     * (a sort of names in the file system's order is a measurable share of a no-op build in a cold JVM).
     */
    private static String[] list(Path dir) throws IOException {
        String[] names = dir.toFile().list();
        if (names == null) {
            throw new IOException("Cannot list the folder " + dir);
        }
        Arrays.sort(names);
        return names;
    }
}
