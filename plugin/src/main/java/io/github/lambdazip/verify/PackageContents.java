package io.github.lambdazip.verify;

import java.io.IOException;
import java.util.Collection;

/** The files of a package as checks see them, whether staged on disk or inside a finished zip. */
public interface PackageContents {

    /** All entry names, {@code /}-separated. */
    Collection<String> names();

    boolean contains(String name);

    /** The entry's bytes. */
    byte[] read(String name) throws IOException;
}
