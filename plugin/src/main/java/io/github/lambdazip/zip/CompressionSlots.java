package io.github.lambdazip.zip;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The compression all zips written in one JVM share. Under {@code mvn -T 4} several modules package at once, each
 * with a thread per processor; without a shared limit they would run four times as many deflates as there are
 * cores, and every build would wait on the others' context switches. With it, at most one batch per processor
 * compresses at a time, whichever build it belongs to.
 */
final class CompressionSlots {

    static final CompressionSlots SHARED = new CompressionSlots(Runtime.getRuntime().availableProcessors());

    private final Semaphore slots;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger mostBusy = new AtomicInteger();

    CompressionSlots(int slots) {
        this.slots = new Semaphore(slots, true);
    }

    <T> T run(Supplier<T> work) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while waiting to compress"));
        }
        mostBusy.accumulateAndGet(busy.incrementAndGet(), Math::max);
        try {
            return work.get();
        } finally {
            busy.decrementAndGet();
            slots.release();
        }
    }

    /** The most batches that compressed at the same time so far. */
    int mostBusy() {
        return mostBusy.get();
    }
}
