package io.upshift.planner.outbox;

import java.time.Instant;
import java.util.List;

/**
 * Messages the relay builds from stored state when it sends them, instead of reading them from
 * outbox rows: a feature whose state already says "this message is owed" (a campaign's targets
 * not yet announced) need not copy every message into the outbox in the same transaction. The
 * relay asks each source for what is due, publishes it before that round's outbox rows, waits for
 * the broker, and then lets the source mark it sent — in the same transaction and with the same
 * guarantees as outbox rows: at least once, never lost, a repeat carries the same ids.
 *
 * <p>A source must build the same message (same ids) until it is marked sent, and must not offer
 * it again once marked; {@link #markSent} must change nothing for a message whose state moved on
 * meanwhile (the newer state sends its own message through the outbox, after this one).
 */
public interface DeferredMessages {

    /** Up to {@code limit} messages owed now, oldest need first. */
    List<OutgoingMessage> due(int limit);

    /** Records that the broker acknowledged these messages (the relay's transaction). */
    void markSent(List<OutgoingMessage> messages, Instant now);

    /** How many messages are owed, for the relay's pending gauge. */
    long pending();
}
