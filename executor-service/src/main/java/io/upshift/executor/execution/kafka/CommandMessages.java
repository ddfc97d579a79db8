package io.upshift.executor.execution.kafka;

import io.upshift.common.kafka.InvalidMessageException;
import io.upshift.executor.execution.domain.PackageVersion;
import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeOrg;
import io.upshift.messages.ErrorCategory;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.schemas.OrgIds;

/**
 * Translates between the contract's messages and the execution domain. A command that decodes
 * but says something impossible (a bad org id, a window that ends before it starts, a key that
 * is not its org) is an {@link InvalidMessageException}: it goes to the dead-letter topic.
 */
final class CommandMessages {

    private CommandMessages() {
    }

    static UpgradeOrg toOrder(String key, UpgradeCommand command) {
        if (command == null) {
            throw new InvalidMessageException("the record has no value (a tombstone is not a command)");
        }
        String orgId = OrgIds.normalize(command.getOrgId()).orElseThrow(() -> new InvalidMessageException(
                "orgId '" + command.getOrgId() + "' is not an org id: "
                        + OrgIds.problem(command.getOrgId()).orElse("invalid")));
        // Keys decide partitions, and partitions decide order: a command keyed by anything but its
        // org could overtake another command for the same org.
        if (key == null || !OrgIds.normalize(key).map(orgId::equals).orElse(false)) {
            throw new InvalidMessageException("the record key '" + key + "' is not the command's org id " + orgId);
        }
        PackageVersion target = PackageVersion.parse(command.getTargetVersion()).orElseThrow(() ->
                new InvalidMessageException("targetVersion '" + command.getTargetVersion()
                        + "' is not a version (major.minor[.patch[.build]])"));
        String from = command.getFromVersion();
        if (from != null && from.isBlank()) {
            from = null;
        }
        if (from != null && PackageVersion.parse(from).isEmpty()) {
            throw new InvalidMessageException("fromVersion '" + from + "' is not a version (major.minor[.patch[.build]])");
        }
        String versionId = command.getPackageVersionId();
        if (versionId == null || !versionId.startsWith("04t") || (versionId.length() != 15 && versionId.length() != 18)) {
            throw new InvalidMessageException("packageVersionId '" + versionId + "' is not a package version id (04t…)");
        }
        try {
            return new UpgradeOrg(command.getCommandId(), command.getCampaignId(), command.getWaveNumber(), orgId,
                    command.getInstance(), command.getPackageId(), from, target, versionId, command.getNotBefore(),
                    command.getNotAfter(), command.getAttempt(), command.getIssuedAt());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidMessageException("impossible command " + command.getCommandId() + ": " + e.getMessage());
        }
    }

    static UpgradeOutcome toMessage(UpgradeFinished finished, String executorId) {
        UpgradeOrg order = finished.order();
        return UpgradeOutcome.newBuilder()
                .setCommandId(order.commandId())
                .setCampaignId(order.campaignId())
                .setWaveNumber(order.waveNumber())
                .setOrgId(order.orgId())
                .setStatus(OutcomeStatus.valueOf(finished.status().name()))
                .setErrorCategory(finished.category() == null ? null : ErrorCategory.valueOf(finished.category().name()))
                .setErrorCode(finished.errorCode())
                .setErrorMessage(finished.errorMessage())
                .setVersionBefore(finished.versionBefore())
                .setVersionAfter(finished.versionAfter())
                .setAttempts(finished.attempts())
                .setStartedAt(finished.startedAt())
                .setFinishedAt(finished.finishedAt())
                .setExecutorId(executorId)
                .setInstance(order.instance())
                .build();
    }
}
