package io.upshift.planner.dispatch.kafka;

import io.upshift.messages.OrgType;
import io.upshift.messages.UpgradeCommand;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.dispatch.jdbc.DispatchStore.Release;
import io.upshift.planner.outbox.MessageKind;
import io.upshift.planner.outbox.OutgoingMessage;
import io.upshift.schemas.Topics;
import java.time.Instant;

/** Builds UpgradeCommands (UpgradeOrg): one per released org, its window as notBefore/notAfter. */
public final class Commands {

    private Commands() {
    }

    public static OutgoingMessage command(Campaign campaign, Release release, Instant issuedAt) {
        var target = release.target();
        UpgradeCommand command = UpgradeCommand.newBuilder()
                .setCommandId(release.commandId())
                .setCampaignId(campaign.id())
                .setWaveNumber(target.wave())
                .setOrgId(target.orgId())
                .setOrgName(target.orgName() == null ? target.orgId() : target.orgName())
                .setOrgType("SANDBOX".equals(target.orgType()) ? OrgType.SANDBOX : OrgType.PRODUCTION)
                .setInstance(target.instance())
                .setPackageId(campaign.spec().packageId())
                .setFromVersion(target.fromVersion() == null ? "" : target.fromVersion())
                .setTargetVersion(campaign.spec().targetVersion())
                .setPackageVersionId(campaign.targetVersionId())
                .setNotBefore(target.windowStart())
                .setNotAfter(target.windowEnd())
                .setAttempt(release.attempt())
                .setIssuedAt(issuedAt)
                .build();
        return new OutgoingMessage(Topics.UPGRADE_COMMANDS, target.orgId(), command, MessageKind.COMMAND,
                campaign.id(), target.orgId(), release.commandId());
    }
}
