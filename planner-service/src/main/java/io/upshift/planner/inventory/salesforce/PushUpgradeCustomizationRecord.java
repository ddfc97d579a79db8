package io.upshift.planner.inventory.salesforce;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code PushUpgradeCustomization} row (API 60.0): a subscriber's block on pushes of the package.
 * The org is blocked while the restriction is enabled, unless Salesforce support overrode it.
 */
record PushUpgradeCustomizationRecord(
        @JsonProperty("SubscriberOrgId") String subscriberOrgId,
        @JsonProperty("HasRestrictionEnabled") Boolean hasRestrictionEnabled,
        @JsonProperty("IsRestrictionOverridden") Boolean isRestrictionOverridden) {

    /** The SOQL that reads a package's customizations (blocked orgs are few; a page or two). */
    static String query(String packageId) {
        return "SELECT SubscriberOrgId, HasRestrictionEnabled, IsRestrictionOverridden FROM PushUpgradeCustomization "
                + "WHERE MetadataPackageId = " + io.upshift.salesforce.Soql.quote(packageId);
    }

    boolean blocks() {
        return Boolean.TRUE.equals(hasRestrictionEnabled) && !Boolean.TRUE.equals(isRestrictionOverridden);
    }
}
