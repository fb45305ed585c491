package io.github.lambdazip.bytecode;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.docker.PullPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The sources of one function or layer to compile for its runtime, in the image that installs its dependencies.
 * {@code lambdaRoot} is the folder Lambda unzips the package to ({@code /var/task/} for a function, {@code /opt/}
 * for a layer): a source's name under it is the file name the bytecode records. {@code cacheDirectory} keeps
 * compiled files for the next build; null keeps them only for this one.
 */
public record BytecodeRequest(
        String artifact,
        List<BytecodeSource> sources,
        String lambdaRoot,
        PythonRuntime runtime,
        Architecture architecture,
        String image,
        PullPolicy pullPolicy,
        boolean offline,
        Duration timeout,
        Path cacheDirectory) {

    public BytecodeRequest {
        sources = List.copyOf(sources);
    }

    /** Where a compiled source goes in the zip: {@code a/m.py} → {@code a/__pycache__/m.cpython-311.pyc}. */
    public String pycName(String sourceName) {
        int slash = sourceName.lastIndexOf('/');
        String folder = sourceName.substring(0, slash + 1);
        String stem = sourceName.substring(slash + 1, sourceName.length() - ".py".length());
        return folder + "__pycache__/" + stem + "." + runtime.abiTag() + ".pyc";
    }
}
