package io.upshift.planner.inventory.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a managed package (Salesforce's MetadataPackageVersion), identified by its 04t…
 * id. A beta and its release may share a number ("4.2.0 (Beta 3)" and the released "4.2.0", from
 * MajorVersion, MinorVersion, PatchVersion, BuildNumber and ReleaseState): versions are ordered by
 * number, build included, and of two with the same number and build the beta comes first — in
 * Salesforce the release supersedes the betas of its number.
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

    /** Oldest first: by number (build included), then a beta before a release of the same number. */
    public static final Comparator<PackageVersion> ORDER = Comparator.comparing(PackageVersion::number)
            .thenComparing(v -> v.releaseState() == ReleaseState.RELEASED);

    /** Whether a push campaign may target it: released and not deprecated. */
    public boolean isPushable() {
        return releaseState == ReleaseState.RELEASED && !deprecated;
    }

    /**
     * The version a campaign's {@code targetVersion} names among a package's versions. "4.2.0" (or
     * "4.2.0.0") names the version 4.2.0 of any build; "4.2.0.4" names build 4 only. Of the versions
     * it names, the released one is chosen — a beta only when the number has no release, and then
     * the campaign is refused as targeting a beta (a beta can never be pushed) — then the one with
     * exactly the named build, then the newest build.
     */
    public static Optional<PackageVersion> named(PackageVersionNumber named, Collection<PackageVersion> versions) {
        Comparator<PackageVersion> preference = Comparator
                .comparing((PackageVersion v) -> v.releaseState() == ReleaseState.RELEASED)
                .thenComparing(v -> v.number().build() == named.build())
                .thenComparingInt(v -> v.number().build());
        return versions.stream()
                .filter(v -> v.number().major() == named.major() && v.number().minor() == named.minor()
                        && v.number().patch() == named.patch())
                .filter(v -> named.build() == 0 || v.number().build() == named.build())
                .max(preference);
    }
}
