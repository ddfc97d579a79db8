package io.upshift.bench.support;

import java.time.Duration;

/** Sleeps while a driver waits for the system under test; an interrupt ends the benchmark. */
public final class Pause {

    private Pause() {
    }

    public static void of(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
