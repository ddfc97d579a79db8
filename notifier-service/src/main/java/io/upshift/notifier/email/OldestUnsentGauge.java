package io.upshift.notifier.email;

import io.upshift.notifier.email.domain.EmailQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps {@code upshift_notifier_oldest_unsent_age_seconds} current: one query every two seconds at
 * most, by whichever sender loop of the instance comes first, not one per loop.
 */
final class OldestUnsentGauge {

    private static final Duration REFRESH = Duration.ofSeconds(2);

    private final EmailQueue queue;
    private final NotifierMetrics metrics;
    private final AtomicReference<Instant> refreshedAt = new AtomicReference<>(Instant.EPOCH);

    OldestUnsentGauge(EmailQueue queue, NotifierMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
    }

    void refresh(Instant now) {
        Instant last = refreshedAt.get();
        // A clock that went back (a test's) refreshes too rather than waiting for the old time to come again.
        boolean due = Duration.between(last, now).compareTo(REFRESH) >= 0 || last.isAfter(now);
        if (!due || !refreshedAt.compareAndSet(last, now)) {
            return;
        }
        metrics.oldestUnsent(queue.oldestUnsentDue(now).map(d -> Duration.between(d, now)).orElse(Duration.ZERO));
    }
}
