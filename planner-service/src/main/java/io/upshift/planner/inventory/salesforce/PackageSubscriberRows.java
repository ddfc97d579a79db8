package io.upshift.planner.inventory.salesforce;

import io.upshift.planner.inventory.domain.ImportColumn;
import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.domain.OrgStatus;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.inventory.domain.PackageVersion;
import io.upshift.planner.inventory.domain.ReleaseState;
import io.upshift.planner.inventory.domain.RowError;
import io.upshift.planner.inventory.domain.RowSink;
import io.upshift.planner.shared.domain.SalesforceIds;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns {@code PackageSubscriber} records into import rows: the org id normalised, type and status
 * read in Salesforce's spelling, and {@code MetadataPackageVersionId} mapped to a version registered
 * in Upshift (its number and whether it is a beta). A record whose version Upshift does not know
 * is reported, with its position in the result as the "line".
 */
final class PackageSubscriberRows {

    /**
     * What a PackageSubscriber record (with the package's PushUpgradeCustomization blocks) carries; time
     * zone, window, locale and contacts stay as they are.
     */
    static final Set<ImportColumn> COLUMNS = EnumSet.of(ImportColumn.ORG_ID, ImportColumn.ORG_NAME,
            ImportColumn.ORG_TYPE, ImportColumn.STATUS, ImportColumn.INSTANCE, ImportColumn.INSTALLED_VERSION,
            ImportColumn.BETA, ImportColumn.PUSH_BLOCKED);

    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z]{2,10}[0-9]{0,6}[A-Za-z]{0,2}");

    private final String packageId;
    private final Map<String, PackageVersion> versions;
    private final Set<String> blocked;

    /**
     * @param versions the package's registered versions by their 18-character 04t… id
     * @param blocked the 18-character ids of the orgs whose subscriber blocks pushes of the package
     */
    PackageSubscriberRows(String packageId, Map<String, PackageVersion> versions, Set<String> blocked) {
        this.packageId = packageId;
        this.versions = Map.copyOf(versions);
        this.blocked = Set.copyOf(blocked);
    }

    void add(int line, PackageSubscriberRecord record, RowSink sink) {
        List<RowError> errors = new ArrayList<>(1);
        String orgId = null;
        try {
            orgId = SalesforceIds.orgId(record.orgKey());
        } catch (IllegalArgumentException e) {
            errors.add(new RowError(line, "OrgKey", e.getMessage()));
        }
        OrgType type = parse(line, "OrgType", record.orgType(), OrgType::parse, errors);
        OrgStatus status = parse(line, "OrgStatus", record.orgStatus(), OrgStatus::parse, errors);
        String instance = record.instanceName() == null || record.instanceName().isBlank() ? null
                : record.instanceName().strip().toUpperCase(Locale.ROOT);
        if (instance != null && !INSTANCE.matcher(instance).matches()) {
            errors.add(new RowError(line, "InstanceName", "'" + record.instanceName() + "' is not an instance name"));
        }
        // InstalledStatus "i": installed; anything else (uninstalled) leaves the org without the package
        boolean installed = "i".equalsIgnoreCase(record.installedStatus());
        PackageVersion version = null;
        if (installed) {
            version = version(record.versionId()).orElse(null);
            if (version == null) {
                errors.add(new RowError(line, "MetadataPackageVersionId", "version " + record.versionId()
                        + " is not registered for package " + packageId + "; register it with POST /api/v1/packages/"
                        + packageId + "/versions and sync again"));
            }
        }
        if (!errors.isEmpty()) {
            sink.reject(errors);
            return;
        }
        sink.accept(new OrgRow(line, orgId, blankToNull(record.orgName()), type, status, instance,
                version == null ? null : version.number(),
                version == null ? null : version.releaseState() == ReleaseState.BETA,
                null, null, null, List.of(), false, null, version != null && blocked.contains(orgId)));
    }

    private Optional<PackageVersion> version(String versionId) {
        if (versionId == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(versions.get(SalesforceIds.normalize(versionId, SalesforceIds.VERSION_PREFIX,
                    "version id")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <T> T parse(int line, String field, String text, java.util.function.Function<String, T> parser,
            List<RowError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            errors.add(new RowError(line, field, e.getMessage()));
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
