package io.upshift.executor.gateway.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.Soql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adoption before pushing: finds the jobs that already exist for a batch's orgs and version and
 * have not failed, and follows them instead of pushing again (a {@code Succeeded} job completes at
 * once, an open one is watched, a request a crash left {@code Created} is scheduled). Loop thread only.
 */
final class JobAdoption {

    private static final Logger log = LoggerFactory.getLogger(JobAdoption.class);
    private static final String NOT_FAILED = "('Failed','Canceled','Cancelled')";

    private final SalesforceClient salesforce;
    private final ScheduledExecutorService loop;
    private final SalesforceGatewayMetrics metrics;
    private final JobWatcher watcher;
    private final PushRequests requests;

    JobAdoption(SalesforceClient salesforce, ScheduledExecutorService loop, SalesforceGatewayMetrics metrics,
                JobWatcher watcher, PushRequests requests) {
        this.salesforce = salesforce;
        this.loop = loop;
        this.metrics = metrics;
        this.watcher = watcher;
        this.requests = requests;
    }

    /** Adopts what exists; completes, on the loop thread, with the pushes that still need a job. */
    CompletableFuture<List<Push>> adopt(String versionId, List<Push> open) {
        return findExistingJobs(versionId, open).thenApplyAsync(existing -> {
            List<Push> toPush = new ArrayList<>();
            Set<String> requestsToSchedule = new LinkedHashSet<>();
            for (Push push : open) {
                JsonNode job = existing.get(push.orgId);
                if (job == null) {
                    toPush.add(push);
                } else {
                    adopt(push, job, requestsToSchedule);
                }
            }
            requestsToSchedule.forEach(requestId -> requests.schedule(requestId, pushesOf(open, requestId)));
            return toPush;
        }, loop);
    }

    /** Existing jobs of these orgs for this version that have not failed, the most advanced one per org. */
    private CompletableFuture<Map<String, JsonNode>> findExistingJobs(String versionId, List<Push> batch) {
        Set<String> orgs = batch.stream().map(p -> p.orgId).collect(Collectors.toCollection(LinkedHashSet::new));
        String soql = "SELECT Id, SubscriberOrganizationKey, Status, PackagePushRequestId, PackagePushRequest.Status"
                + " FROM PackagePushJob WHERE PackagePushRequest.PackageVersionId = " + Soql.quote(versionId)
                + " AND SubscriberOrganizationKey IN " + Soql.inList(orgs) + " AND Status NOT IN " + NOT_FAILED;
        return metrics.record(SalesforceGatewayMetrics.FIND_EXISTING_JOBS, salesforce.queryAll(soql)).thenApply(rows -> {
            Map<String, JsonNode> best = new HashMap<>();
            for (JsonNode row : rows) {
                String org = SalesforceQueries.normalize(row.path("SubscriberOrganizationKey").asText());
                JsonNode current = best.get(org);
                if (current == null || progress(row) > progress(current)) {
                    best.put(org, row);
                }
            }
            return best;
        });
    }

    private static int progress(JsonNode job) {
        return switch (job.path("Status").asText()) {
            case "Succeeded" -> 4;
            case "In Progress" -> 3;
            case "Pending" -> 2;
            default -> 1;
        };
    }

    private void adopt(Push push, JsonNode job, Set<String> requestsToSchedule) {
        String status = job.path("Status").asText();
        log.info("Adopting the existing push job {} ({}) of org {} to {} instead of pushing again",
                job.get("Id").asText(), status, push.orgId, push.request.targetVersion());
        if ("Succeeded".equals(status)) {
            push.result.complete(new UpgradeResult.Succeeded(push.request.targetVersion()));
            return;
        }
        watcher.watch(push, job.get("Id").asText(), job.path("PackagePushRequestId").asText());
        if ("Created".equals(job.path("PackagePushRequest").path("Status").asText())) {
            // A push built before a crash but never scheduled: schedule it now.
            requestsToSchedule.add(push.requestId);
        }
    }

    private static List<Push> pushesOf(List<Push> pushes, String requestId) {
        return pushes.stream().filter(p -> requestId.equals(p.requestId)).toList();
    }
}
