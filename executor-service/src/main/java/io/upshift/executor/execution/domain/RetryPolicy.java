package io.upshift.executor.execution.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * When to try a transiently failed push again: exponential backoff with "equal jitter" (half the
 * delay fixed, half random), so thousands of orgs hit by the same lock or limit do not all come
 * back in the same second.
 *
 * @param maxAttempts calls per command at most, the first included; 0: no count, the window alone
 *        decides (a transient failure is tried again while the next attempt starts before the window closes)
 * @param initialBackoff the delay before the second attempt, before jitter
 * @param multiplier growth of the delay per attempt
 * @param maxBackoff the longest delay, before jitter
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be 0 (no limit) or more, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, got " + initialBackoff + " and "
                    + maxBackoff);
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        }
    }

    /**
     * The delay after {@code attemptsMade} failed attempts (1 after the first), given a random
     * number in [0, 1).
     */
    public Duration delayAfter(int attemptsMade, double random) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attemptsMade - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        return Duration.ofMillis((long) (capped / 2 + random * capped / 2));
    }

    public boolean allowsAnotherAttempt(int attemptsMade) {
        return maxAttempts == 0 || attemptsMade < maxAttempts;
    }
}
