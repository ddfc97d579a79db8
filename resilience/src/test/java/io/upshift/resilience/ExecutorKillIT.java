package io.upshift.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.messages.UpgradeOutcome;
import io.upshift.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of one of three executor processes in the middle of a campaign ({@link FaultStack#ORGS} orgs): the
 * survivors take over its partitions after the session timeout, the commands it held are run
 * again (the fleet's adoption of a live push keeps an org from being upgraded twice), and the
 * campaign completes with every invariant.
 */
class ExecutorKillIT {

    private static final String EXECUTOR_GROUP = "upshift-executor";

    @Test
    void theSurvivorsTakeOverAKilledExecutorsPartitionsAndEveryOrgEndsOnce() throws Exception {
        FaultStack stack = FaultStack.shared();
        Invariants invariants = new Invariants(stack);
        UpshiftProcesses services = stack.services();
        ServiceProcess victim = services.executor(2);
        FaultCampaign campaign = stack.campaign(FaultStack.ORGS).schedule();

        // Given the campaign is in full flow and the victim holds upgrades in flight
        campaign.awaitFinished(0.3, Duration.ofMinutes(5));
        Set<Integer> victimsPartitions = partitionsOf(stack, victim.name() + "-commands");
        double inFlight = Prometheus.sum(victim.metrics(), "upshift_executor_upgrades_in_flight");
        Instant killedAt = Instant.now();

        // When it is killed without a chance to commit or leave the group
        services.kill(victim);

        // Then the campaign still completes, with every invariant
        Invariants.Ending ending = invariants.awaitEnd(campaign, Duration.ofMinutes(8));
        invariants.hold(ending);

        // And the victim's partitions were finished by the survivors
        assertThat(victimsPartitions).as("the victim's commands partitions").isNotEmpty();
        List<UpgradeOutcome> outcomes = stack.kafka().outcomes(campaign.id());
        Map<String, Long> takenOver = outcomes.stream()
                .filter(o -> victimsPartitions.contains(partitionOf(o.getOrgId())))
                .filter(o -> o.getFinishedAt() != null && o.getFinishedAt().isAfter(killedAt))
                .collect(Collectors.groupingBy(UpgradeOutcome::getExecutorId, Collectors.counting()));
        assertThat(takenOver).as("outcomes of the victim's partitions after the kill (it had %s upgrades in flight)",
                inFlight).isNotEmpty().doesNotContainKey(victim.name());

        services.restart(victim);
    }

    /** The commands partitions the consumer with this client id owns now. */
    private static Set<Integer> partitionsOf(FaultStack stack, String clientId) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.devstack().kafkaBootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(EXECUTOR_GROUP))
                    .describedGroups().get(EXECUTOR_GROUP).get();
            return group.members().stream()
                    .filter(m -> m.clientId().equals(clientId))
                    .map(MemberDescription::assignment)
                    .flatMap(a -> a.topicPartitions().stream())
                    .filter(tp -> tp.topic().equals(Topics.UPGRADE_COMMANDS.name()))
                    .map(TopicPartition::partition)
                    .collect(Collectors.toSet());
        }
    }

    /** Where the producer's default partitioner puts a command keyed by this org id. */
    private static int partitionOf(String orgId) {
        return Utils.toPositive(Utils.murmur2(orgId.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                % FaultStack.PARTITIONS;
    }
}
