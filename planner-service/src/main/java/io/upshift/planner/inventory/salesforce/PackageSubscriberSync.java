package io.upshift.planner.inventory.salesforce;

import io.upshift.planner.inventory.domain.ImportReport;
import io.upshift.planner.inventory.domain.OrgSource;
import io.upshift.planner.inventory.domain.PackageVersion;
import io.upshift.planner.inventory.importing.OrgImporter;
import io.upshift.planner.inventory.jdbc.PackageRepository;
import io.upshift.planner.shared.domain.ConflictException;
import io.upshift.planner.shared.domain.SalesforceIds;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.SalesforceException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Syncs a package's subscribers from Salesforce's {@code PackageSubscriber} object into the
 * inventory (source SALESFORCE): one SOQL query, read page by page as the import's writer takes the
 * rows, so a million subscribers pass through without being held. A page that fails transiently
 * (API limit, 5xx) is fetched again with backoff; a failure that persists rolls the sync back.
 * Before it, a second query reads the package's {@code PushUpgradeCustomization} rows: an org whose
 * subscriber blocks pushes (unless Salesforce support overrode the block) is stored as push-blocked.
 */
@Service
public class PackageSubscriberSync {

    private static final Logger log = LoggerFactory.getLogger(PackageSubscriberSync.class);

    private final ObjectProvider<SalesforceClient> salesforce;
    private final ObjectProvider<SalesforceSyncProperties> properties;
    private final OrgImporter importer;
    private final PackageRepository packages;

    PackageSubscriberSync(ObjectProvider<SalesforceClient> salesforce, ObjectProvider<SalesforceSyncProperties> properties,
            OrgImporter importer, PackageRepository packages) {
        this.salesforce = salesforce;
        this.properties = properties;
        this.importer = importer;
        this.packages = packages;
    }

    /**
     * @param partial store the good records even when some are bad (unknown version, bad org key)
     * @throws ConflictException when no Salesforce org is configured
     * @throws SalesforceException when Salesforce keeps failing (nothing is stored then)
     */
    public ImportReport sync(String packageId, boolean partial) {
        SalesforceClient client = salesforce.getIfAvailable();
        SalesforceSyncProperties settings = properties.getIfAvailable();
        if (client == null || settings == null) {
            throw new ConflictException("the Salesforce sync is not configured: set upshift.planner.salesforce.enabled"
                    + "=true and upshift.planner.salesforce.login.*", "NOT_CONFIGURED");
        }
        importer.requirePackage(packageId);
        Map<String, PackageVersion> versions = packages.versions(packageId).stream()
                .collect(Collectors.toMap(PackageVersion::versionId, Function.identity()));
        PackageSubscriberRows rows = new PackageSubscriberRows(packageId, versions, blocked(client, packageId,
                settings.sync()));
        return importer.importRows(packageId, OrgSource.SALESFORCE, "SALESFORCE", PackageSubscriberRows.COLUMNS, partial,
                sink -> {
                    try (Stream<PackageSubscriberRecord> records = client.query(PackageSubscriberRecord.query(packageId),
                            PackageSubscriberRecord.class)) {
                        Iterator<PackageSubscriberRecord> iterator = records.iterator();
                        int line = 0;
                        while (hasNext(iterator, settings.sync())) {
                            rows.add(++line, iterator.next(), sink);
                        }
                    }
                });
    }

    /** The orgs whose subscriber blocks pushes of the package: few, so held as a set of 18-character ids. */
    private static Set<String> blocked(SalesforceClient client, String packageId, SalesforceSyncProperties.Sync retry) {
        Set<String> blocked = new HashSet<>();
        try (Stream<PushUpgradeCustomizationRecord> records = client.query(
                PushUpgradeCustomizationRecord.query(packageId), PushUpgradeCustomizationRecord.class)) {
            Iterator<PushUpgradeCustomizationRecord> iterator = records.iterator();
            while (hasNext(iterator, retry)) {
                PushUpgradeCustomizationRecord record = iterator.next();
                if (record.blocks()) {
                    try {
                        blocked.add(SalesforceIds.orgId(record.subscriberOrgId()));
                    } catch (IllegalArgumentException e) {
                        log.warn("PushUpgradeCustomization names no org id ({}): {}", record.subscriberOrgId(),
                                e.getMessage());
                    }
                }
            }
        }
        return blocked;
    }

    /**
     * The paging iterator keeps its place when a page fails, so asking again fetches that page again:
     * transient failures are retried here with a doubling backoff.
     */
    private static boolean hasNext(Iterator<?> iterator, SalesforceSyncProperties.Sync retry) {
        Duration backoff = retry.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return iterator.hasNext();
            } catch (SalesforceException e) {
                if (!e.isTransient() || attempt >= retry.attempts()) {
                    throw e;
                }
                log.warn("PackageSubscriber page failed ({}), attempt {} of {}; trying again in {} ms", e.errorCode(),
                        attempt, retry.attempts(), backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry Salesforce", e);
        }
    }
}
