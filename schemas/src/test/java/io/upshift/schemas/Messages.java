package io.upshift.schemas;

import io.upshift.messages.ErrorCategory;
import io.upshift.messages.OrgType;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import java.time.Instant;
import java.util.UUID;

/** Fixed example messages for serde tests ("object mother"): no clocks, no randomness. */
public final class Messages {

    public static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

    private Messages() {
    }

    public static UpgradeOutcome failedOutcome() {
        return UpgradeOutcome.newBuilder()
                .setCommandId(UUID.fromString("00000000-0000-0000-0000-000000000001"))
                .setCampaignId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"))
                .setWaveNumber(1)
                .setOrgId("00D000000000001EAA")
                .setStatus(OutcomeStatus.FAILED)
                .setErrorCategory(ErrorCategory.PERMANENT)
                .setErrorCode("ApexTestFailure")
                .setErrorMessage("Apex tests failed")
                .setVersionBefore("4.1.0")
                .setVersionAfter("4.1.0")
                .setAttempts(1)
                .setStartedAt(T0)
                .setFinishedAt(T0.plusSeconds(90))
                .setExecutorId("executor-1")
                .setInstance("NA135")
                .build();
    }

    public static UpgradeCommand command() {
        return UpgradeCommand.newBuilder()
                .setCommandId(UUID.fromString("00000000-0000-0000-0000-000000000002"))
                .setCampaignId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"))
                .setWaveNumber(0)
                .setOrgId("00D000000000001EAA")
                .setOrgName("Acme Corp")
                .setOrgType(OrgType.SANDBOX)
                .setInstance("CS42")
                .setPackageId("033000000000001AAA")
                .setFromVersion("4.1.0")
                .setTargetVersion("4.2.1")
                .setPackageVersionId("04t000000000001AAA")
                .setNotBefore(T0)
                .setNotAfter(T0.plusSeconds(4 * 3600))
                .setAttempt(1)
                .setIssuedAt(T0)
                .build();
    }
}
