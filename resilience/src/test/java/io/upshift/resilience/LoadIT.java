package io.upshift.resilience;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load: a 100,000-org campaign with three executor processes completes with every invariant.
 * Tagged {@code load}: it runs only with {@code -Pload} (./mvnw -Pload -pl resilience -am verify),
 * not in CI; its duration is logged and documented in the README.
 */
@Tag("load")
class LoadIT {

    private static final Logger log = LoggerFactory.getLogger(LoadIT.class);
    private static final int ORGS = Integer.getInteger("upshift.load.orgs", 100_000);

    @Test
    void aHundredThousandOrgCampaignWithThreeExecutorsCompletesWithEveryInvariant() {
        FaultStack stack = FaultStack.shared();
        Invariants invariants = new Invariants(stack);
        long start = System.nanoTime();
        FaultCampaign campaign = stack.campaign(ORGS, 2_000).schedule();
        long scheduled = System.nanoTime();

        Invariants.Ending ending = invariants.awaitEnd(campaign, Duration.ofMinutes(90));
        long ended = System.nanoTime();
        invariants.hold(ending);
        long checked = System.nanoTime();

        log.info("load: {} orgs ({} eligible) with {} executors: import and scheduling {} s, campaign {} s "
                + "({} orgs/s), invariants and emails {} s, total {} s", ORGS, campaign.eligible(),
                FaultStack.EXECUTORS, seconds(scheduled - start), seconds(ended - scheduled),
                Math.round(campaign.eligible() / Math.max(1.0, (ended - scheduled) / 1e9)),
                seconds(checked - ended), seconds(checked - start));
    }

    private static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }
}
