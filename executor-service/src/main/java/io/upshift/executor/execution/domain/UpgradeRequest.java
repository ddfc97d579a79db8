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
 */
public record UpgradeRequest(
        UUID commandId,
        String orgId,
        String instance,
        String packageId,
        String packageVersionId,
        String targetVersion,
        Instant notBefore,
        Instant notAfter) {

    public UpgradeRequest {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(packageVersionId, "packageVersionId");
        Objects.requireNonNull(targetVersion, "targetVersion");
    }
}
