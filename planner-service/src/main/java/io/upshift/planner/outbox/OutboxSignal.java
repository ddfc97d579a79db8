package io.upshift.planner.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Wakes this instance's relay as soon as a transaction that wrote outbox rows commits, so a
 * released command leaves within milliseconds instead of at the next poll. Rows written by another
 * planner replica are found by the relay's regular poll.
 */
@Component
public class OutboxSignal {

    private final Semaphore pending = new Semaphore(0);

    public void wake() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits until woken or until the timeout passes. */
    public boolean await(Duration timeout) throws InterruptedException {
        boolean woken = pending.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.drainPermits();
        return woken;
    }
}
