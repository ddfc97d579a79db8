package io.upshift.salesforce.stub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The objects the stub knows, with their fields and lookups, as Salesforce documents them for
 * push upgrades. Field names are matched case-insensitively, as SOQL does.
 */
final class StubSchema {

    /** One lookup: {@code PackagePushJob.PackagePushRequest} follows {@code PackagePushRequestId}. */
    record Relationship(String name, String field, String target) {
    }

    record SObjectType(String name, String idPrefix, List<String> fields, List<Relationship> relationships) {

        Optional<String> field(String name) {
            return fields.stream().filter(f -> f.equalsIgnoreCase(name)).findFirst();
        }

        Optional<Relationship> relationship(String name) {
            return relationships.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    static final String METADATA_PACKAGE = "MetadataPackage";
    static final String METADATA_PACKAGE_VERSION = "MetadataPackageVersion";
    static final String PACKAGE_SUBSCRIBER = "PackageSubscriber";
    static final String PACKAGE_PUSH_REQUEST = "PackagePushRequest";
    static final String PACKAGE_PUSH_JOB = "PackagePushJob";
    static final String PACKAGE_PUSH_ERROR = "PackagePushError";
    /** A subscriber's block on pushes of a package (API 60.0): see {@link PushUpgradeCustomization}. */
    static final String PUSH_UPGRADE_CUSTOMIZATION = "PushUpgradeCustomization";

    private static final Map<String, SObjectType> TYPES = new LinkedHashMap<>();

    static {
        add(new SObjectType(METADATA_PACKAGE, "033",
                List.of("Id", "Name", "NamespacePrefix", "SystemModstamp"), List.of()));
        add(new SObjectType(METADATA_PACKAGE_VERSION, "04t",
                List.of("Id", "Name", "MetadataPackageId", "MajorVersion", "MinorVersion", "PatchVersion",
                        "BuildNumber", "ReleaseState", "IsDeprecated", "SystemModstamp"),
                List.of(new Relationship("MetadataPackage", "MetadataPackageId", METADATA_PACKAGE))));
        add(new SObjectType(PACKAGE_SUBSCRIBER, "0Hf",
                List.of("Id", "OrgKey", "OrgName", "OrgType", "OrgStatus", "InstanceName", "InstalledStatus",
                        "MetadataPackageId", "MetadataPackageVersionId", "ParentOrg", "SystemModstamp"),
                List.of(new Relationship("MetadataPackageVersion", "MetadataPackageVersionId",
                        METADATA_PACKAGE_VERSION))));
        add(new SObjectType(PACKAGE_PUSH_REQUEST, "0DV",
                List.of("Id", "PackageVersionId", "ScheduledStartTime", "Status", "StartTime", "EndTime",
                        "DurationSeconds", "CreatedDate", "SystemModstamp"),
                List.of(new Relationship("PackageVersion", "PackageVersionId", METADATA_PACKAGE_VERSION))));
        add(new SObjectType(PACKAGE_PUSH_JOB, "0DX",
                List.of("Id", "PackagePushRequestId", "SubscriberOrganizationKey", "Status", "StartTime",
                        "EndTime", "DurationSeconds", "CreatedDate", "SystemModstamp"),
                List.of(new Relationship("PackagePushRequest", "PackagePushRequestId", PACKAGE_PUSH_REQUEST))));
        add(new SObjectType(PACKAGE_PUSH_ERROR, "0DY",
                List.of("Id", "PackagePushJobId", "ErrorSeverity", "ErrorType", "ErrorTitle", "ErrorMessage",
                        "ErrorDetails", "SystemModstamp"),
                List.of(new Relationship("PackagePushJob", "PackagePushJobId", PACKAGE_PUSH_JOB))));
        add(PushUpgradeCustomization.TYPE);
    }

    private StubSchema() {
    }

    private static void add(SObjectType type) {
        TYPES.put(type.name().toLowerCase(Locale.ROOT), type);
    }

    static Optional<SObjectType> type(String name) {
        return Optional.ofNullable(TYPES.get(name.toLowerCase(Locale.ROOT)));
    }

    static SObjectType require(String name) {
        return type(name).orElseThrow(() -> new StubApiException(404, "NOT_FOUND",
                "The requested resource does not exist"));
    }
}
