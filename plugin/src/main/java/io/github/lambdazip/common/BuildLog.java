package io.github.lambdazip.common;

/** Where the core reports progress; the Maven layer adapts it to the Maven log. */
public interface BuildLog {

    void debug(String message);

    void info(String message);

    void warn(String message);

    /** An error a tool reported (pip's {@code ERROR:} lines); the build's own failure is an exception instead. */
    default void error(String message) {
        warn(message);
    }

    /**
     * This log with every line prefixed, e.g. {@code [notifier] }, so the lines of modules or functions built at once
     * ({@code mvn -T}) can be told apart.
     */
    default BuildLog prefixed(String prefix) {
        BuildLog target = this;
        return new BuildLog() {
            @Override
            public void debug(String message) {
                target.debug(prefix + message);
            }

            @Override
            public void info(String message) {
                target.info(prefix + message);
            }

            @Override
            public void warn(String message) {
                target.warn(prefix + message);
            }

            @Override
            public void error(String message) {
                target.error(prefix + message);
            }
        };
    }

    /** A log that drops everything, for callers that do not care. */
    static BuildLog silent() {
        return new BuildLog() {
            @Override
            public void debug(String message) {}

            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {}
        };
    }
}
