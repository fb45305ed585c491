package io.github.lambdazip.common;

/** The build environment failed (Docker, disk, time-out): the project itself may be fine. */
public class EnvironmentProblemException extends LambdaZipException {

    public EnvironmentProblemException(String problem, String fix) {
        super(problem, fix, null);
    }

    public EnvironmentProblemException(String problem, String fix, Throwable cause, String... settings) {
        super(problem, fix, cause, settings);
    }
}
