package io.upshift.executor.execution.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The command to upgrade one org inside its window, as the executor understands it: the
 * planner's {@code UpgradeCommand} after its values were checked.
 *
 * @param fromVersion the version the planner saw installed, or null when it did not say
 * @param attempt 1 for the first dispatch, +1 for every retry a person asks for
 * @param issuedAt when the planner issued this command (a redelivery keeps it), or null when unknown
 */
public record UpgradeOrg(
        UUID commandId,
        UUID campaignId,
        int waveNumber,
        String orgId,
        String instance,
        String packageId,
        String fromVersion,
        PackageVersion targetVersion,
        String packageVersionId,
        Instant notBefore,
        Instant notAfter,
        int attempt,
        Instant issuedAt) {

    public UpgradeOrg {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(targetVersion, "targetVersion");
        Objects.requireNonNull(packageVersionId, "packageVersionId");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("the window ends (notAfter " + notAfter + ") before it starts (notBefore "
                    + notBefore + ")");
        }
        if (waveNumber < 0) {
            throw new IllegalArgumentException("waveNumber must not be negative, got " + waveNumber);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
        }
    }

    /** A command whose issue time is not known. */
    public UpgradeOrg(UUID commandId, UUID campaignId, int waveNumber, String orgId, String instance, String packageId,
            String fromVersion, PackageVersion targetVersion, String packageVersionId, Instant notBefore,
            Instant notAfter, int attempt) {
        this(commandId, campaignId, waveNumber, orgId, instance, packageId, fromVersion, targetVersion,
                packageVersionId, notBefore, notAfter, attempt, null);
    }

    /** What the gateway gets. */
    public UpgradeRequest request() {
        return new UpgradeRequest(commandId, orgId, instance, packageId, packageVersionId, targetVersion.text(),
                notBefore, notAfter, fromVersion, issuedAt, campaignId);
    }
}
