package io.github.lambdazip.verify;

/**
 * One problem found in a package: which rule, how bad, the file it is about (a zip entry name, or null for the
 * whole package), the line where there is one (0 when none), what is wrong and how to fix it.
 */
public record Finding(Rule rule, Severity severity, String file, int line, String message, String fix) {

    public static Finding error(Rule rule, String file, String message, String fix) {
        return new Finding(rule, Severity.ERROR, file, 0, message, fix);
    }

    public static Finding warning(Rule rule, String file, String message, String fix) {
        return new Finding(rule, Severity.WARNING, file, 0, message, fix);
    }

    public static Finding info(Rule rule, String file, String message, String fix) {
        return new Finding(rule, Severity.INFO, file, 0, message, fix);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public boolean isWarning() {
        return severity == Severity.WARNING;
    }

    /** Whether this finding fails the build: an error, or a warning when warnings do. */
    public boolean failsBuild(boolean failOnWarning) {
        return isError() || (failOnWarning && isWarning());
    }

    /** One readable block: rule, place, message and fix. */
    public String describe() {
        String where = file == null ? "" : " " + file + (line > 0 ? ":" + line : "");
        return "[" + rule + "]" + where + ": " + message + System.lineSeparator() + "    How to fix: " + fix;
    }
}
