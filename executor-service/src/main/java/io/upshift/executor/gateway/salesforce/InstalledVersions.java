package io.upshift.executor.gateway.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.executor.execution.domain.GatewayException;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.Soql;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * Looks up the installed version of orgs in batches: one {@code PackageSubscriber} query per
 * package and up to 200 orgs, the version number read once per {@code MetadataPackageVersion} id.
 * Called on the gateway's loop thread; the lookups complete on it.
 */
final class InstalledVersions {

    private record Lookup(String orgId, CompletableFuture<Optional<String>> result) {
    }

    private final SalesforceClient salesforce;
    private final ScheduledExecutorService loop;
    private final RetryingCalls calls;
    private final Map<String, String> versionNumbers = new ConcurrentHashMap<>();
    /** Forming lookups by package id. */
    private final LingeringBatches<String, Lookup> lookups;

    InstalledVersions(SalesforceClient salesforce, ScheduledExecutorService loop, Duration linger,
                      RetryingCalls calls) {
        this.salesforce = salesforce;
        this.loop = loop;
        this.calls = calls;
        this.lookups = new LingeringBatches<>(loop, SalesforceQueries.IDS_PER_QUERY, linger, this::send);
    }

    /** Adds the org to its package's forming lookup; on the loop thread. */
    void lookUp(String orgId, String packageId, CompletableFuture<Optional<String>> result) {
        lookups.add(packageId, new Lookup(orgId, result));
    }

    /** Fails every lookup not yet sent; on the loop thread, when the gateway stops. */
    void failForming(GatewayException stopped) {
        lookups.drain().forEach(l -> l.result().completeExceptionally(stopped));
    }

    private void send(String packageId, List<Lookup> batch) {
        Set<String> orgs = batch.stream().map(Lookup::orgId).collect(Collectors.toCollection(LinkedHashSet::new));
        String soql = "SELECT OrgKey, InstalledStatus, MetadataPackageVersionId FROM PackageSubscriber"
                + " WHERE MetadataPackageId = " + Soql.quote(packageId) + " AND OrgKey IN " + Soql.inList(orgs);
        calls.once(SalesforceGatewayMetrics.FIND_INSTALLED_VERSIONS, () -> salesforce.queryAll(soql))
                .thenCompose(rows -> {
                    Map<String, String> versionByOrg = new HashMap<>();
                    for (JsonNode row : rows) {
                        if ("i".equals(row.path("InstalledStatus").asText()) && row.hasNonNull("MetadataPackageVersionId")) {
                            versionByOrg.put(SalesforceQueries.normalize(row.get("OrgKey").asText()),
                                    row.get("MetadataPackageVersionId").asText());
                        }
                    }
                    return versionNumbers(versionByOrg.values()).thenApply(numbers -> {
                        Map<String, String> installed = new HashMap<>();
                        versionByOrg.forEach((org, versionId) -> installed.put(org, numbers.get(versionId)));
                        return installed;
                    });
                })
                .whenCompleteAsync((installed, failure) -> {
                    for (Lookup lookup : batch) {
                        if (failure != null) {
                            lookup.result().completeExceptionally(PushErrors.gatewayException(failure));
                        } else {
                            lookup.result().complete(Optional.ofNullable(installed.get(lookup.orgId())));
                        }
                    }
                }, loop);
    }

    /** "x.y.z" for each version id; versions never change, so they are read once. */
    private CompletableFuture<Map<String, String>> versionNumbers(Collection<String> versionIds) {
        Set<String> missing = versionIds.stream().filter(id -> !versionNumbers.containsKey(id))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(versionNumbers);
        }
        String soql = "SELECT Id, MajorVersion, MinorVersion, PatchVersion FROM MetadataPackageVersion WHERE Id IN "
                + Soql.inList(missing);
        return calls.once(SalesforceGatewayMetrics.READ_VERSIONS, () -> salesforce.queryAll(soql)).thenApply(rows -> {
            for (JsonNode row : rows) {
                versionNumbers.put(row.get("Id").asText(), row.path("MajorVersion").asInt() + "."
                        + row.path("MinorVersion").asInt() + "." + row.path("PatchVersion").asInt());
            }
            return versionNumbers;
        });
    }
}
