package io.upshift.planner.dispatch;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Wakes this instance's campaign loop early: after outcomes freed room under a cap, or a person
 * resumed, approved or retried. Without a wake-up the loop still runs every dispatch interval.
 */
@Component
public class DispatchSignal {

    private final Semaphore pending = new Semaphore(0);

    public void wake() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits until woken or until the timeout passes. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean woken = timeout.isPositive() && pending.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.drainPermits();
        return woken;
    }
}
