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
}
