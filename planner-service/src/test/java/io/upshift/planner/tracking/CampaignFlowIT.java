package io.upshift.planner.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.KafkaProbe;
import io.upshift.planner.support.PlannerIT;
import io.upshift.planner.support.TestExecutor;
import io.upshift.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** A campaign from schedule to the end: commands out, outcomes in, gates judging, events for every step. */
class CampaignFlowIT extends PlannerIT {

    @Test
    void runsACampaignOfAFewThousandOrgsToCompletionWithinItsCaps() {
        // given 500 sandboxes and 1,500 production orgs on six pods; 1 in 100 fails, 1 in 100 is already upgraded
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.sandbox().spreadOver(500, 2, 11));
        pkg.add(Org.production().spreadOver(1500, 6, 12));
        String id = scheduled(CampaignJson.forPackage(pkg.id)
                .with("strategy.canary.count", 40)
                .with("pacing.maxInFlight", 100).with("pacing.maxInFlightPerInstance", 25)
                .with("pacing.expectedUpgradeDuration", "PT1S")
                .with("gate.failureThresholdPercent", 5).with("gate.minimumFinished", 20));

        // Every 100th command fails and the one after it is skipped: spread evenly, so no wave of 20 or
        // more finished orgs can exceed 5 % (picking by org id hash let random ids cluster in the canary).
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        try (TestExecutor executor = TestExecutor.answering(id, c -> {
                    int n = answered.incrementAndGet();
                    return n % 100 == 50 ? OutcomeStatus.FAILED : n % 100 == 51 ? OutcomeStatus.SKIPPED : OutcomeStatus.SUCCEEDED;
                }, Duration.ofMillis(30));
             KafkaProbe<CampaignEvent> events = KafkaProbe.read(Topics.CAMPAIGN_EVENTS)) {
            // when
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
            } catch (AssertionError | RuntimeException e) {
                System.out.println("STATUS " + api().get("/api/v1/campaigns/" + id).text());
                throw e;
            }

            // then every org got exactly one command, and the caps held all along
            List<TestExecutor.Received> received = executor.received();
            assertThat(received).hasSize(2000);
            assertThat(received).extracting(r -> r.command().getOrgId()).doesNotHaveDuplicates();
            assertThat(received).allSatisfy(r -> assertThat(r.command().getAttempt()).isEqualTo(1));
            assertCapsHeld(received, executor.sent(), 100, 25);

            // the API's counts match the outcomes sent
            JsonNode status = api().get("/api/v1/campaigns/" + id).json();
            Map<String, Long> sentByStatus = new HashMap<>();
            executor.sent().forEach(s -> sentByStatus.merge(s.outcome().getStatus().name(), 1L, Long::sum));
            assertThat(status.get("counts").get("SUCCEEDED").asLong()).isEqualTo(sentByStatus.get("SUCCEEDED"));
            assertThat(status.get("counts").get("FAILED").asLong()).isEqualTo(sentByStatus.getOrDefault("FAILED", 0L));
            assertThat(status.get("counts").get("SKIPPED").asLong()).isEqualTo(sentByStatus.getOrDefault("SKIPPED", 0L));
            status.get("waves").forEach(w -> assertThat(w.get("state").asText()).isEqualTo("PASSED"));
            assertWaveCountersMatchTargets(id);

            // sandboxes went first: every production command was issued after the last sandbox outcome
            Instant lastSandbox = executor.sent().stream().filter(s -> s.outcome().getWaveNumber() == 1)
                    .map(TestExecutor.Sent::at).max(Instant::compareTo).orElseThrow();
            assertThat(received.stream().filter(r -> r.command().getWaveNumber() > 1))
                    .allSatisfy(r -> assertThat(r.command().getIssuedAt()).isAfterOrEqualTo(lastSandbox.minusMillis(5)));

            // and every step was announced
            int waves = status.get("waves").size();
            List<CampaignEvent> announced = events.await(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.COMPLETED, 1, Duration.ofSeconds(30));
            assertThat(announced).hasSize(1);
            List<CampaignEvent> all = events.await(e -> e.getCampaignId().toString().equals(id), 0, Duration.ZERO);
            assertThat(all).extracting(CampaignEvent::getType).startsWith(CampaignEventType.SCHEDULED,
                    CampaignEventType.STARTED, CampaignEventType.WAVE_STARTED).endsWith(CampaignEventType.COMPLETED);
            assertThat(all.stream().filter(e -> e.getType() == CampaignEventType.WAVE_PASSED)).hasSize(waves);
            assertThat(all.stream().filter(e -> e.getType() == CampaignEventType.WAVE_STARTED)).hasSize(waves);
            assertThat(all.getLast().getCounts().getTotal()).isEqualTo(2000);

            // and the planner's metrics tell the same story
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(prometheus())
                    .contains("upshift_planner_campaign_orgs{", "campaign=\"" + id + "\"", "state=\"succeeded\"")
                    .contains("upshift_planner_commands_released_total{")
                    .contains("upshift_planner_outcomes_applied_total{").contains("status=\"FAILED\"")
                    .contains("category=\"permanent\"")
                    .contains("upshift_planner_gate_evaluations_total{")
                    .contains("upshift_planner_outbox_lag_seconds").contains("upshift_planner_outbox_pending_rows")
                    .contains("upshift_planner_dispatch_loop_seconds_count")
                    .contains("upshift_planner_outcome_latency_seconds_bucket")
                    .contains("upshift_planner_campaigns{").contains("state=\"completed\"")
                    .contains("upshift_planner_campaign_state{")
                    .contains("upshift_planner_wave_orgs{").contains("wave=\"1\"")
                    .contains("upshift_planner_wave_state{")
                    .contains("upshift_planner_gate_failure_ratio{")
                    .contains("upshift_planner_gate_threshold_ratio{")
                    .contains("kafka_consumer_fetch_manager_records_lag_max{")
                    .contains("kafka_producer_record_send_total{"));
        }
    }

    @Test
    void haltsTheCampaignWhenTheCanaryFailsAndReleasesNothingMore() {
        // given a bad release: every upgrade fails; the gate judges after 8 finished orgs, at most 4 in flight
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().spreadOver(300, 3, 21));
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("strategy.sandboxesFirst", false)
                .with("strategy.canary.count", 30).with("pacing.maxInFlight", 4)
                .with("gate.failureThresholdPercent", 10).with("gate.minimumFinished", 8));

        try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.FAILED, Duration.ofMillis(100));
             KafkaProbe<CampaignEvent> events = KafkaProbe.read(Topics.CAMPAIGN_EVENTS)) {
            // when
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("HALTED"));
            List<CampaignEvent> halted = events.await(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.HALTED, 1, Duration.ofSeconds(30));
            int releasedAtHalt = executor.received().size();
            List<TestExecutor.Received> afterQuiet = quiet(executor, Duration.ofSeconds(3));

            // then no command left after the halt, and the bad version reached at most the gate's sample plus the in-flight cap
            assertThat(afterQuiet).hasSize(releasedAtHalt);
            assertThat(releasedAtHalt).isLessThanOrEqualTo(8 + 4);
            assertThat(halted).singleElement().satisfies(e -> {
                assertThat(e.getWaveNumber()).isEqualTo(1);
                assertThat(e.getReason()).contains("above the threshold of 10 %");
            });
            Response status = api().get("/api/v1/campaigns/" + id);
            assertThat(status.json().get("waves").get(0).get("state").asText()).isEqualTo("HALTED");
            assertThat(status.json().get("stateReason").asText()).contains("failure rate");
        }
    }

    @Test
    void appliesAnOutcomeOnceHoweverOftenItIsDeliveredAndDeadLettersWhatCannotBeApplied() throws Exception {
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(3));
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("gate.failureThresholdPercent", 50));

        try (TestExecutor executor = TestExecutor.answering(id, c -> null, Duration.ZERO);
             KafkaProbe<UpgradeOutcome> dlt = KafkaProbe.read(
                     new io.upshift.schemas.Topic<>(Topics.UPGRADE_OUTCOMES.deadLetterTopic(), UpgradeOutcome.class, 1,
                             Map.of()));
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers",
                     io.upshift.devstack.DevStack.shared().kafkaBootstrapServers()), new StringSerializer(),
                     new ByteArraySerializer())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() == 3);
            UpgradeCommand first = executor.received().get(0).command();
            UpgradeCommand second = executor.received().get(1).command();
            UpgradeCommand third = executor.received().get(2).command();

            // when an outcome arrives three times, garbage and a made-up command arrive between them
            executor.send(first, OutcomeStatus.SUCCEEDED);
            raw.send(new ProducerRecord<>(Topics.UPGRADE_OUTCOMES.name(), first.getOrgId(), new byte[] {0, 0, 0, 0, 9, 1}));
            UpgradeCommand madeUp = UpgradeCommand.newBuilder(second).setCommandId(UUID.randomUUID()).build();
            executor.send(madeUp, OutcomeStatus.SUCCEEDED);
            executor.send(first, OutcomeStatus.FAILED);
            executor.send(first, OutcomeStatus.SUCCEEDED);
            executor.send(second, OutcomeStatus.FAILED);
            executor.send(third, OutcomeStatus.SUCCEEDED);

            // then the first outcome counts once, the others flow past the bad records, which are dead-lettered
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode counts = api().get("/api/v1/campaigns/" + id).json().get("counts");
                assertThat(counts.get("SUCCEEDED").asInt()).isEqualTo(2);
                assertThat(counts.get("FAILED").asInt()).isEqualTo(1);
            });
            assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED");
            assertThat(dlt.await(o -> o.getCommandId().equals(madeUp.getCommandId()), 1, Duration.ofSeconds(30)))
                    .hasSize(1);
            assertWaveCountersMatchTargets(id);
        }
    }

    private static List<TestExecutor.Received> quiet(TestExecutor executor, Duration quiet) {
        try {
            Thread.sleep(quiet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return executor.received();
    }

    /**
     * The planner counts an org in flight from release until its outcome is applied, which is after
     * the outcome was sent: so commands issued up to an instant minus outcomes sent before it can
     * never exceed the cap if the planner kept it.
     */
    static void assertCapsHeld(List<TestExecutor.Received> received, List<TestExecutor.Sent> sent, int cap,
            int perInstance) {
        for (TestExecutor.Received r : received) {
            Instant at = r.command().getIssuedAt();
            long issued = received.stream().filter(o -> !o.command().getIssuedAt().isAfter(at)).count();
            long answered = sent.stream().filter(s -> s.at().isBefore(at.minusMillis(1))).count();
            assertThat(issued - answered).as("in flight at %s", at).isLessThanOrEqualTo(cap);
            String pod = r.command().getInstance();
            long podIssued = received.stream().filter(o -> o.command().getInstance().equals(pod)
                    && !o.command().getIssuedAt().isAfter(at)).count();
            long podAnswered = sent.stream().filter(s -> pod.equals(s.outcome().getInstance())
                    && s.at().isBefore(at.minusMillis(1))).count();
            assertThat(podIssued - podAnswered).as("in flight on %s at %s", pod, at).isLessThanOrEqualTo(perInstance);
        }
    }

    void assertWaveCountersMatchTargets(String id) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> mismatches = jdbc.queryForList("""
                select w.wave_number || ': ' || w.succeeded || '/' || coalesce(t.succeeded, 0) || ' '
                       || w.failed || '/' || coalesce(t.failed, 0) || ' ' || w.pending || '/' || coalesce(t.pending, 0)
                from campaign_wave w left join (
                  select wave_number, count(*) filter (where state = 'SUCCEEDED') as succeeded,
                         count(*) filter (where state = 'FAILED') as failed,
                         count(*) filter (where state in ('PLANNED', 'NOTIFIED')) as pending,
                         count(*) filter (where state = 'DISPATCHED') as dispatched,
                         count(*) filter (where state = 'SKIPPED') as skipped,
                         count(*) filter (where state = 'TIMED_OUT') as timed_out,
                         count(*) filter (where state = 'CANCELED') as canceled, count(*) as total
                  from campaign_target where campaign_id = ?::uuid group by wave_number) t on t.wave_number = w.wave_number
                where w.campaign_id = ?::uuid and (w.succeeded, w.failed, w.pending, w.dispatched, w.skipped, w.timed_out,
                      w.canceled, w.total) is distinct from (t.succeeded, t.failed, t.pending, t.dispatched, t.skipped,
                      t.timed_out, t.canceled, t.total)""", String.class, id, id);
        assertThat(mismatches).as("wave counters that drifted from the targets").isEmpty();
    }
}
