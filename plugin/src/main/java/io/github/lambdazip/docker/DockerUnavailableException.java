package io.github.lambdazip.docker;

import io.github.lambdazip.common.EnvironmentProblemException;

/** No Docker engine answered at the configured endpoint. */
public class DockerUnavailableException extends EnvironmentProblemException {

    public DockerUnavailableException(String endpoint, Throwable cause) {
        super("Cannot reach a Docker engine at " + endpoint + " (" + rootMessage(cause) + "); one is needed to install "
                        + "<requirements> inside a Linux container",
                "start Docker (e.g. 'sudo systemctl start docker' or Docker Desktop), or point DOCKER_HOST at a "
                        + "running engine (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for TLS); 'docker info' must work",
                cause);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
