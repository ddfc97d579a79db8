package io.upshift.planner.campaign.domain;

import io.upshift.planner.inventory.domain.PackageVersionNumber;
import java.util.Objects;

/**
 * The version a campaign pushes, as the package catalogue knows it.
 *
 * @param versionId the 04t… id
 * @param number the version number as the contract writes it, e.g. 4.2.1
 * @param beta a beta version cannot be pushed
 * @param deprecated a deprecated version is not pushed
 */
public record TargetVersion(String packageId, String packageName, String versionId, String number, PackageVersionNumber version,
        boolean beta, boolean deprecated, String releaseNotesUrl) {

    public TargetVersion {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(version, "version");
    }

    public boolean pushable() {
        return !beta && !deprecated;
    }
}
