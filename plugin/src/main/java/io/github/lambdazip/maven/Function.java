package io.github.lambdazip.maven;

import java.util.List;

/** A {@code <function>} element: a Lambda function packaged with its code at the zip root. */
public class Function {

    /** The function's name: it names the zip ({@code <name>.zip}) and the attached artifact's classifier. */
    String name;

    /** The handler Lambda calls, {@code module.path.function}. */
    String handler;

    /** Folders whose contents (not the folders themselves) go to the zip root. */
    List<String> sources;

    /**
     * A requirements file installed into the zip inside a Linux container, or a lock file (pylock.toml, uv.lock,
     * poetry.lock, Pipfile.lock) or pyproject.toml resolved for the function's runtime and architecture; optional.
     */
    String requirements;

    /** The lock extras of this function, in place of the goal's {@code <lockExtras>}; unset, the goal's. */
    List<String> lockExtras;

    /** The lock groups of this function, in place of the goal's {@code <lockGroups>}; unset, the goal's. */
    List<String> lockGroups;

    /** Whether this function ships bytecode, in place of the goal's {@code <compileBytecode>}; unset, the goal's. */
    Boolean compileBytecode;

    /** Ant-style patterns, relative to each source folder, of files to leave out. */
    List<String> excludes;

    /**
     * Names of the {@code <layer>}s of this build the function runs with: its imports are resolved against them and
     * its size limit counts them. Unset, the function is checked with every layer of the build.
     */
    List<String> layers;
}
