package io.upshift.planner.inventory.domain;

/**
 * Which orgs a listing shows; every field null means "any".
 *
 * @param packageId with it, only orgs that have the package installed (or, with {@code installed}
 *     false, only orgs that do not)
 * @param versionAtLeast installed version of {@code packageId} at least this (inclusive)
 * @param versionBelow installed version of {@code packageId} below this (exclusive)
 */
public record OrgFilter(
        OrgType orgType,
        OrgStatus status,
        String instance,
        Boolean excluded,
        OrgSource source,
        String packageId,
        Boolean installed,
        PackageVersionNumber versionAtLeast,
        PackageVersionNumber versionBelow) {

    public OrgFilter {
        if (packageId == null && (installed != null || versionAtLeast != null || versionBelow != null)) {
            throw new IllegalArgumentException("installed, versionAtLeast and versionBelow need packageId");
        }
        if (Boolean.FALSE.equals(installed) && (versionAtLeast != null || versionBelow != null)) {
            throw new IllegalArgumentException("a version range needs installed orgs, not installed=false");
        }
    }

    public static OrgFilter any() {
        return new OrgFilter(null, null, null, null, null, null, null, null, null);
    }
}
