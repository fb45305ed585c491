package io.github.lambdazip.bytecode;

import io.github.lambdazip.common.FileTrees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The compiled file of each source that compiled, by source name. When the build keeps no cache, the files are in a
 * temporary folder, deleted on close; cached files are left alone.
 */
public record CompiledBytecode(Map<String, Path> files, Path temporary) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        if (temporary != null) {
            FileTrees.deleteRecursively(temporary);
        }
    }
}
