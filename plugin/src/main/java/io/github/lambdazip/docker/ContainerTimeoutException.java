package io.github.lambdazip.docker;

import io.github.lambdazip.common.EnvironmentProblemException;
import java.time.Duration;

/** A container ran longer than allowed and was removed. */
public class ContainerTimeoutException extends EnvironmentProblemException {

    /** @param setting the setting that limits this run, named in the fix */
    public ContainerTimeoutException(String what, Duration timeout, String setting) {
        super(what + " did not finish within " + timeout.toSeconds() + " s; the container was removed",
                "raise <" + setting + "> (in seconds) if it is just slow, or check that what it fetches is reachable "
                        + "from the container", null, setting);
    }
}
