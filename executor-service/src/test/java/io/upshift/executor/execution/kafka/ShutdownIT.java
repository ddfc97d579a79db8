package io.upshift.executor.execution.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackExtension;
import io.upshift.executor.execution.metrics.ExecutorMetrics;
import io.upshift.fleet.world.WorldReport;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Executors leaving: politely (SIGTERM, context close) and not (kill -9). */
@ExtendWith(DevStackExtension.class)
class ShutdownIT {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void aGracefulStopLetsRunningUpgradesFinishAndCommitsSoNothingIsRedelivered(DevStack stack) {
        FleetCommands fleet = new FleetCommands();
        List<UpgradeCommand> commands = fleet.commands(0, 200, "4.2.1");
        try (ExecutorNodes nodes = new ExecutorNodes(Map.of(
                        "upshift.executor.simulated.latency.median", "2s",
                        "upshift.executor.simulated.latency.p99", "2s",
                        "upshift.executor.simulated.latency.max", "2s",
                        "upshift.executor.shutdown-grace", "20s"));
                CommandsTopic topic = new CommandsTopic(stack)) {
            CommandsTopic.Outcomes outcomes = topic.watchOutcomes();
            ExecutorNodes.Node leaving = nodes.start("executor-leaving");
            topic.sendAll(commands);
            await().atMost(WAIT).until(() -> leaving.world().jobsInFlight() == commands.size());

            // When it is stopped while all 200 pushes run
            leaving.context().close();

            // Then it finished them before it left, and its successor gets none of them again
            await().atMost(WAIT).until(() -> outcomes.answered(FleetCommands.ids(commands)) == commands.size());
            ExecutorNodes.Node successor = nodes.start("executor-successor");
            List<UpgradeCommand> sentinels = onePerPartition(fleet, topic, 1_000);
            topic.sendAll(sentinels);
            await().atMost(WAIT).until(() -> outcomes.answered(FleetCommands.ids(sentinels)) == sentinels.size());
            MeterRegistry meters = successor.bean(MeterRegistry.class);
            assertThat(meters.get(ExecutorMetrics.COMMANDS_RECEIVED).counter().count()).isEqualTo(sentinels.size());
            assertThat(commands).allSatisfy(command -> assertThat(outcomes.of(command.getCommandId()))
                    .singleElement().satisfies(outcome -> {
                        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.SUCCEEDED);
                        assertThat(outcome.getExecutorId()).isEqualTo("executor-leaving");
                    }));
            assertThat(successor.world().report().pushJobs()).isEqualTo(commands.size() + sentinels.size());
        }
    }

    @Test
    void upgradesOutlastingTheGraceAreHandedOverAndAdoptedNotPushedAgain(DevStack stack) {
        FleetCommands fleet = new FleetCommands();
        List<UpgradeCommand> commands = fleet.commands(0, 100, "4.2.1");
        List<UUID> ids = FleetCommands.ids(commands);
        try (ExecutorNodes nodes = new ExecutorNodes(Map.of(
                        "upshift.executor.simulated.latency.median", "8s",
                        "upshift.executor.simulated.latency.p99", "8s",
                        "upshift.executor.simulated.latency.max", "8s",
                        "upshift.executor.shutdown-grace", "1s"));
                CommandsTopic topic = new CommandsTopic(stack)) {
            CommandsTopic.Outcomes outcomes = topic.watchOutcomes();
            ExecutorNodes.Node leaving = nodes.start("executor-impatient");
            topic.sendAll(commands);
            await().atMost(WAIT).until(() -> leaving.world().jobsInFlight() == commands.size());

            // When it stops with a grace far shorter than its pushes
            leaving.context().close();
            assertThat(outcomes.answered(ids)).isZero();
            ExecutorNodes.Node successor = nodes.start("executor-patient");

            // Then the successor gets the commands again and follows the pushes already under way
            await().atMost(WAIT).until(() -> outcomes.answered(ids) == ids.size());
            assertThat(outcomes.first(ids).values()).allSatisfy(outcome -> {
                assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.SUCCEEDED);
                assertThat(outcome.getExecutorId()).isEqualTo("executor-patient");
            });
            WorldReport world = successor.world().report();
            assertThat(world.pushJobs()).isEqualTo(commands.size());
            assertThat(world.upgrades()).isEqualTo(commands.size());
        }
    }

    @Test
    void anExecutorKilledMidBatchLeavesNoCommandWithoutAnOutcomeAndNoOrgPushedTwice(DevStack stack) {
        FleetCommands fleet = new FleetCommands();
        int count = 3_000;
        List<UpgradeCommand> commands = fleet.commands(0, count, "4.2.1");
        List<UUID> ids = FleetCommands.ids(commands);
        try (ExecutorNodes nodes = new ExecutorNodes(Map.of(
                        "upshift.executor.simulated.latency.median", "300ms",
                        "upshift.executor.simulated.latency.p99", "3s"));
                CommandsTopic topic = new CommandsTopic(stack)) {
            CommandsTopic.Outcomes outcomes = topic.watchOutcomes();
            ExecutorNodes.Node doomed = nodes.start("executor-doomed");
            ExecutorNodes.Node survivor = nodes.start("executor-survivor");
            await().atMost(WAIT).until(() -> doomed.consumer().assignedPartitions() > 0
                    && survivor.consumer().assignedPartitions() > 0
                    && doomed.consumer().assignedPartitions() + survivor.consumer().assignedPartitions()
                            == topic.partitionCount());
            topic.sendAll(commands);
            await().atMost(WAIT).until(() -> outcomes.answered(ids) >= count / 4 && doomed.consumer().runningUpgrades() > 0);

            // When one of the two dies with upgrades in flight and offsets uncommitted
            int inFlightWhenKilled = doomed.consumer().runningUpgrades();
            doomed.kill();

            // Then the other takes its partitions over and every command still gets its outcome
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> outcomes.answered(ids) == count);
            assertThat(inFlightWhenKilled).isPositive();
            Set<String> executors = new HashSet<>();
            List<UpgradeOutcome> all = new ArrayList<>();
            ids.forEach(id -> all.addAll(outcomes.of(id)));
            all.forEach(outcome -> executors.add(outcome.getExecutorId()));
            assertThat(all).extracting(UpgradeOutcome::getStatus).containsOnly(OutcomeStatus.SUCCEEDED);
            assertThat(executors).containsExactlyInAnyOrder("executor-doomed", "executor-survivor");
            // And the fleet pushed no org twice: redelivered commands adopted or recognised the pushes made
            WorldReport world = survivor.world().report();
            assertThat(world.pushJobs()).isEqualTo(count);
            assertThat(world.upgrades()).isEqualTo(count);
            assertThat(world.orgsWithMoreThanOneJob()).isZero();
            assertThat(world.jobsInProgress()).isZero();
            Map<String, Long> duplicates = ids.stream().filter(id -> outcomes.of(id).size() > 1)
                    .map(id -> outcomes.of(id).stream().map(UpgradeOutcome::getExecutorId).toList().toString())
                    .collect(java.util.stream.Collectors.groupingBy(x -> x, java.util.stream.Collectors.counting()));
            System.out.printf("kill test: %d in flight when killed, %d outcomes for %d commands; repeated: %s%n",
                    inFlightWhenKilled, all.size(), count, duplicates);
        }
    }

    /** One command on each partition of the commands topic. */
    private static List<UpgradeCommand> onePerPartition(FleetCommands fleet, CommandsTopic topic, int firstOrg) {
        List<UpgradeCommand> sentinels = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        for (int n = firstOrg; covered.size() < topic.partitionCount(); n++) {
            if (covered.add(topic.partitionOf(fleet.orgId(n)))) {
                sentinels.add(fleet.command(n, "4.2.1"));
            }
        }
        return sentinels;
    }
}
