package io.github.lambdazip.pip;

import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.FileTrees;
import io.github.lambdazip.hash.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Installed dependency trees keyed by everything that decides their contents. An entry is a folder
 * {@code <key>/} holding {@code tree/} and {@code index} (the SHA-256 and name of every file). Entries are built
 * in a private folder and renamed into place, so readers never see half an entry and two builds may race; an entry
 * whose files do not match its index is deleted and rebuilt.
 */
public final class DependencyCache {

    private static final String INDEX = "index";
    private static final String TREE = "tree";
    private static final String IMAGE = "image-id";

    private final Path root;
    private final BuildLog log;

    public DependencyCache(Path root, BuildLog log) {
        this.root = root;
        this.log = log;
    }

    /** The entry's tree when it is present and intact. */
    public Path lookup(String key) throws IOException {
        Path entry = root.resolve(key);
        if (!Files.isDirectory(entry)) {
            return null;
        }
        Path index = entry.resolve(INDEX);
        if (Files.isRegularFile(index) && Files.readString(index, StandardCharsets.UTF_8).equals(indexOf(entry.resolve(TREE)))) {
            return entry.resolve(TREE);
        }
        log.warn("The dependency cache entry " + entry + " is damaged (its files do not match its index); rebuilding it");
        discard(entry);
        return null;
    }

    /** The ID of the image the entry was installed in, or null when unknown. */
    public String imageId(String key) {
        try {
            return Files.readString(root.resolve(key).resolve(IMAGE), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException unknown) {
            return null;
        }
    }

    /**
     * Moves an installed tree into the cache, with the ID of the image it was installed in, and returns where it
     * now lives.
     */
    public Path publish(String key, Path installedTree, String imageId) throws IOException {
        Files.createDirectories(root);
        Path staging = root.resolve(".tmp-" + UUID.randomUUID());
        Files.createDirectories(staging);
        FileTrees.moveTree(installedTree, staging.resolve(TREE));
        Files.writeString(staging.resolve(INDEX), indexOf(staging.resolve(TREE)), StandardCharsets.UTF_8);
        Files.writeString(staging.resolve(IMAGE), imageId + "\n", StandardCharsets.UTF_8);
        Path entry = root.resolve(key);
        try {
            Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            FileTrees.deleteRecursively(staging);
            if (!Files.isDirectory(entry)) {
                throw e;
            }
            // Another build published the same key first; its tree has the same contents.
            Path existing = lookup(key);
            if (existing == null) {
                throw new IOException("Cannot publish the dependency cache entry " + entry, e);
            }
            return existing;
        }
        return entry.resolve(TREE);
    }

    private void discard(Path entry) throws IOException {
        Path trash = root.resolve(".trash-" + UUID.randomUUID());
        try {
            Files.move(entry, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return; // another build is discarding it too
        }
        FileTrees.deleteRecursively(trash);
    }

    static String indexOf(Path tree) throws IOException {
        if (!Files.isDirectory(tree)) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path file : walk.filter(p -> !Files.isDirectory(p)).sorted().toList()) {
                String name = tree.relativize(file).toString().replace('\\', '/');
                String kind = Files.isSymbolicLink(file) ? "link " + Files.readSymbolicLink(file) : sha256(file);
                lines.add(kind + "  " + (Files.isExecutable(file) ? "x " : "- ") + name);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), Sha256.newDigest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
    }
}
