package io.upshift.executor.execution.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackExtension;
import io.upshift.executor.campaign.domain.CampaignStates;
import io.upshift.executor.execution.metrics.ExecutorMetrics;
import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.fleet.world.OrgState;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.ErrorCategory;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.support.KafkaHeaders;

/** Every way a command can end, against one executor on the devstack. */
@ExtendWith(DevStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandPathsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final FleetCommands fleet = new FleetCommands();
    private final AtomicInteger nextOrg = new AtomicInteger();
    private ExecutorNodes nodes;
    private ExecutorNodes.Node executor;
    private CommandsTopic topic;
    private CommandsTopic.Outcomes outcomes;
    private CommandsTopic.DeadLetters deadLetters;

    @BeforeAll
    void startOneExecutor(DevStack stack) {
        nodes = new ExecutorNodes(Map.of(
                "upshift.executor.simulated.latency.median", "300ms",
                "upshift.executor.simulated.latency.p99", "300ms",
                "upshift.executor.simulated.latency.max", "300ms",
                "upshift.executor.simulated.failures.versions.[6.6.6].ApexTestFailure", "1.0",
                "upshift.executor.simulated.failures.versions.[5.5.5].LockingFailure", "0.6"));
        topic = new CommandsTopic(stack);
        outcomes = topic.watchOutcomes();
        deadLetters = topic.watchDeadLetters();
        executor = nodes.start("executor-paths");
    }

    @AfterAll
    void stop() {
        topic.close();
        nodes.close();
    }

    @Test
    void upgradesAnOrgAndReportsEverythingAboutIt() {
        UpgradeCommand command = fleet.command(nextOrg.getAndIncrement(), "4.2.1");

        UpgradeOutcome outcome = outcomeOf(command);

        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.SUCCEEDED);
        assertThat(outcome.getCampaignId()).isEqualTo(command.getCampaignId());
        assertThat(outcome.getOrgId()).isEqualTo(command.getOrgId());
        assertThat(outcome.getVersionBefore()).isEqualTo("4.1.3");
        assertThat(outcome.getVersionAfter()).isEqualTo("4.2.1");
        assertThat(outcome.getAttempts()).isEqualTo(1);
        assertThat(outcome.getErrorCategory()).isNull();
        assertThat(outcome.getExecutorId()).isEqualTo("executor-paths");
        assertThat(outcome.getInstance()).isEqualTo(command.getInstance());
        assertThat(Duration.between(outcome.getStartedAt(), outcome.getFinishedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void cancelsCommandsOfAHaltedCampaignWithoutTouchingTheOrgAndRunsThemAgainAfterAResume() {
        FleetCommands campaign = new FleetCommands();
        topic.sendCampaignEvent(campaign.campaignId, CampaignEventType.HALTED, "canary failure rate 12 % > 3 %");
        awaitCampaignStopped(campaign.campaignId, true);

        UpgradeOutcome halted = outcomeOf(campaign.command(0, "4.2.1"));

        assertThat(halted.getStatus()).isEqualTo(OutcomeStatus.CANCELED);
        assertThat(halted.getErrorCode()).isEqualTo("CampaignStopped");
        assertThat(halted.getErrorMessage()).contains("canary failure rate");
        assertThat(halted.getAttempts()).isZero();
        assertThat(executor.world().orgStates(List.of(campaign.orgId(0)))).isEmpty();

        topic.sendCampaignEvent(campaign.campaignId, CampaignEventType.RESUMED, null);
        awaitCampaignStopped(campaign.campaignId, false);

        assertThat(outcomeOf(campaign.command(1, "4.2.1")).getStatus()).isEqualTo(OutcomeStatus.SUCCEEDED);
    }

    @Test
    void cancelsCommandsOfACanceledCampaign() {
        FleetCommands campaign = new FleetCommands();
        topic.sendCampaignEvent(campaign.campaignId, CampaignEventType.CANCELED, "release pulled");
        awaitCampaignStopped(campaign.campaignId, true);

        UpgradeOutcome outcome = outcomeOf(campaign.command(0, "4.2.1"));

        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.CANCELED);
        assertThat(outcome.getErrorMessage()).contains("canceled").contains("release pulled");
    }

    @Test
    void givesBackACommandWhoseWindowClosedBeforeItCouldStart() {
        int n = nextOrg.getAndIncrement();
        Instant now = Instant.now();
        UpgradeCommand late = UpgradeCommand.newBuilder(fleet.command(n, "4.2.1"))
                .setNotBefore(now.minus(Duration.ofHours(2)))
                .setNotAfter(now.minus(Duration.ofHours(1)))
                .build();

        UpgradeOutcome outcome = outcomeOf(late);

        // nothing ran: CANCELED (the planner moves the org to its next window), never a failure a gate counts
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.CANCELED);
        assertThat(outcome.getErrorCode()).isEqualTo("WindowClosed");
        assertThat(outcome.getErrorCategory()).isNull();
        assertThat(executor.world().orgStates(List.of(fleet.orgId(n)))).isEmpty();
    }

    @Test
    void skipsAnOrgAlreadyOnTheTargetWithoutPushingIt() {
        int n = nextOrg.getAndIncrement();
        executor.world().seed(Stream.of(org(fleet.orgId(n), "4.3.0")));

        UpgradeOutcome outcome = outcomeOf(fleet.command(n, "4.2.1"));

        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.SKIPPED);
        assertThat(outcome.getVersionBefore()).isEqualTo("4.3.0");
        assertThat(outcome.getAttempts()).isZero();
        assertThat(executor.world().orgStates(List.of(fleet.orgId(n))).get(fleet.orgId(n)).pushJobs()).isZero();
    }

    @Test
    void failsEveryPushOfABadReleaseAtOnce() {
        List<UpgradeCommand> commands = Stream.generate(nextOrg::getAndIncrement).limit(5)
                .map(n -> fleet.command(n, "6.6.6")).toList();

        List<UpgradeOutcome> failed = outcomesOf(commands);

        assertThat(failed).allSatisfy(outcome -> {
            assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(outcome.getErrorCategory()).isEqualTo(ErrorCategory.PERMANENT);
            assertThat(outcome.getErrorCode()).isEqualTo("ApexTestFailure");
            assertThat(outcome.getErrorMessage()).isEqualTo("Apex tests failed in the subscriber org");
            assertThat(outcome.getVersionAfter()).isEqualTo("4.1.3");
            assertThat(outcome.getAttempts()).isEqualTo(1);
        });
    }

    @Test
    void reportsATransientPushFailureAsTheCommandsOutcomeWithoutPushingAgain() {
        List<UpgradeCommand> commands = Stream.generate(nextOrg::getAndIncrement).limit(40)
                .map(n -> fleet.command(n, "5.5.5")).toList();

        List<UpgradeOutcome> results = outcomesOf(commands);

        assertThat(results).allSatisfy(outcome -> {
            if (outcome.getStatus() == OutcomeStatus.FAILED) {
                assertThat(outcome.getErrorCategory()).isEqualTo(ErrorCategory.TRANSIENT);
                assertThat(outcome.getErrorCode()).isEqualTo("LockingFailure");
            } else {
                assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.SUCCEEDED);
            }
            assertThat(outcome.getAttempts()).isEqualTo(1);
        });
        assertThat(results).anySatisfy(outcome -> assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.FAILED));
        assertThat(results).anySatisfy(outcome -> assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.SUCCEEDED));
        Map<String, OrgState> states = executor.world().orgStates(FleetCommands.orgs(commands));
        assertThat(states.values()).allSatisfy(state -> {
            assertThat(state.pushJobs()).isEqualTo(1);
            assertThat(state.upgrades()).isLessThanOrEqualTo(1);
        });
    }

    @Test
    void deadLettersPoisonRecordsWhileTheCommandsBehindThemRun() {
        MeterRegistry meters = executor.bean(MeterRegistry.class);
        double undecodableBefore = deadLettered(meters, "undecodable");
        double invalidBefore = deadLettered(meters, "invalid");
        List<UpgradeCommand> valid = Stream.generate(nextOrg::getAndIncrement).limit(10)
                .map(n -> fleet.command(n, "4.2.1")).toList();
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        String first = valid.get(0).getOrgId();
        String badOrgId = "00X000000000001AAA";

        // Poison first, on the partitions of the valid commands, so those must get past it.
        topic.sendRaw(first, garbage);
        topic.send(UpgradeCommand.newBuilder(valid.get(1)).setCommandId(UUID.randomUUID())
                .setOrgId(badOrgId).build());
        topic.send(UpgradeCommand.newBuilder(valid.get(2)).setCommandId(UUID.randomUUID())
                .setNotAfter(valid.get(2).getNotBefore().minusSeconds(1)).build());
        List<UpgradeOutcome> results = outcomesOf(valid);

        assertThat(results).extracting(UpgradeOutcome::getStatus).containsOnly(OutcomeStatus.SUCCEEDED);
        await().atMost(WAIT).until(() -> deadLetters.records.size() >= 3);
        ConsumerRecord<String, byte[]> raw = deadLetters.records.stream()
                .filter(record -> first.equals(record.key())).findFirst().orElseThrow();
        assertThat(raw.value()).isEqualTo(garbage);
        assertThat(header(raw, KafkaHeaders.DLT_EXCEPTION_FQCN)).contains("DeserializationException");
        assertThat(deadLetters.records).filteredOn(record -> badOrgId.equals(record.key())).singleElement()
                .satisfies(record -> assertThat(header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                        .contains("is not an org id"));
        assertThat(deadLetters.records).allSatisfy(record ->
                assertThat(header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("upshift.upgrade-commands.v1"));
        assertThat(deadLettered(meters, "undecodable") - undecodableBefore).isEqualTo(1.0);
        assertThat(deadLettered(meters, "invalid") - invalidBefore).isEqualTo(2.0);
    }

    @Test
    void runsTwoCommandsForOneOrgOneAfterTheOther() {
        int n = nextOrg.getAndIncrement();
        UpgradeCommand toFirst = fleet.command(n, "4.2.1");
        UpgradeCommand toSecond = UpgradeCommand.newBuilder(fleet.command(n, "4.2.2")).setFromVersion("4.2.1").build();
        topic.sendAll(List.of(toFirst, toSecond));

        await().atMost(WAIT).until(() -> outcomes.answered(List.of(toFirst.getCommandId(), toSecond.getCommandId())) == 2);
        UpgradeOutcome first = outcomes.of(toFirst.getCommandId()).getFirst();
        UpgradeOutcome second = outcomes.of(toSecond.getCommandId()).getFirst();

        assertThat(second.getStartedAt()).isAfterOrEqualTo(first.getFinishedAt());
        assertThat(second.getVersionBefore()).isEqualTo("4.2.1");
        assertThat(second.getVersionAfter()).isEqualTo("4.2.2");
        assertThat(executor.world().orgStates(List.of(fleet.orgId(n))).get(fleet.orgId(n)))
                .isEqualTo(new OrgState(fleet.orgId(n), "4.2.2", 2, 2));
    }

    @Test
    void reportsARedeliveredCommandSucceededWithoutPushingAgain() {
        int n = nextOrg.getAndIncrement();
        UpgradeCommand command = fleet.command(n, "4.2.1");
        outcomeOf(command);

        topic.sendAll(List.of(command));
        await().atMost(WAIT).until(() -> outcomes.of(command.getCommandId()).size() == 2);

        UpgradeOutcome again = outcomes.of(command.getCommandId()).get(1);
        assertThat(again.getStatus()).isEqualTo(OutcomeStatus.SUCCEEDED);
        assertThat(again.getVersionAfter()).isEqualTo("4.2.1");
        assertThat(again.getAttempts()).isZero();
        assertThat(executor.world().orgStates(List.of(fleet.orgId(n))).get(fleet.orgId(n)).pushJobs()).isEqualTo(1);
    }

    private UpgradeOutcome outcomeOf(UpgradeCommand command) {
        return outcomesOf(List.of(command)).getFirst();
    }

    private List<UpgradeOutcome> outcomesOf(List<UpgradeCommand> commands) {
        topic.sendAll(commands);
        List<UUID> ids = FleetCommands.ids(commands);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> outcomes.answered(ids) == ids.size());
        return ids.stream().map(id -> outcomes.of(id).getFirst()).toList();
    }

    private void awaitCampaignStopped(UUID campaignId, boolean stopped) {
        CampaignStates states = executor.bean(CampaignStates.class);
        await().atMost(WAIT).until(() -> states.stopReason(campaignId).isPresent() == stopped);
    }

    private static double deadLettered(MeterRegistry meters, String reason) {
        var counter = meters.find(ExecutorMetrics.DEAD_LETTERS).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static SimulatedOrg org(String orgId, String version) {
        return new SimulatedOrg(orgId, "Org " + orgId, "PRODUCTION", "ACTIVE", "NA101", version, false,
                ZoneId.of("Asia/Tokyo"), EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                "ja_JP", List.of("admin@" + orgId.toLowerCase() + ".example"));
    }
}
