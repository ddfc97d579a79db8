package io.upshift.executor.execution.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackExtension;
import io.upshift.fleet.world.OrgState;
import io.upshift.fleet.world.WorldReport;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class ScaleOutIT {

    private static final int COMMANDS = 5_000;

    @Test
    void threeExecutorsShareFiveThousandCommandsAndUpgradeEveryOrgExactlyOnce(DevStack stack) {
        FleetCommands fleet = new FleetCommands();
        List<UpgradeCommand> commands = fleet.commands(0, COMMANDS, "4.2.1");
        List<UUID> ids = FleetCommands.ids(commands);
        try (ExecutorNodes nodes = new ExecutorNodes(Map.of(
                        "upshift.executor.simulated.latency.median", "100ms",
                        "upshift.executor.simulated.latency.p99", "1s"));
                CommandsTopic topic = new CommandsTopic(stack)) {
            CommandsTopic.Outcomes outcomes = topic.watchOutcomes();

            // Given three executors in one group, each with its share of the partitions
            ExecutorNodes.Node a = nodes.start("executor-a");
            ExecutorNodes.Node b = nodes.start("executor-b");
            ExecutorNodes.Node c = nodes.start("executor-c");
            List<ExecutorNodes.Node> all = List.of(a, b, c);
            await().atMost(Duration.ofMinutes(1)).until(() -> all.stream().allMatch(n -> n.consumer().assignedPartitions() > 0)
                    && all.stream().mapToInt(n -> n.consumer().assignedPartitions()).sum() == topic.partitionCount());
            // When 5,000 commands arrive
            topic.sendAll(commands);

            // Then every command gets its outcome
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> outcomes.answered(ids) == COMMANDS);
            Map<UUID, UpgradeOutcome> first = outcomes.first(ids);
            assertThat(first.values()).extracting(UpgradeOutcome::getStatus).containsOnly(OutcomeStatus.SUCCEEDED);
            // a duplicate (a command redelivered after a rebalance) would carry the same id and the same result
            assertThat(ids).allSatisfy(id -> assertThat(outcomes.of(id))
                    .extracting(UpgradeOutcome::getStatus).containsOnly(OutcomeStatus.SUCCEEDED));
            Set<String> executors = first.values().stream().map(UpgradeOutcome::getExecutorId).collect(Collectors.toSet());
            assertThat(executors).containsExactlyInAnyOrder("executor-a", "executor-b", "executor-c");

            // And the fleet, shared by all three, pushed every org exactly once
            WorldReport world = a.world().report();
            assertThat(world.pushJobs()).isEqualTo(COMMANDS);
            assertThat(world.upgrades()).isEqualTo(COMMANDS);
            assertThat(world.orgsWithMoreThanOneJob()).isZero();
            assertThat(world.orgsUpgradedMoreThanOnce()).isZero();
            Map<String, OrgState> states = c.world().orgStates(FleetCommands.orgs(commands));
            assertThat(states.values()).hasSize(COMMANDS)
                    .allSatisfy(state -> assertThat(state).extracting(OrgState::installedVersion, OrgState::pushJobs,
                            OrgState::upgrades).containsExactly("4.2.1", 1, 1));
        }
    }
}
