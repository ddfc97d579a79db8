package io.upshift.resilience;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stops in the middle of a campaign ({@link FaultStack#ORGS} orgs) and comes back on the same port
 * with its log directory (records, committed offsets, consumer groups). Every service rides it
 * out: producers retry, the planner's outbox holds what it could not publish, consumers
 * reconnect and go on from their committed offsets.
 */
class BrokerRestartIT {

    private static final Duration DOWN_FOR = Duration.ofSeconds(20);

    @Test
    void everyServiceRidesOutABrokerRestartAndEveryOrgEndsOnce() {
        FaultStack stack = FaultStack.shared();
        Invariants invariants = new Invariants(stack);
        FaultCampaign campaign = stack.campaign(FaultStack.ORGS).schedule();

        // Given the campaign is in full flow
        campaign.awaitFinished(0.3, Duration.ofMinutes(5));

        // When the broker is down for a while
        stack.devstack().stopKafka();
        ServiceProcess.pause(DOWN_FOR);
        stack.devstack().startKafka();

        // Then the campaign completes, with every invariant
        invariants.hold(invariants.awaitEnd(campaign, Duration.ofMinutes(8)));
    }
}
