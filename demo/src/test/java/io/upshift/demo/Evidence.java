package io.upshift.demo;

import io.upshift.devstack.DevStack;
import io.upshift.messages.CampaignEvent;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.HttpSchemaRegistryClient;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads what a campaign left behind — in the planner, on Kafka, in the mailbox — for the end-to-end assertions. */
final class Evidence {

    private Evidence() {
    }

    /** The campaign's outcome events on Kafka, by commandId (a redelivered duplicate replaces its twin). */
    static Map<UUID, UpgradeOutcome> outcomes(DevStack stack, String campaignId) {
        Map<UUID, UpgradeOutcome> byCommand = new HashMap<>();
        try (KafkaConsumer<String, UpgradeOutcome> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.UPGRADE_OUTCOMES.keyDeserializer(),
                Topics.UPGRADE_OUTCOMES.valueDeserializer(new HttpSchemaRegistryClient(stack.schemaRegistryUrl())))) {
            consumer.subscribe(List.of(Topics.UPGRADE_OUTCOMES.name()));
            int emptyPolls = 0;
            while (emptyPolls < 5) {
                var records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, UpgradeOutcome> record : records) {
                    if (record.value().getCampaignId().toString().equals(campaignId)) {
                        byCommand.put(record.value().getCommandId(), record.value());
                    }
                }
            }
        }
        return byCommand;
    }

    /** The campaign's events on Kafka (state changes, waves, AT_RISK), in the order they were published. */
    static List<CampaignEvent> campaignEvents(DevStack stack, String campaignId) {
        List<CampaignEvent> events = new java.util.ArrayList<>();
        try (KafkaConsumer<String, CampaignEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.CAMPAIGN_EVENTS.keyDeserializer(),
                Topics.CAMPAIGN_EVENTS.valueDeserializer(new HttpSchemaRegistryClient(stack.schemaRegistryUrl())))) {
            consumer.subscribe(List.of(Topics.CAMPAIGN_EVENTS.name()));
            int emptyPolls = 0;
            while (emptyPolls < 5) {
                var records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, CampaignEvent> record : records) {
                    if (record.value().getCampaignId().toString().equals(campaignId)) {
                        events.add(record.value());
                    }
                }
            }
        }
        events.sort(java.util.Comparator.comparing(CampaignEvent::getAt));
        return events;
    }

    /** Distinct emails (by Message-ID) the SMTP server received for the campaign, as kind → org → count. */
    static Map<String, Map<String, Integer>> emails(DevStack stack, String campaignId) {
        Map<String, Map<String, Integer>> byKind = new HashMap<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (MimeMessage message : stack.smtp().receivedMessages()) {
            try {
                if (!campaignId.equals(message.getHeader("X-Upshift-Campaign", null))) {
                    continue;
                }
                // The server keeps a copy per recipient; one email to three contacts is one Message-ID.
                if (seen.put(message.getMessageID(), true) != null) {
                    continue;
                }
                String kind = message.getHeader("X-Upshift-Kind", null);
                String org = message.getHeader("X-Upshift-Org", null);
                byKind.computeIfAbsent(kind, k -> new HashMap<>()).merge(org == null ? "-" : org, 1, Integer::sum);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return byKind;
    }

    /** The text of a mail: its text/plain parts (or the whole body when it is one), joined. */
    static String text(jakarta.mail.Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return String.valueOf(part.getContent());
            }
            if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    text.append(text(multipart.getBodyPart(i)));
                }
                return text.toString();
            }
            return "";
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException("cannot read a received mail", e);
        }
    }
}
