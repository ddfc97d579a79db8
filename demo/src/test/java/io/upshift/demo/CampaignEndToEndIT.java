package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStack;
import io.upshift.devstack.SecretScanner;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeOutcome;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three services together, as the demo runs them: a 2,000-org campaign over the simulated
 * fleet, from the CSV import to the last result email. The guarantees are checked where they
 * show: the planner's API, the outcome events on Kafka, the fleet's own push counts, the mailbox.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class CampaignEndToEndIT {

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "SKIPPED", "CANCELED", "TIMED_OUT");

    private static DevStack stack;
    private static LocalUpshift upshift;
    private static DemoResult result;
    private static ApiClient planner;

    @BeforeAll
    static void runTheCampaign() {
        stack = DevStack.shared();
        DemoScenario.Options options = DemoScenario.Options.defaults().withSeed(7).withRun(101);
        upshift = LocalUpshift.start(stack, DemoScenario.settings(options, 2).withDatabase("e2e"));
        DemoScenario scenario = new DemoScenario(upshift, options, new PrintStream(System.out, true), Clock.systemUTC());
        planner = scenario.planner();
        result = scenario.run(Duration.ofMinutes(6));
    }

    @AfterAll
    static void stop() {
        if (upshift != null) {
            upshift.close();
        }
    }

    @Test
    @Order(1)
    void everyEligibleOrgEndsInExactlyOneTerminalState() {
        assertThat(result.state()).isEqualTo("COMPLETED");
        List<JsonNode> orgs = DemoScenario.campaignOrgs(planner, result.campaignId());

        assertThat(orgs).hasSizeGreaterThan(1000);
        assertThat(orgs).extracting(o -> o.path("orgId").asText()).doesNotHaveDuplicates();
        assertThat(orgs).allSatisfy(o -> assertThat(TERMINAL).contains(o.path("state").asText()));
        assertThat(result.status().path("waves")).allSatisfy(w -> assertThat(w.path("state").asText()).isEqualTo("PASSED"));
    }

    @Test
    @Order(2)
    void thePlannersCountsTheOutcomeEventsAndTheFleetsUpgradesAgree() {
        Map<UUID, UpgradeOutcome> outcomes = Evidence.outcomes(stack, result.campaignId());
        Map<String, Long> eventsByStatus = outcomes.values().stream()
                .collect(Collectors.groupingBy(o -> o.getStatus().name(), Collectors.counting()));
        // One terminal outcome per org: retries of transient failures happen inside the executor.
        assertThat(outcomes.values()).extracting(UpgradeOutcome::getOrgId).doesNotHaveDuplicates();

        for (OutcomeStatus status : List.of(OutcomeStatus.SUCCEEDED, OutcomeStatus.FAILED, OutcomeStatus.SKIPPED)) {
            assertThat(result.count(status.name())).as(status.name())
                    .isEqualTo(eventsByStatus.getOrDefault(status.name(), 0L));
        }
        assertThat(result.world().upgrades()).isEqualTo(result.count("SUCCEEDED"));
        // A failed push is its command's outcome (no second job by the command); no org's version changes twice.
        assertThat(result.world().orgsUpgradedMoreThanOnce()).isZero();
        assertThat(result.world().jobsInProgress()).isZero();
    }

    @Test
    @Order(3)
    void everyOrgReceivedItsAdvanceNoticeAndItsResultExactlyOnce() {
        List<String> orgIds = DemoScenario.campaignOrgs(planner, result.campaignId()).stream()
                .map(o -> o.path("orgId").asText()).toList();
        Map<String, Map<String, Integer>> emails = Evidence.emails(stack, result.campaignId());

        assertThat(emails.get("advance-notice")).containsOnlyKeys(orgIds).allSatisfy((org, count) -> assertThat(count).isOne());
        assertThat(emails.get("result")).containsOnlyKeys(orgIds).allSatisfy((org, count) -> assertThat(count).isOne());
        assertThat(emails).containsKey("campaign-ended-report");
    }

    @Test
    @Order(5)
    void theWholeRunPrintedNeitherTheBootstrapKeyNorTheOperatorsKey(CapturedOutput output) {
        // The capture started before the stack did, so it holds every service's start-up, the whole
        // campaign and its logs: the keys were used on every call, and must show up in none of it.
        assertThat(output.getAll()).contains("API authentication: no JWT issuer configured, stored API keys, the bootstrap admin key")
                .contains("Scheduled campaign " + result.campaignId());
        SecretScanner.of(Map.of("bootstrap admin key", upshift.adminKey(), "operator's API key", planner.apiKey()))
                .assertNoneIn("everything the run printed", output.getAll());
    }

    @Test
    @Order(4)
    void anIndependentDownstreamConsumerDecodesEveryOutcomeWithPlainAvro() throws Exception {
        // What a downstream team writes: a plain consumer of bytes, the registry over HTTP, Avro's generic reader.
        Map<UUID, UpgradeOutcome> ours = Evidence.outcomes(stack, result.campaignId());
        HttpClient http = HttpClient.newHttpClient();
        JsonMapper json = JsonMapper.builder().build();
        Map<Integer, Schema> schemas = new HashMap<>();
        Map<String, String> decoded = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", stack.kafkaBootstrapServers(), "group.id", "downstream-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("upshift.upgrade-outcomes.v1"));
            int emptyPolls = 0;
            while (emptyPolls < 5) {
                var records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    ByteBuffer buffer = ByteBuffer.wrap(record.value());
                    assertThat(buffer.get()).isZero();
                    int id = buffer.getInt();
                    Schema writer = schemas.computeIfAbsent(id, i -> fetchSchema(http, json, i));
                    GenericRecord outcome = new GenericDatumReader<GenericRecord>(writer).read(null,
                            DecoderFactory.get().binaryDecoder(record.value(), 5, record.value().length - 5, null));
                    if (outcome.get("campaignId").toString().equals(result.campaignId())) {
                        decoded.put(outcome.get("commandId").toString(), outcome.get("status").toString());
                    }
                }
            }
        }
        Map<String, String> expected = ours.values().stream()
                .collect(Collectors.toMap(o -> o.getCommandId().toString(), o -> o.getStatus().name()));
        assertThat(decoded).isEqualTo(expected);
    }

    private static Schema fetchSchema(HttpClient http, JsonMapper json, int id) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(stack.schemaRegistryUrl() + "/schemas/ids/" + id)).build(), HttpResponse.BodyHandlers.ofString());
            return new Schema.Parser().parse(json.readTree(response.body()).path("schema").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
