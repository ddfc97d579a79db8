package io.upshift.notifier.webhook.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored deliveries: recorded with the event that caused them, claimed by sender loops, then closed. */
public interface WebhookDeliveries {

    /** Records a delivery (PENDING, due now); false when one with this id exists (a redelivered event). */
    boolean add(WebhookDelivery delivery, Instant now);

    /** Due deliveries, reserved for {@code lease} by {@code owner}; others skip them meanwhile. */
    List<WebhookDelivery> claim(Instant now, int limit, Duration lease, String owner);

    /** What a try came to; written only while the row is still this owner's. */
    void record(String id, String owner, Outcome outcome);

    long pending();

    /** The counts of a campaign's wave as its latest WAVE_* event gave them (JSON), for HALTED. */
    Optional<String> waveCounts(String campaignId, int wave);

    void rememberWaveCounts(String campaignId, int wave, String countsJson, Instant at);

    /** A try's outcome, to store. */
    sealed interface Outcome {
        record Delivered(Integer status, int attempts, Instant at) implements Outcome {
        }

        record Retry(Integer status, int attempts, Instant nextAttemptAt, String error) implements Outcome {
        }

        record GaveUp(Integer status, int attempts, Instant at, String error) implements Outcome {
        }
    }
}
