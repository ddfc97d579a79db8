package io.upshift.notifier;

import io.upshift.common.kafka.AvroKafka;
import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackProperties;
import io.upshift.notifier.testing.SteerableClock;
import io.upshift.notifier.testing.SteerableClockConfiguration;
import io.upshift.security.testing.TestIssuer;
import io.upshift.schemas.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifier against the JVM's shared devstack: the real broker, PostgreSQL and SMTP server.
 * Every IT class extends this one unchanged, so they all share one Spring context (one notifier)
 * whose clock a test can move forward.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.server.port=0",
    "upshift.instance-id=notifier-it",
    "upshift.notifier.publisher-recipients=release-team@isv.example",
    "upshift.notifier.delivery.poll-interval=100ms",
    "upshift.notifier.delivery.rate-per-second=200",
    "upshift.notifier.delivery.initial-backoff=1s",
    "upshift.notifier.delivery.max-backoff=2s",
    "upshift.notifier.delivery.max-relay-pause=1s",
    "upshift.notifier.reports.settle-timeout=20s",
    "upshift.notifier.contact-wait=60s"})
@Import(SteerableClockConfiguration.class)
abstract class NotifierIntegrationTest {

    /** Generous: the machine is shared by several builds. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private static KafkaTemplate<String, SpecificRecord> producer;

    @DynamicPropertySource
    static void devstack(DynamicPropertyRegistry registry) {
        DevStackProperties.register(registry, "notifier");
        // the API trusts the tests' identity provider: calls carry real signed tokens
        TestIssuer.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    SteerableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AvroKafka avroKafka;

    @BeforeAll
    static void smtpIsUp() {
        DevStack.shared().smtp().start();
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.destroy();
            producer = null;
        }
    }

    <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        if (producer == null) {
            producer = new KafkaTemplate<>(avroKafka.producerFactory(Map.of()));
        }
        producer.send(topic.name(), key, value).join();
    }

    /** Statuses of the emails of a campaign, e.g. ["ADVANCE_NOTICE SENT", "REMINDER PENDING"]. */
    List<String> emailStatuses(Object campaignId) {
        return jdbc.sql("select kind || ' ' || status from email where campaign_id = ?::uuid order by created_at, kind")
                .param(campaignId.toString())
                .query(String.class)
                .list();
    }

}
