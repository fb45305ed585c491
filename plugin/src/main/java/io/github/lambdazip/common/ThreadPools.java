package io.github.lambdazip.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Waiting for the threads the plugin starts. */
public final class ThreadPools {

    private ThreadPools() {}

    /**
     * Waits until every task of a shut-down pool has ended, however often this thread is interrupted meanwhile, and
     * keeps the interrupt for the caller: what the tasks use (buffers, temporary files) may be released only after.
     */
    public static void awaitEnd(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
