package io.github.lambdazip.common;

/** The project's configuration or files are wrong: the user must change them. */
public class ProjectProblemException extends LambdaZipException {

    public ProjectProblemException(String problem, String fix) {
        super(problem, fix, null);
    }

    public ProjectProblemException(String problem, String fix, Throwable cause, String... settings) {
        super(problem, fix, cause, settings);
    }
}
