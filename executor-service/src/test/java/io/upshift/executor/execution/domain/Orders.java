package io.upshift.executor.execution.domain;

import java.time.Duration;
import java.util.UUID;

/** Test mother: commands to upgrade one org, with a window open around {@link ManualTime#T0}. */
final class Orders {

    static final String ORG = "00D000000000001AAA";
    static final UUID CAMPAIGN = UUID.fromString("11111111-2222-3333-4444-555555555555");

    private Orders() {
    }

    /** From 4.1.3 to 4.2.1, window from an hour before T0 to an hour after. */
    static UpgradeOrg toTarget() {
        return withWindowEndingIn(Duration.ofHours(1));
    }

    static UpgradeOrg withWindowEndingIn(Duration fromT0) {
        return order(ORG, fromT0);
    }

    /** Another org of the same campaign, window as {@link #toTarget()}. */
    static UpgradeOrg forOrg(String orgId) {
        return order(orgId, Duration.ofHours(1));
    }

    private static UpgradeOrg order(String orgId, Duration fromT0) {
        return new UpgradeOrg(UUID.randomUUID(), CAMPAIGN, 2, orgId, "NA135", "033000000000001", "4.1.3",
                PackageVersion.of("4.2.1"), "04t000000000001AAA", ManualTime.T0.minus(Duration.ofHours(1)),
                ManualTime.T0.plus(fromT0), 1);
    }
}
