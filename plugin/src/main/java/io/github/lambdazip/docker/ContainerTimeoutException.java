package io.github.lambdazip.docker;

import io.github.lambdazip.common.EnvironmentProblemException;
import java.time.Duration;

/** A container ran longer than allowed and was removed. */
public class ContainerTimeoutException extends EnvironmentProblemException {

    public ContainerTimeoutException(String what, Duration timeout) {
        super(what + " did not finish within " + timeout.toSeconds() + " s; the container was removed",
                "raise <installTimeout> (property lambdazip.installTimeout, in seconds) if the install is just slow, "
                        + "or check that the index is reachable from the container");
    }
}
