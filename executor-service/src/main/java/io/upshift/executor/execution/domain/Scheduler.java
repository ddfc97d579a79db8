package io.upshift.executor.execution.domain;

import java.time.Duration;

/** Runs work later without holding a thread while it waits: retries and timeouts. */
public interface Scheduler {

    /**
     * Runs the task after the delay. Throws {@link java.util.concurrent.RejectedExecutionException}
     * when the scheduler is shutting down.
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may still be called off. */
    interface Cancellable {
        void cancel();
    }
}
