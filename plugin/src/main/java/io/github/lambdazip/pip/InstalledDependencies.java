package io.github.lambdazip.pip;

import io.github.lambdazip.common.FileTrees;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A folder of installed packages, ready to stage. When it is a temporary install (cache off) closing deletes it;
 * a cache entry is left alone.
 */
public record InstalledDependencies(Path folder, boolean temporary) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        if (temporary) {
            FileTrees.deleteRecursively(folder.getParent());
        }
    }
}
