package io.upshift.planner.inventory.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a managed package (Salesforce's MetadataPackageVersion).
 *
 * @param versionId the 18-character 04t… id
 * @param number major.minor.patch[.build], compared numerically
 * @param releaseNotesUrl where subscribers read what changed, or null
 */
public record PackageVersion(
        String versionId,
        String packageId,
        PackageVersionNumber number,
        String name,
        ReleaseState releaseState,
        boolean deprecated,
        String releaseNotesUrl,
        Instant createdAt) {

    public PackageVersion {
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(releaseState, "releaseState");
    }

    /** Whether a push campaign may target it: released and not deprecated. */
    public boolean isPushable() {
        return releaseState == ReleaseState.RELEASED && !deprecated;
    }
}
