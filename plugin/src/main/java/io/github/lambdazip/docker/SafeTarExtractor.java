package io.github.lambdazip.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a tar into a folder, refusing anything that could escape it: absolute names, {@code ..}, links
 * pointing outside, device files. Files are written by this process, so they belong to the build user, with
 * modes 0644 or 0755 whatever the archive says.
 */
public final class SafeTarExtractor {

    private SafeTarExtractor() {}

    /**
     * @param stripPrefix the first path element to remove (Docker names entries after the copied folder), or ""
     */
    public static int extract(InputStream in, Path destination, String stripPrefix)
            throws IOException, UnsafeArchiveException {
        Path root = destination.toAbsolutePath().normalize();
        Files.createDirectories(root);
        int files = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = strip(entry.getName(), stripPrefix);
                if (name.isEmpty()) {
                    continue;
                }
                Path target = safeTarget(root, name, entry.getName());
                // commons-compress counts devices and FIFOs as files, so they are refused before anything else.
                if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    throw new UnsafeArchiveException(entry.getName(), "a device, FIFO or other special file");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    String link = entry.getLinkName();
                    if (link.startsWith("/") || !target.getParent().resolve(link).normalize().startsWith(root)) {
                        throw new UnsafeArchiveException(entry.getName(), "a link to '" + link + "' outside the install folder");
                    }
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, target.getFileSystem().getPath(link));
                } else if (entry.isLink()) {
                    Path source = safeTarget(root, strip(entry.getLinkName(), stripPrefix), entry.getLinkName());
                    if (!Files.isRegularFile(source)) {
                        throw new UnsafeArchiveException(entry.getName(), "a hard link to a file it does not contain");
                    }
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                    files++;
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    setMode(target, (entry.getMode() & 0100) != 0);
                    files++;
                } else {
                    throw new UnsafeArchiveException(entry.getName(), "a device, FIFO or other special file");
                }
            }
        }
        return files;
    }

    private static String strip(String name, String prefix) {
        String clean = name.startsWith("./") ? name.substring(2) : name;
        if (!prefix.isEmpty() && (clean.equals(prefix) || clean.equals(prefix + "/"))) {
            return "";
        }
        if (!prefix.isEmpty() && clean.startsWith(prefix + "/")) {
            clean = clean.substring(prefix.length() + 1);
        }
        return clean.endsWith("/") ? clean.substring(0, clean.length() - 1) : clean;
    }

    private static Path safeTarget(Path root, String name, String original) throws UnsafeArchiveException {
        if (name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
            throw new UnsafeArchiveException(original, "an absolute or malformed name");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new UnsafeArchiveException(original, "a '..' path element");
            }
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new UnsafeArchiveException(original, "a name outside the install folder");
        }
        // A link extracted earlier must not become a door: nothing is written through one.
        for (Path parent = target.getParent(); !parent.equals(root); parent = parent.getParent()) {
            if (Files.isSymbolicLink(parent)) {
                throw new UnsafeArchiveException(original, "a path through the link " + root.relativize(parent));
            }
        }
        return target;
    }

    private static void setMode(Path file, boolean executable) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}
