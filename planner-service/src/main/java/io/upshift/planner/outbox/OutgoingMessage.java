package io.upshift.planner.outbox;

import io.upshift.schemas.Topic;
import java.util.Objects;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * One message to send, written to the outbox in the transaction of the change it announces.
 *
 * @param orgId the org it is about, or null for campaign events
 * @param ref the command id, notice id or event id inside the message
 */
public record OutgoingMessage(Topic<?> topic, String key, SpecificRecord value, MessageKind kind, UUID campaignId,
        String orgId, UUID ref) {

    public OutgoingMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(ref, "ref");
        if (!topic.valueType().isInstance(value)) {
            throw new IllegalArgumentException(value.getClass().getSimpleName() + " does not belong on " + topic.name());
        }
    }
}
