package io.upshift.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.devstack.DevStack;
import io.upshift.messages.NoticeKind;
import io.upshift.messages.SubscriberNotice;
import io.upshift.notifier.testing.Mailbox;
import io.upshift.notifier.testing.Records;
import io.upshift.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A second notifier sharing the database, the consumer group and the relay: every email still goes out once. */
class TwoReplicasIT extends NotifierIntegrationTest {

    @Test
    void twoNotifiersSendEveryEmailExactlyOnce() {
        try (ConfigurableApplicationContext second = startSecondReplica()) {
            UUID campaign = UUID.randomUUID();
            List<String> addresses = new ArrayList<>();
            // More emails than one replica claims in a second (200 per second over its four loops at the shared
            // rate of 200/s): with 60, the first replica could claim every one in its first round before the
            // second's loops looked (CI, a quiet machine), and the test saw one sender, not a sharing failure.
            for (int i = 0; i < 400; i++) {
                String address = Records.newAddress("replica" + i);
                addresses.add(address);
                SubscriberNotice notice = Records.notice(campaign, Records.newOrgId(), NoticeKind.SCHEDULED,
                        Instant.parse("2030-05-10T20:00:00Z"), List.of(address)).build();
                publish(Topics.SUBSCRIBER_NOTICES, notice.getOrgId(), notice);
            }

            await().atMost(PATIENCE).until(() -> addresses.stream().allMatch(a -> Mailbox.to(a).size() >= 1));
            await().atMost(PATIENCE).until(() -> emailStatuses(campaign).stream()
                    .filter(s -> s.startsWith("ADVANCE_NOTICE")).allMatch(s -> s.endsWith("SENT")));
            assertThat(addresses).allSatisfy(a -> assertThat(Mailbox.to(a)).hasSize(1));
            assertThat(jdbc.sql("select count(distinct split_part(claimed_by, '/', 1)) from email "
                    + "where campaign_id = ?::uuid and kind = 'ADVANCE_NOTICE'").param(campaign.toString())
                    .query(Integer.class).single()).as("emails sent by each replica").isEqualTo(2);
        }
    }

    /** The same application in the same JVM, as the demo runs it, with its own instance id and ports. */
    private ConfigurableApplicationContext startSecondReplica() {
        Map<String, String> properties = new HashMap<>();
        properties.putAll(DevStack.shared().springProperties("notifier"));
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("upshift.instance-id", "notifier-it-2");
        properties.put("upshift.notifier.publisher-recipients", "release-team@isv.example");
        properties.put("upshift.notifier.delivery.poll-interval", "100ms");
        properties.put("upshift.notifier.delivery.rate-per-second", "200");
        // Few emails per round, so that both replicas get a share of a small batch.
        properties.put("upshift.notifier.delivery.batch-size", "5");
        Clock sharedClock = clock;
        return new SpringApplicationBuilder(NotifierApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", sharedClock))
                // As command-line arguments: they win over application.yml, as in a real deployment.
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }
}
