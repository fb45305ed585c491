package io.github.lambdazip.common;

import java.util.List;

/**
 * A failure the user can act on: what went wrong, with the offending value, and how to fix it.
 * Subclasses say whose problem it is: the project's input or the build environment.
 */
public abstract class LambdaZipException extends Exception {

    private final String fix;
    private final List<String> settings;

    /** @param settings the user settings (parameter names) the problem or its fix is about */
    protected LambdaZipException(String problem, String fix, Throwable cause, String... settings) {
        super(problem, cause);
        this.fix = fix;
        this.settings = List.of(settings);
    }

    /** The settings (parameter names, such as {@code installTimeout}) the problem or its fix is about. */
    public List<String> settings() {
        return settings;
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
