package io.upshift.planner.inventory.domain;

import io.upshift.planner.shared.domain.ConflictException;

/**
 * A change to a registered version; null fields stay as they are. A beta may be released
 * (Salesforce: promoted), a released version never becomes a beta again.
 */
public record PackageVersionChange(String name, ReleaseState releaseState, Boolean deprecated, String releaseNotesUrl) {

    /** @throws ConflictException when the change would turn a released version back into a beta */
    public PackageVersion applyTo(PackageVersion version) {
        if (releaseState == ReleaseState.BETA && version.releaseState() == ReleaseState.RELEASED) {
            throw new ConflictException("version " + version.number() + " is released; a released version cannot "
                    + "become a beta again", version.releaseState().name());
        }
        return new PackageVersion(version.versionId(), version.packageId(), version.number(),
                name == null ? version.name() : name,
                releaseState == null ? version.releaseState() : releaseState,
                deprecated == null ? version.deprecated() : deprecated,
                releaseNotesUrl == null ? version.releaseNotesUrl() : releaseNotesUrl,
                version.createdAt());
    }
}
