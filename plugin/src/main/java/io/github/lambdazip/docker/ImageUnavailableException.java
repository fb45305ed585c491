package io.github.lambdazip.docker;

import io.github.lambdazip.common.EnvironmentProblemException;

/** The build image is not on the engine and could not, or may not, be pulled. */
public class ImageUnavailableException extends EnvironmentProblemException {

    public ImageUnavailableException(String problem, String fix, Throwable cause, String... settings) {
        super(problem, fix, cause, settings);
    }
}
