package io.github.lambdazip.docker;

import io.github.lambdazip.common.EnvironmentProblemException;

/** The Docker engine answered a request with an error mid-run: a problem of the environment, not of the project. */
public class DockerEngineFailedException extends EnvironmentProblemException {

    public DockerEngineFailedException(String endpoint, String doing, Throwable cause) {
        super("The Docker engine at " + endpoint + " failed while " + doing + ": " + firstLine(cause.getMessage()),
                "check the engine ('docker info', its free disk space and its log) and run the build again", cause);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}
