package io.upshift.executor.execution.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a gateway needs to push one org.
 *
 * @param commandId the planner's id for this attempt; gateways may record it with the push
 * @param orgId the 18-character subscriber org id
 * @param instance the org's Salesforce pod (e.g. NA135)
 * @param packageId the 033… package id
 * @param packageVersionId the 04t… id of the target version
 * @param targetVersion the target version ("4.2.1")
 * @param notBefore the earliest start (the org's window opens)
 * @param notAfter the latest start (the org's window closes)
 * @param fromVersion the version the planner saw installed when it planned the campaign ("4.1.3"),
 *        or null when unknown; a gateway may use it for an org it knows nothing about
 * @param issuedAt when the planner issued the command (the same for every delivery of it), or null
 *        when unknown; a gateway may use it to tell a push of this command from an earlier command's
 * @param campaignId the command's campaign, or null when unknown; a gateway keeps campaigns apart
 *        so that it can stop what one of them holds when it halts
 */
public record UpgradeRequest(
        UUID commandId,
        String orgId,
        String instance,
        String packageId,
        String packageVersionId,
        String targetVersion,
        Instant notBefore,
        Instant notAfter,
        String fromVersion,
        Instant issuedAt,
        UUID campaignId) {

    public UpgradeRequest {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(packageVersionId, "packageVersionId");
        Objects.requireNonNull(targetVersion, "targetVersion");
    }

    /** The request without its campaign. */
    public UpgradeRequest(UUID commandId, String orgId, String instance, String packageId, String packageVersionId,
            String targetVersion, Instant notBefore, Instant notAfter, String fromVersion, Instant issuedAt) {
        this(commandId, orgId, instance, packageId, packageVersionId, targetVersion, notBefore, notAfter, fromVersion,
                issuedAt, null);
    }

    /** The request without the command's issue time. */
    public UpgradeRequest(UUID commandId, String orgId, String instance, String packageId, String packageVersionId,
            String targetVersion, Instant notBefore, Instant notAfter, String fromVersion) {
        this(commandId, orgId, instance, packageId, packageVersionId, targetVersion, notBefore, notAfter, fromVersion,
                null, null);
    }

    /** The request without the planner's fromVersion (the port's first shape, kept for its callers). */
    public UpgradeRequest(UUID commandId, String orgId, String instance, String packageId, String packageVersionId,
            String targetVersion, Instant notBefore, Instant notAfter) {
        this(commandId, orgId, instance, packageId, packageVersionId, targetVersion, notBefore, notAfter, null, null,
                null);
    }
}
