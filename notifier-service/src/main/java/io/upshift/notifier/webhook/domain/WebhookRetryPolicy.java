package io.upshift.notifier.webhook.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What a try's answer means: 2xx delivered; 408 (timeout) and 429 (too many requests) and every 5xx, a timeout
 * or a broken connection are worth another try, after {@code initialBackoff} × 2^(tries−1), capped at
 * {@code maxBackoff}, until {@code maxAttempts}; any other status (4xx: the receiver refuses this request, e.g.
 * 410 Gone for a removed Slack webhook, or 3xx: redirects are not followed, the body is signed for one URL) gives
 * up at once — trying again would get the same answer.
 */
public final class WebhookRetryPolicy {

    /** What to do with a delivery after a try. */
    public sealed interface Decision {
        record Delivered() implements Decision {
        }

        record RetryAt(Instant at) implements Decision {
        }

        record GiveUp() implements Decision {
        }
    }

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;

    public WebhookRetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
        if (!initialBackoff.isPositive() || maxBackoff.compareTo(initialBackoff) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("initialBackoff > 0, maxBackoff >= initialBackoff, maxAttempts >= 1");
        }
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
    }

    /**
     * @param status the HTTP status, or null when none came back (timeout, refused or broken connection)
     * @param attempts tries made, this one included
     */
    public Decision decide(Integer status, int attempts, Instant now) {
        if (status != null && status >= 200 && status < 300) {
            return new Decision.Delivered();
        }
        boolean worthRetrying = status == null || status == 408 || status == 429 || status >= 500;
        if (!worthRetrying || attempts >= maxAttempts) {
            return new Decision.GiveUp();
        }
        return new Decision.RetryAt(now.plus(backoff(attempts)));
    }

    Duration backoff(int attempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
