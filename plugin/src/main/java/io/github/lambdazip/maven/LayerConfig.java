package io.github.lambdazip.maven;

import java.util.List;

/**
 * A {@code <layer>} element: a Lambda layer, its contents under {@code python/}. Not named {@code Layer}: Maven
 * would then read every {@code <layer>} element as one, also a layer name in a function's {@code <layers>} list.
 */
public class LayerConfig {

    /** The layer's name: it names the zip ({@code <name>.zip}) and the attached artifact's classifier. */
    String name;

    /** Folders whose contents go under {@code python/} in the zip. */
    List<String> sources;

    /**
     * A requirements file installed under {@code python/} inside a Linux container, or a lock file (pylock.toml,
     * uv.lock, poetry.lock, Pipfile.lock) or pyproject.toml resolved for the layer's runtime and architecture;
     * optional.
     */
    String requirements;

    /** The lock extras of this layer, in place of the goal's {@code <lockExtras>}; unset, the goal's. */
    List<String> lockExtras;

    /** The lock groups of this layer, in place of the goal's {@code <lockGroups>}; unset, the goal's. */
    List<String> lockGroups;

    /** Whether this layer ships bytecode, in place of the goal's {@code <compileBytecode>}; unset, the goal's. */
    Boolean compileBytecode;

    /** Ant-style patterns, relative to each source folder, of files to leave out. */
    List<String> excludes;
}
