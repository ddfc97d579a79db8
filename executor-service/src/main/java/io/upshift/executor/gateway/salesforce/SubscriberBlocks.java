package io.upshift.executor.gateway.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.Soql;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers' push blocks, read again just before a batch's jobs are inserted (a block can appear
 * after the planner released the org): one {@code PushUpgradeCustomization} query per batch and
 * package (blocked orgs are few), never one per org. A blocked org, its block not overridden by
 * Salesforce support, completes {@code Failed(BlockedBySubscriber, PERMANENT)} without a job. Loop
 * thread only.
 */
final class SubscriberBlocks {

    private static final Logger log = LoggerFactory.getLogger(SubscriberBlocks.class);

    private final SalesforceClient salesforce;
    private final RetryingCalls calls;

    SubscriberBlocks(SalesforceClient salesforce, RetryingCalls calls) {
        this.salesforce = salesforce;
        this.calls = calls;
    }

    /** Completes the blocked pushes of the batch and answers the others (one package per batch). */
    CompletableFuture<List<Push>> withoutBlocked(List<Push> batch, Instant deadline) {
        List<String> packageIds = batch.stream().map(p -> p.request.packageId()).filter(Objects::nonNull)
                .distinct().toList();
        if (packageIds.isEmpty()) {
            return CompletableFuture.completedFuture(batch);
        }
        String soql = "SELECT SubscriberOrgId, HasRestrictionEnabled, IsRestrictionOverridden FROM PushUpgradeCustomization"
                + " WHERE MetadataPackageId IN " + Soql.inList(packageIds);
        return calls.call(SalesforceGatewayMetrics.READ_PUSH_BLOCKS, deadline, () -> salesforce.queryAll(soql))
                .thenApply(rows -> {
                    Set<String> blocked = rows.stream().filter(SubscriberBlocks::blocks)
                            .map(row -> SalesforceQueries.normalize(row.path("SubscriberOrgId").asText()))
                            .collect(Collectors.toSet());
                    for (Push push : batch) {
                        if (blocked.contains(push.orgId)) {
                            log.info("Org {} blocks push upgrades of package {}: not pushed", push.orgId,
                                    push.request.packageId());
                            push.result.complete(PushErrors.blockedBySubscriber());
                        }
                    }
                    return batch.stream().filter(p -> !p.result.isDone()).toList();
                });
    }

    private static boolean blocks(JsonNode row) {
        return row.path("HasRestrictionEnabled").asBoolean(false) && !row.path("IsRestrictionOverridden").asBoolean(false);
    }
}
