package io.upshift.planner.shared;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes one background loop of this instance early. Wake-ups that arrive while the loop is busy
 * collapse into one, so the loop runs once more, not once per wake-up.
 */
public class WakeUpSignal {

    private final Semaphore pending = new Semaphore(0);

    public void wake() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits until woken or until the timeout passes; true when woken. */
    public boolean await(Duration timeout) throws InterruptedException {
        boolean woken = timeout.isPositive() && pending.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.drainPermits();
        return woken;
    }
}
