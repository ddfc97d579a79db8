package io.upshift.executor.gateway.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.Soql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adoption before pushing: reads every job of a batch's orgs for the version and decides per org.
 * A job that has not failed (from any command) is followed instead of pushing again: a
 * {@code Succeeded} one completes at once, an open one is watched, a request a crash left
 * {@code Created} is scheduled. A {@code Failed} or canceled job of <em>this</em> command is the
 * org's outcome: it is watched (the watcher reads its PackagePushError) and never pushed again. A
 * job is this command's when it was created at or after the command's issue time (its window's
 * opening when the issue time is unknown) minus {@code push.clock-skew}; an older failed job
 * belongs to an earlier command (a person's retry, another campaign) and the org is pushed again.
 * Loop thread only.
 */
final class JobAdoption {

    private static final Logger log = LoggerFactory.getLogger(JobAdoption.class);
    private static final Set<String> ENDED_BADLY = Set.of("Failed", "Canceled", "Cancelled");

    private final SalesforceClient salesforce;
    private final RetryingCalls calls;
    private final JobWatcher watcher;
    private final PushRequests requests;
    private final Duration clockSkew;

    JobAdoption(SalesforceClient salesforce, RetryingCalls calls, JobWatcher watcher, PushRequests requests,
                Duration clockSkew) {
        this.salesforce = salesforce;
        this.calls = calls;
        this.watcher = watcher;
        this.requests = requests;
        this.clockSkew = clockSkew;
    }

    /** Adopts what exists; completes, on the loop thread, with the pushes that still need a job. */
    CompletableFuture<List<Push>> adopt(String versionId, List<Push> open) {
        return adopt(versionId, open, null);
    }

    /**
     * The same, its query tried again while it fails transiently until {@code deadline} (null: tried
     * once, as the first adoption of a batch is: the runner retries the whole step).
     */
    CompletableFuture<List<Push>> adopt(String versionId, List<Push> open, Instant deadline) {
        return findJobs(versionId, open, deadline).thenApply(jobsByOrg -> {
            List<Push> toPush = new ArrayList<>();
            Set<String> requestsToSchedule = new LinkedHashSet<>();
            for (Push push : open) {
                JsonNode job = choose(push, jobsByOrg.getOrDefault(push.orgId, List.of()));
                if (job == null) {
                    toPush.add(push);
                } else {
                    adopt(push, job, requestsToSchedule);
                }
            }
            requestsToSchedule.forEach(requestId -> {
                List<Push> pushes = pushesOf(open, requestId);
                requests.schedule(requestId, pushes, requests.deadline(pushes));
            });
            return toPush;
        });
    }

    /** Every job of these orgs for this version, by org. */
    private CompletableFuture<Map<String, List<JsonNode>>> findJobs(String versionId, List<Push> batch,
            Instant deadline) {
        Set<String> orgs = batch.stream().map(p -> p.orgId).collect(Collectors.toCollection(LinkedHashSet::new));
        String soql = "SELECT Id, SubscriberOrganizationKey, Status, CreatedDate, PackagePushRequestId,"
                + " PackagePushRequest.Status FROM PackagePushJob WHERE PackagePushRequest.PackageVersionId = "
                + Soql.quote(versionId) + " AND SubscriberOrganizationKey IN " + Soql.inList(orgs);
        return (deadline == null ? calls.once(SalesforceGatewayMetrics.FIND_EXISTING_JOBS, () -> salesforce.queryAll(soql))
                : calls.call(SalesforceGatewayMetrics.FIND_EXISTING_JOBS, deadline, () -> salesforce.queryAll(soql)))
                .thenApply(rows -> {
                    Map<String, List<JsonNode>> byOrg = new LinkedHashMap<>();
                    for (JsonNode row : rows) {
                        byOrg.computeIfAbsent(SalesforceQueries.normalize(row.path("SubscriberOrganizationKey").asText()),
                                o -> new ArrayList<>()).add(row);
                    }
                    return byOrg;
                });
    }

    /** The job that decides the org: the most advanced one that has not failed, else this command's failed one. */
    private JsonNode choose(Push push, List<JsonNode> jobs) {
        JsonNode best = null;
        for (JsonNode job : jobs) {
            if (!ENDED_BADLY.contains(job.path("Status").asText()) && (best == null || progress(job) > progress(best))) {
                best = job;
            }
        }
        if (best != null) {
            return best;
        }
        Instant ownSince = ownSince(push);
        JsonNode own = null;
        for (JsonNode job : jobs) {
            Instant created = createdDate(job);
            // A job whose creation time cannot be read counts as this command's: never push twice on a doubt.
            if (created == null || !created.isBefore(ownSince)) {
                own = job;
            }
        }
        return own;
    }

    private Instant ownSince(Push push) {
        Instant issued = push.request.issuedAt() != null ? push.request.issuedAt() : push.request.notBefore();
        return issued == null ? Instant.MIN : issued.minus(clockSkew);
    }

    private static Instant createdDate(JsonNode job) {
        return Soql.parseDatetime(job.path("CreatedDate").asText("")).orElse(null);
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
        // Open jobs finish later; a failed or canceled one of this command is read by the next poll.
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
