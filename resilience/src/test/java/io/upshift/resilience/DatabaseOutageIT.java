package io.upshift.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for 30 seconds under the planner and the notifier in the middle of a
 * campaign ({@link FaultStack#ORGS} orgs). Both report it — their readiness probes answer DOWN, so a load balancer
 * stops sending them traffic — keep their Kafka records for later instead of dead-lettering
 * them, and recover on their own when it is back: readiness UP, the campaign completes with every
 * invariant. (The simulated fleet keeps its state in a database of its own: it stands in for
 * Salesforce, which does not go down with Upshift's database.)
 */
class DatabaseOutageIT {

    private static final Duration DOWN_FOR = Duration.ofSeconds(30);

    @Test
    void thePlannerAndTheNotifierGoDownThenUpAndRecoverOnTheirOwn() {
        FaultStack stack = FaultStack.shared();
        Invariants invariants = new Invariants(stack);
        List<ServiceProcess> watched = List.of(stack.services().planner(), stack.services().notifier());
        FaultCampaign campaign = stack.campaign(FaultStack.ORGS).schedule();

        // Given the campaign is in full flow and both services are ready
        campaign.awaitFinished(0.3, Duration.ofMinutes(5));
        assertThat(watched).allSatisfy(s -> assertThat(s.readiness()).as("%s readiness", s.name()).isEqualTo(200));

        // When PostgreSQL is down for 30 s
        stack.devstack().stopPostgres();
        Map<String, List<Integer>> seenWhileDown = new ConcurrentHashMap<>();
        long until = System.nanoTime() + DOWN_FOR.toNanos();
        while (System.nanoTime() < until) {
            for (ServiceProcess service : watched) {
                seenWhileDown.computeIfAbsent(service.name(), n -> new CopyOnWriteArrayList<>()).add(service.readiness());
            }
            ServiceProcess.pause(Duration.ofSeconds(1));
        }
        stack.devstack().startPostgres();

        // Then each reported it was not ready while the database was gone
        assertThat(watched).allSatisfy(s -> assertThat(seenWhileDown.get(s.name()))
                .as("%s readiness while PostgreSQL was down", s.name()).contains(503));
        // And is ready again on its own, still the same process
        for (ServiceProcess service : watched) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (service.readiness() != 200 && System.nanoTime() < deadline) {
                ServiceProcess.pause(Duration.ofSeconds(1));
            }
            assertThat(service.readiness()).as("%s readiness after PostgreSQL came back", service.name()).isEqualTo(200);
            assertThat(service.isAlive()).as("%s still running", service.name()).isTrue();
        }
        // And the campaign completes, with every invariant
        invariants.hold(invariants.awaitEnd(campaign, Duration.ofMinutes(8)));
    }
}
