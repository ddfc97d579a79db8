package io.upshift.planner.inventory.salesforce;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One {@code PackageSubscriber} row, with the fields the sync reads. */
record PackageSubscriberRecord(
        @JsonProperty("OrgKey") String orgKey,
        @JsonProperty("OrgName") String orgName,
        @JsonProperty("OrgType") String orgType,
        @JsonProperty("OrgStatus") String orgStatus,
        @JsonProperty("InstanceName") String instanceName,
        @JsonProperty("MetadataPackageVersionId") String versionId,
        @JsonProperty("InstalledStatus") String installedStatus) {

    /** The SOQL that reads them for one package. */
    static String query(String packageId) {
        return "SELECT OrgKey, OrgName, OrgType, OrgStatus, InstanceName, MetadataPackageVersionId, InstalledStatus "
                + "FROM PackageSubscriber WHERE MetadataPackageId = " + io.upshift.salesforce.Soql.quote(packageId);
    }
}
