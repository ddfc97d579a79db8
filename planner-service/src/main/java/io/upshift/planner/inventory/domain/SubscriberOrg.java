package io.upshift.planner.inventory.domain;

import java.time.Instant;
import java.util.List;

/**
 * A subscriber org as the inventory knows it, with what it has installed of the packages asked for.
 *
 * @param window null when not known
 * @param installed the installed packages listed with it (all of them, or the filtered one)
 */
public record SubscriberOrg(
        String orgId,
        String orgName,
        OrgType orgType,
        OrgStatus status,
        String instance,
        String timeZone,
        MaintenanceWindow window,
        String locale,
        List<String> adminEmails,
        boolean excluded,
        String excludedNote,
        OrgSource source,
        Instant updatedAt,
        List<InstalledPackage> installed) {

    public SubscriberOrg {
        adminEmails = List.copyOf(adminEmails);
        installed = List.copyOf(installed);
    }

    /**
     * What an org has of one package.
     *
     * @param installed false once the package was seen uninstalled (the version is the last one known)
     */
    public record InstalledPackage(String packageId, String packageName, PackageVersionNumber version, boolean beta,
            boolean installed, Instant updatedAt) {
    }
}
