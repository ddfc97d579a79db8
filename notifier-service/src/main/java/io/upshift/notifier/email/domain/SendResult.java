package io.upshift.notifier.email.domain;

import java.util.List;
import java.util.UUID;

/** What the relay said about one email. */
public sealed interface SendResult {

    UUID id();

    /**
     * Accepted for {@code sentTo}; {@code rejected} recipients were refused by the relay while the
     * others got it.
     */
    record Accepted(UUID id, String messageId, List<String> sentTo, List<String> rejected) implements SendResult {
    }

    record Refused(UUID id, DeliveryPolicy.Failure failure, String error) implements SendResult {
    }
}
