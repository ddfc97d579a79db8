package io.upshift.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.common.kafka.AvroKafka;
import io.upshift.devstack.DevStack;
import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.notifier.testing.Mailbox;
import io.upshift.notifier.testing.Records;
import io.upshift.notifier.webhook.domain.WebhookSignature;
import io.upshift.schemas.Topics;
import io.upshift.security.testing.TestIssuer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Webhooks and approval emails (#20) against a local HTTP receiver: every event once by its idempotency key across
 * a notifier restart (a second notifier on the same database and consumer group takes over a delivery the first
 * one was still retrying), valid signatures, retries after 500s then success, one try and give-up on 410, and the
 * approvers' email in the devstack's SMTP server. Its own notifiers, database and consumer group; the webhooks take
 * only this test's package, so events of other tests on the shared topic reach no receiver.
 */
class WebhooksIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PACKAGE = "Webhook Pack " + UUID.randomUUID().toString().substring(0, 8);
    private static final String GROUP = "upshift-notifier-webhooks-it-" + UUID.randomUUID();
    private static final String APPROVER = Records.newAddress("approver");

    private record Received(String path, String id, String signature, String body) {
    }

    private static HttpServer receiver;
    private static final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private static final Map<String, AtomicInteger> flakyTries = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        DevStack.shared().smtp().start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/ok", exchange -> answer(exchange, 200));
        // 500 twice for each delivery, then 200
        receiver.createContext("/flaky", exchange -> answer(exchange, flakyTries.computeIfAbsent(
                exchange.getRequestHeaders().getFirst(WebhookSignature.ID_HEADER), id -> new AtomicInteger())
                .incrementAndGet() <= 2 ? 500 : 200));
        receiver.createContext("/gone", exchange -> answer(exchange, 410));
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getHttpContext().getPath(),
                exchange.getRequestHeaders().getFirst(WebhookSignature.ID_HEADER),
                exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Test
    void everyEventIsDeliveredOnceSignedAcrossARestartRetriedAfter500sAndGivenUpOn410() {
        UUID campaign = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CampaignEvent scheduled = event(campaign, CampaignEventType.SCHEDULED, null, t0);
        CampaignEvent halted;
        try (ConfigurableApplicationContext first = notifier("webhooks-it-1")) {
            publish(first, scheduled);
            publish(first, event(campaign, CampaignEventType.WAVE_PASSED, 1, t0.plusSeconds(1)));
            publish(first, event(campaign, CampaignEventType.WAVE_AWAITING_APPROVAL, 2, t0.plusSeconds(1)));
            await().atMost(PATIENCE).until(() -> ids("/ok").size() == 3);

            // the approvers' email, linking to the console
            await().atMost(PATIENCE).until(() -> !Mailbox.to(APPROVER).isEmpty());
            MimeMessage approval = Mailbox.to(APPROVER).getFirst();
            assertThat(Mailbox.subject(approval)).contains("Approval needed").contains("wave 2 (40 orgs)");
            assertThat(Mailbox.part(approval, "text/plain"))
                    .contains("https://console.example/campaigns/" + campaign);
            assertThat(waiting(first, campaign)).isEqualTo(1);
            first.getBean(io.upshift.notifier.report.AwaitingApprovalGauge.class).refresh();
            assertThat(first.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get(io.upshift.notifier.report.AwaitingApprovalGauge.NAME).tag("campaign", campaign.toString())
                    .gauge().value()).isNotNegative();

            CampaignEvent waveHalted = event(campaign, CampaignEventType.WAVE_HALTED, 2, t0.plusSeconds(60));
            waveHalted.setCounts(Records.counts(40, 0, 10, 20, 10, 0, 0, 0));
            halted = event(campaign, CampaignEventType.HALTED, 2, t0.plusSeconds(60));
            halted.setReason("wave 2: failure rate 33.3 % above 5.0 %");
            publish(first, waveHalted);
            publish(first, halted);
            // the first notifier stops while the flaky receiver's delivery waits for its next try
            await().atMost(PATIENCE).until(() -> ids("/flaky").size() >= 1);
            assertThat(waiting(first, campaign)).as("a halt ends the wait for approval").isZero();
            // and the gauge the approval alert watches shows 0 for the campaign, not no series at all
            first.getBean(io.upshift.notifier.report.AwaitingApprovalGauge.class).refresh();
            assertThat(first.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get(io.upshift.notifier.report.AwaitingApprovalGauge.NAME).tag("campaign", campaign.toString())
                    .gauge().value()).isZero();
        }

        try (ConfigurableApplicationContext second = notifier("webhooks-it-2")) {
            publish(second, scheduled); // redelivered: the same eventId
            CampaignEvent completed = event(campaign, CampaignEventType.COMPLETED, null, t0.plusSeconds(120));
            publish(second, completed);
            String haltId = halted.getEventId() + "/flaky";
            String goneId = completed.getEventId() + "/gone";
            await().atMost(PATIENCE).until(() -> status(second, haltId).equals("DELIVERED")
                    && status(second, goneId).equals("GAVE_UP") && ids("/ok").size() == 5);

            // every event once by its idempotency key, the restart and the redelivered event included
            assertThat(ids("/ok")).doesNotHaveDuplicates().hasSize(5)
                    .contains(scheduled.getEventId() + "/all", completed.getEventId() + "/all");
            assertThat(received).allSatisfy(r -> assertThat(WebhookSignature.verify(secret(r.path()), r.signature(),
                    r.body())).as("signature of %s", r.id()).isTrue());
            // 500, 500, 200: three tries of one delivery, the last by the second notifier
            assertThat(ids("/flaky")).containsExactly(haltId, haltId, haltId);
            assertThat(jdbc(second).sql("select attempts from webhook_delivery where id = ?").param(haltId)
                    .query(Integer.class).single()).isEqualTo(3);
            assertThat(body("/flaky")).contains("\"type\":\"HALTED\"", "\"wave\":2",
                    "\"waveCounts\":{\"total\":40,\"pending\":0,\"dispatched\":10,\"succeeded\":20,\"failed\":10",
                    "\"reason\":\"wave 2: failure rate 33.3 % above 5.0 %\"", "\"text\":\":octagonal_sign: ");
            // 410: one try, given up and recorded
            assertThat(ids("/gone")).containsExactly(goneId);
            assertThat(jdbc(second).sql("select last_status from webhook_delivery where id = ?").param(goneId)
                    .query(Integer.class).single()).isEqualTo(410);
            MeterRegistry meters = second.getBean(MeterRegistry.class);
            assertThat(meters.get("upshift.notifier.webhook.deliveries").tag("result", "gave_up").counter().count())
                    .isEqualTo(1);
            assertThat(meters.get("upshift.notifier.webhook.deliveries").tag("result", "delivered").counter().count())
                    .isGreaterThanOrEqualTo(2);
            assertThat(Mailbox.to(APPROVER)).as("one approval email").hasSize(1);
        }
    }

    private static String secret(String path) {
        return "secret-of-" + path.substring(1);
    }

    private static List<String> ids(String path) {
        return received.stream().filter(r -> r.path().equals(path)).map(Received::id).toList();
    }

    private static String body(String path) {
        return received.stream().filter(r -> r.path().equals(path)).map(Received::body).findFirst().orElseThrow();
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class);
    }

    private static String status(ConfigurableApplicationContext context, String id) {
        return jdbc(context).sql("select status from webhook_delivery where id = ?").param(id).query(String.class)
                .optional().orElse("none");
    }

    private static int waiting(ConfigurableApplicationContext context, UUID campaign) {
        return jdbc(context).sql("select count(*) from awaiting_approval where campaign_id = ?::uuid")
                .param(campaign.toString()).query(Integer.class).single();
    }

    private static CampaignEvent event(UUID campaign, CampaignEventType type, Integer wave, Instant at) {
        CampaignEvent event = Records.event(campaign, type, wave, at).setPackageName(PACKAGE).build();
        if (type == CampaignEventType.WAVE_AWAITING_APPROVAL) {
            event.setCounts(Records.counts(40, 40, 0, 0, 0, 0, 0, 0));
            event.setReason("wave " + wave + " waits for approval");
        }
        return event;
    }

    private static void publish(ConfigurableApplicationContext context, CampaignEvent event) {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(
                context.getBean(AvroKafka.class).producerFactory(Map.of()));
        try {
            producer.send(Topics.CAMPAIGN_EVENTS.name(), event.getCampaignId().toString(), event).join();
        } finally {
            producer.destroy();
        }
    }

    /** A notifier on its own database and consumer group, the same for both runs: the second is the first restarted. */
    private static ConfigurableApplicationContext notifier(String instance) {
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        Map<String, String> properties = new LinkedHashMap<>(DevStack.shared().springProperties("notifier_webhooks"));
        TestIssuer.shared().springProperties().forEach(properties::put);
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("upshift.instance-id", instance);
        properties.put("spring.kafka.consumer.group-id", GROUP);
        properties.put("upshift.notifier.delivery.poll-interval", "100ms");
        properties.put("upshift.notifier.approver-recipients", APPROVER);
        properties.put("upshift.notifier.console-url", "https://console.example");
        properties.put("upshift.notifier.webhook-delivery.poll-interval", "100ms");
        properties.put("upshift.notifier.webhook-delivery.initial-backoff", "1s");
        properties.put("upshift.notifier.webhook-delivery.max-backoff", "2s");
        properties.put("upshift.notifier.webhook-delivery.timeout", "2s");
        properties.put("upshift.notifier.webhook-delivery.lease", "5s");
        webhook(properties, 0, "all", base + "/ok", null);
        webhook(properties, 1, "flaky", base + "/flaky", "HALTED");
        webhook(properties, 2, "gone", base + "/gone", "COMPLETED");
        return new SpringApplicationBuilder(NotifierApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    private static void webhook(Map<String, String> properties, int index, String name, String url, String events) {
        String prefix = "upshift.notifier.webhooks[" + index + "].";
        properties.put(prefix + "name", name);
        properties.put(prefix + "url", url);
        properties.put(prefix + "secret", secret(url.substring(url.lastIndexOf('/'))));
        properties.put(prefix + "package-names", PACKAGE);
        if (events != null) {
            properties.put(prefix + "events", events);
        }
    }
}
