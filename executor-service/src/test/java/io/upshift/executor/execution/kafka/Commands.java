package io.upshift.executor.execution.kafka;

import io.upshift.messages.OrgType;
import io.upshift.messages.UpgradeCommand;
import io.upshift.schemas.OrgIds;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Test mother: valid upgrade commands as the planner writes them. */
final class Commands {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private Commands() {
    }

    static String orgId(int n) {
        String fifteen = String.format("00D%012d", n);
        return fifteen + OrgIds.checksum(fifteen);
    }

    static UpgradeCommand.Builder command(String orgId) {
        return UpgradeCommand.newBuilder()
                .setCommandId(UUID.randomUUID())
                .setCampaignId(UUID.fromString("11111111-2222-3333-4444-555555555555"))
                .setWaveNumber(1)
                .setOrgId(orgId)
                .setOrgName("Acme " + orgId)
                .setOrgType(OrgType.PRODUCTION)
                .setInstance("NA135")
                .setPackageId("033000000000001")
                .setFromVersion("4.1.3")
                .setTargetVersion("4.2.1")
                .setPackageVersionId("04t000000000001AAA")
                .setNotBefore(T0.minus(Duration.ofHours(1)))
                .setNotAfter(T0.plus(Duration.ofHours(3)))
                .setAttempt(1)
                .setIssuedAt(T0);
    }
}
