package io.upshift.fleet.world;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ISSUE-17 item 9: the world refuses a push to an org whose subscriber blocks pushes, as Salesforce does. */
class PushRefusalTest {

    private static final String ORG = "00D5e0000000001AAA";

    private static WorldStore.OrgRow org(boolean pushBlocked) {
        return new WorldStore.OrgRow(ORG, "NA135", "4.1.0", false, "ACTIVE", 0, 0, pushBlocked);
    }

    @Test
    void refusesAPushToABlockedOrgWithBlockedBySubscriberAndNoJob() {
        PushOutcome refused = FleetWorld.rejection(org(true), Fleets.push(ORG, "4.2.1"));

        assertThat(refused).isInstanceOfSatisfying(PushOutcome.Refused.class, r -> {
            assertThat(r.code()).isEqualTo(PushOutcome.Refused.BLOCKED_BY_SUBSCRIBER);
            assertThat(r.jobId()).isZero();
        });
        assertThat(FleetWorld.rejection(org(false), Fleets.push(ORG, "4.2.1"))).isNull();
    }
}
