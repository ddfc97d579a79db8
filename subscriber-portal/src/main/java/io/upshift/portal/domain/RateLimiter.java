package io.upshift.portal.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window counter per key (a client address, a link): at most {@code limit} hits per
 * {@code period}. In memory, per replica: it bounds what one address or one link can make a replica do
 * (guessing links, flooding the planner with requests); a shared limit belongs in the ingress in front.
 * The map is swept when it grows, so addresses that come once do not pile up.
 */
public final class RateLimiter {

    private static final int SWEEP_ABOVE = 10_000;

    private final int limit;
    private final Duration period;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration period, Clock clock) {
        this.limit = limit;
        this.period = period;
        this.clock = clock;
    }

    private record Window(Instant start, int hits) {
    }

    /** Counts a hit for the key; false when the key is over its limit in the current window. */
    public boolean allow(String key) {
        Instant now = clock.instant();
        if (windows.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        Window window = windows.compute(key, (k, w) -> w == null || !now.isBefore(w.start().plus(period))
                ? new Window(now, 1) : new Window(w.start(), w.hits() + 1));
        return window.hits() <= limit;
    }

    private void sweep(Instant now) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext();) {
            if (!now.isBefore(it.next().start().plus(period))) {
                it.remove();
            }
        }
    }
}
