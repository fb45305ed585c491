package io.github.lambdazip.common;

/** Where the core reports progress; the Maven layer adapts it to the Maven log. */
public interface BuildLog {

    void debug(String message);

    void info(String message);

    void warn(String message);

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
