package io.upshift.notifier.email.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a failed email again, and when to give up.
 * <ul>
 * <li>The relay answered with a temporary error (4xx) or the conversation broke off: the email
 * is tried again after an exponential backoff, and given up after {@code maxAttempts} tries.</li>
 * <li>The relay answered with a permanent error (5xx) for every recipient: given up at once.</li>
 * <li>The relay cannot be reached at all: that is an outage, not the email's fault. The sender
 * pauses (see {@link #relayPause}) and the email keeps its tries; the oldest-unsent gauge is what
 * tells people the relay is down.</li>
 * </ul>
 */
public record DeliveryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        Duration maxRelayPause) {

    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 <= initial <= max");
        }
    }

    /** How a send went wrong, as far as retrying is concerned. */
    public enum Failure {
        /** Connection refused, unknown host, timeout while connecting. */
        RELAY_UNAVAILABLE,
        /** A 4xx reply or a connection lost mid-conversation. */
        TRANSIENT,
        /** A 5xx reply: sending the same again will not help. */
        PERMANENT
    }

    /** What to do with an email after a failed try. */
    public sealed interface Decision {
        record RetryAt(Instant at, int attempts) implements Decision {
        }

        record GiveUp(int attempts) implements Decision {
        }
    }

    /**
     * @param attemptsBefore tries counted before this one
     */
    public Decision afterFailure(int attemptsBefore, Failure failure, Instant now) {
        return switch (failure) {
            case RELAY_UNAVAILABLE -> new Decision.RetryAt(now, attemptsBefore);
            case PERMANENT -> new Decision.GiveUp(attemptsBefore + 1);
            case TRANSIENT -> {
                int attempts = attemptsBefore + 1;
                yield attempts >= maxAttempts ? new Decision.GiveUp(attempts)
                        : new Decision.RetryAt(now.plus(backoff(attempts)), attempts);
            }
        };
    }

    /** Backoff after the n-th failed try: initial, 2 × initial, 4 × initial … capped at max. */
    public Duration backoff(int attempts) {
        Duration delay = initialBackoff;
        for (int i = 1; i < attempts && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    /** How long the sender waits before trying an unreachable relay again, after n failures in a row. */
    public Duration relayPause(int consecutiveFailures) {
        Duration pause = Duration.ofMillis(500);
        for (int i = 1; i < consecutiveFailures && pause.compareTo(maxRelayPause) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxRelayPause) > 0 ? maxRelayPause : pause;
    }
}
