package io.upshift.planner.inventory.domain;

import java.util.List;
import java.util.Objects;

/**
 * One valid org of an import, whatever its source (a CSV row, a simulated org, a PackageSubscriber
 * record). Which fields are applied is decided by the import's columns; a null here, in a column
 * the import provides, clears the stored value.
 *
 * @param line where the org came from: the CSV line (1-based), or the position in the source
 * @param orgId always the 18-character form
 * @param installedVersion the version of the import's package installed; null when not installed
 * @param beta whether that version is a beta; null when unknown (then it follows the registered version)
 * @param pushBlocked whether the subscriber blocks pushes of the package (Salesforce's
 *     PushUpgradeCustomization); null when the source does not say (what is stored stays)
 */
public record OrgRow(
        int line,
        String orgId,
        String orgName,
        OrgType orgType,
        OrgStatus status,
        String instance,
        PackageVersionNumber installedVersion,
        Boolean beta,
        String timeZone,
        MaintenanceWindow window,
        String locale,
        List<String> adminEmails,
        boolean excluded,
        String excludedNote,
        Boolean pushBlocked) {

    public OrgRow {
        Objects.requireNonNull(orgId, "orgId");
        adminEmails = adminEmails == null ? List.of() : List.copyOf(adminEmails);
    }

    /** An org whose source does not say whether its subscriber blocks pushes. */
    public OrgRow(int line, String orgId, String orgName, OrgType orgType, OrgStatus status, String instance,
            PackageVersionNumber installedVersion, Boolean beta, String timeZone, MaintenanceWindow window,
            String locale, List<String> adminEmails, boolean excluded, String excludedNote) {
        this(line, orgId, orgName, orgType, status, instance, installedVersion, beta, timeZone, window, locale,
                adminEmails, excluded, excludedNote, null);
    }

    /** An org known only by its id (a line of the Salesforce CLI org file). */
    public static OrgRow idOnly(int line, String orgId) {
        return new OrgRow(line, orgId, null, null, null, null, null, null, null, null, null, List.of(), false, null);
    }
}
