package io.github.lambdazip.core;

import io.github.lambdazip.stage.StagedTree;
import io.github.lambdazip.verify.PackageContents;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;

/** A staged tree seen as package contents, so the checks run before any zip is written. */
final class StagedContents implements PackageContents {

    private final StagedTree tree;
    private final List<String> names;

    StagedContents(StagedTree tree) {
        this.tree = tree;
        this.names = tree.entries().stream().map(e -> e.name()).toList();
    }

    @Override
    public Collection<String> names() {
        return names;
    }

    @Override
    public boolean contains(String name) {
        return tree.contains(name);
    }

    @Override
    public byte[] read(String name) throws IOException {
        return Files.readAllBytes(tree.get(name).source());
    }
}
