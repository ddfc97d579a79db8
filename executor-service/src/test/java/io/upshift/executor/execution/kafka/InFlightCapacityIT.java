package io.upshift.executor.execution.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackExtension;
import io.upshift.executor.execution.metrics.ExecutorMetrics;
import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import java.lang.management.ManagementFactory;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class InFlightCapacityIT {

    /** 10,000 in the build; a bigger run (-Dupshift.it.in-flight=50000) measures what the benchmark targets. */
    private static final int CAP = Integer.getInteger("upshift.it.in-flight", 10_000);
    private static final String LATENCY = System.getProperty("upshift.it.in-flight-latency", "30s");
    private static final int BEYOND_CAP = 200;

    @Test
    void holdsTenThousandUpgradesInFlightOnAHandfulOfThreadsAndPausesFetchingAtTheCap(DevStack stack) {
        FleetCommands fleet = new FleetCommands();
        List<UpgradeCommand> pushes = fleet.commands(0, CAP, "4.2.1");
        // Orgs already on the target: they finish at once, but only once the cap lets them start.
        List<UpgradeCommand> skips = fleet.commands(CAP, BEYOND_CAP, "4.2.1");
        List<UUID> ids = new ArrayList<>(FleetCommands.ids(pushes));
        ids.addAll(FleetCommands.ids(skips));
        try (ExecutorNodes nodes = new ExecutorNodes(Map.of(
                        "upshift.executor.max-in-flight", CAP,
                        "upshift.executor.simulated.latency.median", LATENCY,
                        "upshift.executor.simulated.latency.p99", LATENCY,
                        "upshift.executor.simulated.latency.max", LATENCY));
                CommandsTopic topic = new CommandsTopic(stack)) {
            CommandsTopic.Outcomes outcomes = topic.watchOutcomes();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

            // Given one executor with a cap of 10,000 and pushes that take 30 s each
            ExecutorNodes.Node node = nodes.start("executor-capacity");
            node.world().seed(FleetCommands.orgs(skips).stream().map(InFlightCapacityIT::onTarget));
            // When 10,200 commands arrive
            topic.sendAll(pushes);
            topic.sendAll(skips);

            // Then exactly 10,000 run at once, fetching pauses, and a handful of threads carries them all
            CommandConsumer consumer = node.consumer();
            await().atMost(Duration.ofSeconds(60 + CAP / 500)).pollInterval(Duration.ofMillis(200))
                    .until(() -> consumer.runningUpgrades() == CAP && consumer.fetchingPaused()
                            && node.world().jobsInFlight() == CAP);
            int threadsAtPeak = ManagementFactory.getThreadMXBean().getThreadCount();
            System.gc(); // for the printed figure only: the live set, not garbage not yet collected
            long heapAtPeak = usedHeapMb();
            assertThat(consumer.heldCommands()).isGreaterThanOrEqualTo(CAP);
            MeterRegistry meters = node.bean(MeterRegistry.class);
            assertThat(meters.get(ExecutorMetrics.UPGRADES_IN_FLIGHT).gauge().value()).isEqualTo(CAP);
            assertThat(meters.get(ExecutorMetrics.FETCHING_PAUSED).gauge().value()).isEqualTo(1.0);
            assertThat(threadsAtPeak - threadsBefore).as("threads added by the executor").isLessThan(40);
            System.out.printf("in-flight capacity: %d upgrades running, %d threads before, %d at peak, heap used after GC "
                    + "%d MB of max %d MB (JVM with the embedded broker)%n", consumer.runningUpgrades(), threadsBefore,
                    threadsAtPeak, heapAtPeak, Runtime.getRuntime().maxMemory() / (1024 * 1024));

            // And every command ends with its outcome, the skipped ones once capacity freed
            await().atMost(Duration.ofSeconds(120 + CAP / 250)).pollInterval(Duration.ofMillis(500))
                    .until(() -> outcomes.answered(ids) == ids.size());
            assertThat(outcomes.first(FleetCommands.ids(pushes)).values())
                    .extracting(UpgradeOutcome::getStatus).containsOnly(OutcomeStatus.SUCCEEDED);
            assertThat(outcomes.first(FleetCommands.ids(skips)).values())
                    .extracting(UpgradeOutcome::getStatus).containsOnly(OutcomeStatus.SKIPPED);
            assertThat(consumer.highestRunningUpgrades()).isEqualTo(CAP);
            assertThat(node.world().report().pushJobs()).isEqualTo(CAP);
        }
    }

    private static SimulatedOrg onTarget(String orgId) {
        return new SimulatedOrg(orgId, "Org " + orgId, "PRODUCTION", "ACTIVE", "NA101", "4.2.1", false,
                ZoneId.of("Europe/Paris"), EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                "fr_FR", List.of("admin@" + orgId.toLowerCase() + ".example"));
    }

    private static long usedHeapMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }
}
