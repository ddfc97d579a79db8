package io.upshift.salesforce.stub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code PushUpgradeCustomization} row (API 60.0): a subscriber org's block on push upgrades of one
 * package. The org is blocked while {@code HasRestrictionEnabled} holds, unless Salesforce support
 * overrode the block ({@code IsRestrictionOverridden}). Add one with
 * {@link SalesforceStub#addPushUpgradeCustomization}; read it with SOQL like any other object.
 *
 * @param expirationDays days the subscriber may block pushes (-1: never expires; null: not set)
 */
public record PushUpgradeCustomization(String subscriberOrgId, String packageId, boolean hasRestrictionEnabled,
        boolean isRestrictionOverridden, Integer expirationDays) {

    static final StubSchema.SObjectType TYPE = new StubSchema.SObjectType(StubSchema.PUSH_UPGRADE_CUSTOMIZATION,
            "12C", List.of("Id", "MetadataPackageId", "SubscriberOrgId", "CustomUpgradeType", "ExpirationDays",
                    "HasRestrictionEnabled", "IsCustomUpgradeAllowed", "IsRestrictionOverridden", "SystemModstamp"),
            List.of());

    /** The subscriber blocks pushes of the package, and nobody overrode it. */
    public static PushUpgradeCustomization blocked(String subscriberOrgId, String packageId) {
        return new PushUpgradeCustomization(subscriberOrgId, packageId, true, false, -1);
    }

    /** The same block, overridden by Salesforce support: pushes go through again. */
    public PushUpgradeCustomization overridden() {
        return new PushUpgradeCustomization(subscriberOrgId, packageId, hasRestrictionEnabled, true, expirationDays);
    }

    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("MetadataPackageId", packageId);
        fields.put("SubscriberOrgId", subscriberOrgId);
        fields.put("CustomUpgradeType", hasRestrictionEnabled ? "BlockedBySubscriber" : "None");
        fields.put("ExpirationDays", expirationDays);
        fields.put("HasRestrictionEnabled", hasRestrictionEnabled);
        fields.put("IsCustomUpgradeAllowed", true);
        fields.put("IsRestrictionOverridden", isRestrictionOverridden);
        return fields;
    }
}
