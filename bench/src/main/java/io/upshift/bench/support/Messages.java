package io.upshift.bench.support;

import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.messages.NoticeKind;
import io.upshift.messages.OrgType;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.SubscriberNotice;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Messages as the services write them, for drivers that stand in for a service and for baselines. */
public final class Messages {

    private Messages() {
    }

    /** The command the planner would release for this org. */
    public static UpgradeCommand command(SimulatedOrg org, UUID campaignId, String packageId, String targetVersion,
            Instant now) {
        return UpgradeCommand.newBuilder()
                .setCommandId(UUID.randomUUID())
                .setCampaignId(campaignId)
                .setWaveNumber(1)
                .setOrgId(org.orgId())
                .setOrgName(org.orgName())
                .setOrgType(OrgType.valueOf(org.orgType()))
                .setInstance(org.instance())
                .setPackageId(packageId)
                .setFromVersion(org.installedVersion())
                .setTargetVersion(targetVersion)
                .setPackageVersionId("04tBn0000000001")
                .setNotBefore(now)
                .setNotAfter(now.plus(Duration.ofDays(1)))
                .setAttempt(1)
                .setIssuedAt(now)
                .build();
    }

    /** The outcome an executor writes for a command that succeeded. */
    public static UpgradeOutcome succeeded(UpgradeCommand command, String executorId, Instant now) {
        return UpgradeOutcome.newBuilder()
                .setCommandId(command.getCommandId())
                .setCampaignId(command.getCampaignId())
                .setWaveNumber(command.getWaveNumber())
                .setOrgId(command.getOrgId())
                .setStatus(OutcomeStatus.SUCCEEDED)
                .setVersionBefore(command.getFromVersion())
                .setVersionAfter(command.getTargetVersion())
                .setAttempts(1)
                .setStartedAt(now)
                .setFinishedAt(now)
                .setExecutorId(executorId)
                .setInstance(command.getInstance())
                .build();
    }

    /** The advance notice the planner sends when it schedules the org. */
    public static SubscriberNotice scheduled(SimulatedOrg org, UUID campaignId, String targetVersion, Instant windowStart) {
        return SubscriberNotice.newBuilder()
                .setNoticeId(UUID.randomUUID())
                .setCampaignId(campaignId)
                .setOrgId(org.orgId())
                .setKind(NoticeKind.SCHEDULED)
                .setWindowStart(windowStart)
                .setWindowEnd(windowStart.plus(Duration.ofHours(4)))
                .setTimeZone(org.timeZone().getId())
                .setTargetVersion(targetVersion)
                .setReleaseNotesUrl("https://bench.example/releases/" + targetVersion)
                .setRecipients(org.adminEmails())
                .setOrgName(org.orgName())
                .setPackageName("Acme Billing")
                .setCurrentVersion(org.installedVersion())
                .setSupportContact("support@bench.example")
                .setLocale(org.locale().replace('_', '-'))
                .build();
    }
}
