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

    /** A requirements file installed into the zip inside a Linux container; optional. */
    String requirements;

    /** Ant-style patterns, relative to each source folder, of files to leave out. */
    List<String> excludes;

    /**
     * Names of the {@code <layer>}s of this build the function runs with: its imports are resolved against them and
     * its size limit counts them. Unset, the function is checked with every layer of the build.
     */
    List<String> layers;
}
