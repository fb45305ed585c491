package io.github.lambdazip.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import java.io.IOException;

/**
 * Callbacks that keep an engine error for the caller instead of logging it with a stack trace ("Error during
 * callback"): the caller reports it once, in words, or not at all when the build was stopped.
 */
final class QuietCallbacks {

    private QuietCallbacks() {}

    /** Follows a stream; an error ends it and is kept. */
    abstract static class Stream<T> extends ResultCallback.Adapter<T> {
        private volatile Throwable error;

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            closeQuietly(this);
        }

        Throwable error() {
            return error;
        }
    }

    /** Waits for a container's exit code; an error ends the wait and is thrown by {@link #exitCode}. */
    static final class Wait extends WaitContainerResultCallback {
        private volatile Throwable error;

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            closeQuietly(this);
        }

        int exitCode(long millis) {
            try {
                return awaitStatusCode(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (DockerClientException e) {
                if (error != null) {
                    throw new DockerClientException("waiting for the container failed: " + error.getMessage(), error);
                }
                throw e;
            }
        }
    }

    private static void closeQuietly(java.io.Closeable callback) {
        try {
            callback.close();
        } catch (IOException ignored) {
            // the stream is ending either way
        }
    }
}
