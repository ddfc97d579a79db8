package io.upshift.portal.kafka;

import io.upshift.common.kafka.AvroKafka;
import io.upshift.messages.SubscriberAction;
import io.upshift.messages.SubscriberRequest;
import io.upshift.schemas.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a subscriber's request to the planner ({@code upshift.subscriber-requests.v1}, keyed by org id)
 * and waits for the broker's acknowledgement, so the page says "sent" only when it was. Idempotent
 * producer: a retried send is written once; the planner applies a request id once in any case.
 */
@Component
public class RequestSender {

    private final KafkaTemplate<String, SpecificRecord> kafka;

    RequestSender(AvroKafka avroKafka) {
        Map<String, Object> overrides = new HashMap<>(Topics.SUBSCRIBER_REQUESTS.producerConfig());
        overrides.put(ProducerConfig.ACKS_CONFIG, "all");
        overrides.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.kafka = new KafkaTemplate<>(avroKafka.producerFactory(overrides));
    }

    /** The broker could not take the request. */
    public static class NotSent extends RuntimeException {
        NotSent(Throwable cause) {
            super("the request could not be sent: " + cause.getMessage(), cause);
        }
    }

    public void send(UUID requestId, UUID campaignId, String orgId, String link, SubscriberAction action,
            Instant windowStart, Instant windowEnd, String reason, Instant now) {
        SubscriberRequest request = SubscriberRequest.newBuilder()
                .setRequestId(requestId)
                .setCampaignId(campaignId)
                .setOrgId(orgId)
                .setLink(link)
                .setAction(action)
                .setWindowStart(windowStart)
                .setWindowEnd(windowEnd)
                .setReason(reason)
                .setRequestedAt(now)
                .build();
        try {
            kafka.send(Topics.SUBSCRIBER_REQUESTS.name(), orgId, request).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotSent(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSent(e);
        }
    }
}
