package io.github.lambdazip.common;

/**
 * A failure the user can act on: what went wrong, with the offending value, and how to fix it.
 * Subclasses say whose problem it is: the project's input or the build environment.
 */
public abstract class LambdaZipException extends Exception {

    private final String fix;

    protected LambdaZipException(String problem, String fix, Throwable cause) {
        super(problem, cause);
        this.fix = fix;
    }

    /** What to do about it; never empty. */
    public String fix() {
        return fix;
    }

    /** The problem followed by the fix, as shown to the user. */
    public String describe() {
        return getMessage() + System.lineSeparator() + "  How to fix: " + fix;
    }
}
