package io.github.lambdazip.docker;

import io.github.lambdazip.common.ProjectProblemException;

/** A tar coming out of a container holds an entry that could write outside its folder. */
public class UnsafeArchiveException extends ProjectProblemException {

    public UnsafeArchiveException(String entry, String reason) {
        super("Refused the installed file '" + entry + "': " + reason,
                "find which requirement installs it (pip's output above lists them) and remove or replace that "
                        + "package; a normal wheel never contains such an entry");
    }
}
