package io.github.lambdazip.pip;

import io.github.lambdazip.common.ProjectProblemException;
import io.github.lambdazip.lock.LockedPackage;
import io.github.lambdazip.lock.ResolvedDependencies;
import io.github.lambdazip.lock.SourceKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds every host file a requirements file makes pip read: nested {@code -r}/{@code -c} files, local wheels and
 * sdists, {@code --find-links} folders (from the file or the configuration), so that exactly those are copied into
 * the container and hashed into the cache key. Relative paths are read as pip reads them when run beside the file.
 * For a lock file's resolved set it writes the pinned requirements file and finds the local folders and archives
 * its packages are built from; the lock itself is not an input.
 */
public final class RequirementsScanner {

    private static final List<String> ARCHIVE_SUFFIXES = List.of(".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2");

    public InstallInputs scan(Path requirements, Path baseDirectory, List<String> configuredFindLinks)
            throws IOException, ProjectProblemException {
        Set<Path> files = new LinkedHashSet<>();
        Set<Path> findLinkFolders = new LinkedHashSet<>();
        readRequirements(requirements.toAbsolutePath().normalize(), files, findLinkFolders, new LinkedHashSet<>());
        for (String folder : configuredFindLinks) {
            findLinkFolders.add(findLinkFolder(baseDirectory, folder));
        }
        List<Path> configured = new ArrayList<>();
        for (Path folder : findLinkFolders) {
            try (Stream<Path> children = Files.list(folder)) {
                children.filter(Files::isRegularFile).forEach(files::add);
            }
            configured.add(folder);
        }
        Path root = commonRoot(files, findLinkFolders);
        TreeMap<String, Path> byName = new TreeMap<>();
        for (Path file : files) {
            byName.put(relative(root, file), file);
        }
        List<String> findLinks = new ArrayList<>();
        for (String folder : configuredFindLinks) {
            findLinks.add(relative(root, baseDirectory.resolve(folder.trim()).toAbsolutePath().normalize()));
        }
        return new InstallInputs(root, byName, relative(root, requirements.toAbsolutePath().normalize()), findLinks);
    }

    /**
     * The inputs of a resolved lock: the pinned requirements file (local paths turned into container paths), the
     * local folders and archives it names, and the configured find-links folders. The file carries the lock's hashes
     * only when every package has one: pip refuses a line without a hash once any line has one, so a lock with a
     * local folder or a VCS checkout is installed unchecked (the resolver warns which packages lack a hash).
     */
    public InstallInputs scan(ResolvedDependencies resolved, Path baseDirectory, List<String> configuredFindLinks)
            throws IOException, ProjectProblemException {
        Path lockFolder = resolved.file().toAbsolutePath().normalize().getParent();
        Set<Path> files = new LinkedHashSet<>();
        Set<Path> folders = new LinkedHashSet<>();
        for (LockedPackage p : resolved.packages()) {
            if (p.source().kind() == SourceKind.URL && p.source().location().startsWith("file:")) {
                throw new ProjectProblemException(resolved.file() + " locks " + p.name() + " to "
                        + p.source().location() + ", a file: URL, which names a path on this machine that the build "
                        + "container cannot see", "lock it by a path relative to the lock file's folder instead");
            }
        }
        for (LockedPackage p : resolved.localPackages()) {
            Path path = lockFolder.resolve(p.source().location()).normalize();
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                addTree(path, files);
                folders.add(path);
            } else {
                throw new ProjectProblemException(resolved.file() + " locks " + p.name() + " to the local path '"
                        + p.source().location() + "', which does not exist (looked for " + path + ")",
                        "restore the folder or archive, or correct the path in the lock's project and lock again; "
                                + "it is relative to " + lockFolder);
            }
        }
        List<Path> findLinkFolders = new ArrayList<>();
        for (String folder : configuredFindLinks) {
            Path path = findLinkFolder(baseDirectory, folder);
            try (Stream<Path> children = Files.list(path)) {
                children.filter(Files::isRegularFile).forEach(files::add);
            }
            findLinkFolders.add(path);
            folders.add(path);
        }
        Path root = files.isEmpty() && folders.isEmpty() ? lockFolder : commonRoot(files, folders);
        TreeMap<String, Path> byName = new TreeMap<>();
        for (Path file : files) {
            byName.put(relative(root, file), file);
        }
        List<String> findLinks = findLinkFolders.stream().map(folder -> relative(root, folder)).toList();
        InstallInputs paths = new InstallInputs(root, byName, null, findLinks);
        // pip checks the hashes of every line as soon as one line has one, and a folder has none: then none
        boolean hashes = resolved.hashesComplete();
        StringBuilder text = new StringBuilder();
        for (LockedPackage p : resolved.packages()) {
            LockedPackage line = hashes ? p
                    : new LockedPackage(p.name(), p.version(), List.of(), p.source(), p.origin(), p.requirement());
            text.append(line.pipLine(location -> paths.containerPath(lockFolder.resolve(location).normalize())))
                    .append('\n');
        }
        return new InstallInputs(root, byName, null, findLinks,
                new InstallInputs.Pinned(text.toString(), resolved.locked(), resolved.hashesComplete()));
    }

    private static Path findLinkFolder(Path baseDirectory, String folder) throws ProjectProblemException {
        Path path = baseDirectory.resolve(folder.trim()).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new ProjectProblemException("The <findLink> folder '" + folder + "' does not exist (looked for "
                    + path + ")", "correct the path; it is relative to " + baseDirectory);
        }
        return path;
    }

    private void readRequirements(Path file, Set<Path> files, Set<Path> findLinks, Set<Path> visiting)
            throws IOException, ProjectProblemException {
        if (!visiting.add(file)) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new ProjectProblemException("The requirements file " + file + " does not exist",
                    "correct the -r/-c line or <requirements> that names it");
        }
        files.add(file);
        Path dir = file.getParent();
        for (String line : logicalLines(Files.readString(file, StandardCharsets.UTF_8))) {
            String[] words = line.split("\\s+", 2);
            String option = words[0];
            String value = words.length > 1 ? words[1].trim() : "";
            if (option.contains("=") && option.startsWith("--")) {
                value = option.substring(option.indexOf('=') + 1);
                option = option.substring(0, option.indexOf('='));
            }
            switch (option) {
                case "-r", "--requirement", "-c", "--constraint" -> {
                    if (!isUrl(value)) {
                        readRequirements(local(dir, value, file), files, findLinks, visiting);
                    }
                }
                case "-f", "--find-links" -> {
                    if (!isUrl(value)) {
                        Path folder = local(dir, value, file);
                        if (Files.isDirectory(folder)) {
                            findLinks.add(folder);
                        }
                    }
                }
                default -> {
                    if (!option.startsWith("-") && looksLocal(line)) {
                        Path path = local(dir, line.split("[;\\s]", 2)[0], file);
                        if (Files.isRegularFile(path)) {
                            files.add(path);
                        } else if (Files.isDirectory(path)) {
                            addTree(path, files);
                        }
                    }
                }
            }
        }
    }

    private static Path local(Path dir, String value, Path requirements) throws ProjectProblemException {
        String path = value.startsWith("file:") ? value.substring("file:".length()) : value;
        if (path.startsWith("/")) {
            throw new ProjectProblemException("The requirements file " + requirements + " names the absolute path '"
                    + value + "', which does not exist inside the build container",
                    "write it relative to the requirements file's folder");
        }
        return dir.resolve(path).normalize();
    }

    private static boolean looksLocal(String line) {
        String first = line.split("[;\\s]", 2)[0];
        if (isUrl(first)) {
            return false;
        }
        String lower = first.toLowerCase(Locale.ROOT);
        return first.startsWith(".") || first.startsWith("/") || first.startsWith("file:")
                || ARCHIVE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    private static boolean isUrl(String value) {
        return value.contains("://") && !value.startsWith("file:");
    }

    private static void addTree(Path folder, Set<Path> files) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
    }

    /** Joins continuation lines and drops comments and blank lines, as pip does. */
    static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\r\n|\r|\n")) {
            String line = raw.replaceAll("(^|\\s)#.*$", "");
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String logical = current.toString().trim();
            current.setLength(0);
            if (!logical.isEmpty()) {
                lines.add(logical);
            }
        }
        if (!current.toString().isBlank()) {
            lines.add(current.toString().trim());
        }
        return lines;
    }

    private static Path commonRoot(Set<Path> files, Set<Path> folders) {
        Path root = null;
        for (Path path : files) {
            root = root == null ? path.getParent() : common(root, path.getParent());
        }
        for (Path folder : folders) {
            root = root == null ? folder : common(root, folder);
        }
        return root;
    }

    private static Path common(Path a, Path b) {
        Path result = a;
        while (!b.startsWith(result)) {
            result = result.getParent();
        }
        return result;
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
