package io.github.lambdazip.docker;

import io.github.lambdazip.common.BuildLog;

/**
 * The Docker engine of one build, connected on first use: a build whose dependencies all come from the cache never
 * contacts it. Closing it closes the connection, if one was made.
 */
public final class DockerSession implements AutoCloseable {

    private final BuildLog log;
    private DockerEngine engine;

    public DockerSession(BuildLog log) {
        this.log = log;
    }

    /** The engine, connected and answering; no engine is a {@link DockerUnavailableException}. */
    public synchronized DockerEngine engine() throws DockerUnavailableException {
        if (engine == null) {
            engine = DockerEngine.connect(log);
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
