package io.github.lambdazip.stage;

import io.github.lambdazip.common.ProjectProblemException;

/** Two inputs put different files at the same zip path. */
public class SourceConflictException extends ProjectProblemException {

    public SourceConflictException(String name, StagedEntry first, StagedEntry second) {
        super("Two different files would be stored as '" + name + "': " + first.source() + " (" + first.origin()
                        + ") and " + second.source() + " (" + second.origin() + ")",
                "keep one of them: remove or rename one file, or exclude it with <excludes><exclude>…</exclude></excludes>"
                        + " on the function or layer");
    }
}
