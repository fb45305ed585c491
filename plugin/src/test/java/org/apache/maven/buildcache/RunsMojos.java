package org.apache.maven.buildcache;

import java.util.function.Supplier;

/**
 * Stands in the extension's package for its mojo execution strategy, so that a test can call code the way the
 * extension calls a mojo: with one of its classes on the stack.
 */
public final class RunsMojos {

    private RunsMojos() {}

    public static <T> T run(Supplier<T> mojo) {
        return mojo.get();
    }
}
