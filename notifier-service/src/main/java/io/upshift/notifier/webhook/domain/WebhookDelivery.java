package io.upshift.notifier.webhook.domain;

import java.time.Instant;

/**
 * One delivery of one event to one webhook.
 *
 * @param id the idempotency key, {@code <eventId>/<webhook name>}
 * @param body the JSON as sent
 * @param attempts tries made before this one
 */
public record WebhookDelivery(String id, String webhook, String eventType, String campaignId, String body,
        int attempts, Instant createdAt) {
}
