package io.github.lambdazip.docker;

import io.github.lambdazip.common.EnvironmentProblemException;

/** The build was stopped (Ctrl-C) while a container ran; the container is gone, or the message says how to remove it. */
public class BuildInterruptedException extends EnvironmentProblemException {

    public BuildInterruptedException(String what) {
        super(what, "nothing to do: no output was replaced; run the build again when you want it");
    }
}
