package io.github.lambdazip.docker;

import io.github.lambdazip.common.InvalidConfigurationException;
import java.util.Locale;

/** When to pull the build image: only when missing (default), every build, or never. */
public enum PullPolicy {
    IF_NOT_PRESENT("ifNotPresent"),
    ALWAYS("always"),
    NEVER("never");

    private final String id;

    PullPolicy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static PullPolicy fromId(String value) throws InvalidConfigurationException {
        for (PullPolicy policy : values()) {
            if (policy.id.toLowerCase(Locale.ROOT).equals(value == null ? "" : value.trim().toLowerCase(Locale.ROOT))) {
                return policy;
            }
        }
        throw new InvalidConfigurationException("pullPolicy", "'" + value + "' is not a pull policy",
                "use ifNotPresent, always or never");
    }
}
