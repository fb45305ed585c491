package io.github.lambdazip.core;

import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.common.ThreadPools;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The zips of a build, written to their temporary files on a thread of their own while the caller checks their
 * contents: the checks run on one thread, and the compression would otherwise wait for them with a core idle. The
 * zips are only published after {@link #join} and only when the checks passed; when they fail, {@link #abandon} stops
 * the writing and waits for it to end, so that no temporary file is written after the build removed them.
 */
final class BackgroundZips {

    /** What the thread runs: everything that writes the zips, throwing what writing them may throw. */
    interface Work {
        void run() throws LambdaZipException, IOException;
    }

    private final ExecutorService thread;
    private final Future<Void> writing;

    private BackgroundZips(ExecutorService thread, Future<Void> writing) {
        this.thread = thread;
        this.writing = writing;
    }

    static BackgroundZips start(Work work) {
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread writer = new Thread(runnable, "lambdazip-write");
            writer.setDaemon(true);
            return writer;
        });
        Future<Void> writing = thread.submit(() -> {
            work.run();
            return null;
        });
        thread.shutdown();
        return new BackgroundZips(thread, writing);
    }

    /** On the writing thread: what the caller hands over meanwhile; an interrupt (the build gave up) ends the wait. */
    static <T> T await(Future<T> handedOver) throws IOException {
        try {
            return handedOver.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the build stopped before the zips were written");
        } catch (ExecutionException | CancellationException e) {
            throw new IOException("the build stopped before the zips were written", e);
        }
    }

    /** Waits for the zips, and fails as their writing failed. */
    void join() throws LambdaZipException, IOException {
        try {
            writing.get();
        } catch (InterruptedException e) {
            abandon();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the zips");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LambdaZipException lambdaZip) {
                throw lambdaZip;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /**
     * Stops the writing (the writer ends within the batches it has in flight) and waits until it has ended, however
     * often this thread is interrupted meanwhile: the job's temporary files are removed only after.
     */
    void abandon() {
        writing.cancel(true);
        ThreadPools.awaitEnd(thread);
    }
}
