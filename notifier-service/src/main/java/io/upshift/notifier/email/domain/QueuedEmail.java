package io.upshift.notifier.email.domain;

import java.time.Instant;
import java.util.UUID;

/** An email row claimed for sending. */
public record QueuedEmail(UUID id, EmailKind kind, String campaignId, String orgId, String dedupKey,
        EmailFacts facts, Instant dueAt, Instant expiresAt, int attempts, Instant createdAt) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The facts as the type the kind stores. */
    public <F extends EmailFacts> F facts(Class<F> type) {
        return type.cast(facts);
    }
}
