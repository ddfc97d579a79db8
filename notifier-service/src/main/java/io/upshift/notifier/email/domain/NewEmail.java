package io.upshift.notifier.email.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An email to queue. {@code (kind, campaignId, orgId, dedupKey)} identifies it: queueing the same
 * one twice (a redelivered event) adds nothing.
 *
 * @param orgId the org, or "" for a publisher report
 * @param dedupKey the notice id, command id or report key the email answers
 * @param dueAt when it should go out
 * @param expiresAt when it stops making sense to send it, or null
 */
public record NewEmail(EmailKind kind, String campaignId, String orgId, String dedupKey, EmailFacts facts,
        Instant dueAt, Instant expiresAt) {

    public NewEmail {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(dueAt, "dueAt");
        if (!kind.factsType().isInstance(facts)) {
            throw new IllegalArgumentException(kind + " needs " + kind.factsType().getSimpleName()
                    + ", got " + facts.getClass().getSimpleName());
        }
    }
}
