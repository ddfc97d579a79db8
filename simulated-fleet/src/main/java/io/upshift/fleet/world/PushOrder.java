package io.upshift.fleet.world;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to push one org to a version: what Salesforce gets as a {@code PackagePushJob}.
 *
 * @param orgId the 18-character org id
 * @param instance the org's pod, for per-instance failure rates (the stored one wins for known orgs)
 * @param targetVersion the version to install ("4.2.1")
 * @param assumedVersion what an org the world has never seen is taken to have installed (the
 *        command's fromVersion); null to treat unknown orgs as not having the package
 * @param notBefore the scheduled start: the job starts at this instant or now, whichever is later
 * @param reference who asked (Upshift's command id), stored with the job
 */
public record PushOrder(
        String orgId,
        String instance,
        String targetVersion,
        String assumedVersion,
        Instant notBefore,
        UUID reference) {

    public PushOrder {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(targetVersion, "targetVersion");
    }
}
