package io.github.lambdazip.core;

import io.github.lambdazip.stage.StagedTree;
import io.github.lambdazip.verify.PackageContents;
import io.github.lambdazip.verify.binary.ByteSource;
import io.github.lambdazip.verify.binary.FileByteSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** A staged tree seen as package contents, so the checks run before any zip is written. */
final class StagedContents implements PackageContents {

    private final StagedTree tree;
    private final Path baseDirectory;
    /** Listed on first use: the handler check before an install only needs them when the handler is missing. */
    private List<String> names;

    StagedContents(StagedTree tree, Path baseDirectory) {
        this.tree = tree;
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
    }

    @Override
    public Collection<String> names() {
        if (names == null) {
            names = tree.entries().stream().map(e -> e.name()).toList();
        }
        return names;
    }

    @Override
    public boolean contains(String name) {
        return tree.contains(name);
    }

    /** The host folder, relative to the project when inside it, that holds the entry {@code depth} levels up. */
    @Override
    public String sourceFolder(String entry, int depth) {
        Path folder = tree.get(entry).source().toAbsolutePath().normalize().getParent();
        for (int i = 0; i < depth && folder != null; i++) {
            folder = folder.getParent();
        }
        if (folder == null) {
            return PackageContents.super.sourceFolder(entry, depth);
        }
        String relative = folder.startsWith(baseDirectory) ? baseDirectory.relativize(folder).toString() : folder.toString();
        return relative.isEmpty() ? "." : relative.replace('\\', '/');
    }

    @Override
    public long size(String name) {
        return tree.get(name).size();
    }

    @Override
    public ByteSource bytes(String name) throws IOException {
        return new FileByteSource(tree.get(name).source());
    }

    @Override
    public int unixMode(String name) {
        return tree.get(name).executable() ? 0755 : 0644;
    }

    @Override
    public byte[] read(String name) throws IOException {
        return Files.readAllBytes(tree.get(name).source());
    }
}
