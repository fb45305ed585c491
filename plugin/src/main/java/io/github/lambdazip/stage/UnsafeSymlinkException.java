package io.github.lambdazip.stage;

import io.github.lambdazip.common.ProjectProblemException;
import java.nio.file.Path;

/** A symbolic link in the sources points outside the source folder. */
public class UnsafeSymlinkException extends ProjectProblemException {

    public UnsafeSymlinkException(Path link, Path target, Path root) {
        super("The symbolic link " + link + " points to " + target + ", outside the source folder " + root,
                "replace the link with the file itself, move its target into " + root
                        + ", or add the target's folder as another <source>");
    }
}
