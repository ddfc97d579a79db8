package io.upshift.notifier.email.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What became of one claimed email in a send round, to be written back to its row. */
public sealed interface DeliveryRecord {

    UUID id();

    /** The relay accepted it. */
    record Sent(UUID id, Instant at, int attempts, String messageId, List<String> sentTo, String subject)
            implements DeliveryRecord {
    }

    /** Back to PENDING until {@code at}; {@code attempts} is the new count of tries. */
    record Retry(UUID id, Instant at, int attempts, String error) implements DeliveryRecord {
    }

    /** Finished without being sent: FAILED, SUPPRESSED or EXPIRED. */
    record Closed(UUID id, EmailStatus status, Instant at, int attempts, String error) implements DeliveryRecord {

        public Closed {
            if (status == EmailStatus.PENDING || status == EmailStatus.SENDING || status == EmailStatus.SENT) {
                throw new IllegalArgumentException("not a closing status: " + status);
            }
        }
    }
}
