package io.upshift.executor.gateway.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.SalesforceException;
import io.upshift.salesforce.Soql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Watches the jobs of pushes until they finish: on each poll one query per 200 open request ids
 * for jobs in a final status, then one per 200 failed job ids for their {@code PackagePushError}
 * rows, and completes each watched push with its result. Loop thread only.
 */
final class JobWatcher {

    private static final Logger log = LoggerFactory.getLogger(JobWatcher.class);

    private final SalesforceClient salesforce;
    private final ScheduledExecutorService loop;
    private final Duration pollInterval;
    private final RetryingCalls calls;
    private final ApiRequestBudget budget;
    private final Map<String, Push> watched = new HashMap<>();
    private boolean polling;
    private volatile int watchedCount;

    JobWatcher(SalesforceClient salesforce, ScheduledExecutorService loop, Duration pollInterval, RetryingCalls calls,
               ApiRequestBudget budget) {
        this.salesforce = salesforce;
        this.loop = loop;
        this.pollInterval = pollInterval;
        this.calls = calls;
        this.budget = budget;
    }

    /** Watches the push's job until it finishes. */
    void watch(Push push, String jobId, String requestId) {
        push.jobId = jobId;
        push.requestId = requestId;
        watched.put(jobId, push);
        watchedCount = watched.size();
    }

    /** Stops watching a push that completed. */
    void forget(Push push) {
        if (push.jobId != null) {
            watched.remove(push.jobId, push);
            watchedCount = watched.size();
        }
    }

    /** How many jobs are watched now; any thread. */
    int count() {
        return watchedCount;
    }

    void poll() {
        watched.values().removeIf(p -> p.result.isDone());
        watchedCount = watched.size();
        if (polling || watched.isEmpty() || budget.waitBeforeCall().isPositive()) {
            return;
        }
        polling = true;
        Set<String> requestIds = watched.values().stream().map(p -> p.requestId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<CompletableFuture<List<JsonNode>>> pages = new ArrayList<>();
        for (List<String> chunk : SalesforceQueries.chunks(requestIds, SalesforceQueries.IDS_PER_QUERY)) {
            String soql = "SELECT Id, SubscriberOrganizationKey, Status, PackagePushRequestId FROM PackagePushJob"
                    + " WHERE PackagePushRequestId IN " + Soql.inList(chunk)
                    + " AND Status IN " + SalesforceQueries.FINAL_STATUSES;
            pages.add(calls.once(SalesforceGatewayMetrics.POLL_PUSH_JOBS, () -> salesforce.queryAll(soql)));
        }
        SalesforceQueries.allOf(pages)
                .thenApplyAsync(finished -> {
                    Map<String, String> statusByJob = new LinkedHashMap<>();
                    finished.stream().flatMap(List::stream)
                            .filter(job -> watched.containsKey(job.get("Id").asText()))
                            .forEach(job -> statusByJob.put(job.get("Id").asText(), job.get("Status").asText()));
                    return statusByJob;
                }, loop)
                .thenCompose(statusByJob -> readErrors(statusByJob).thenApply(errors -> Map.entry(statusByJob, errors)))
                .whenCompleteAsync((finished, failure) -> {
                    polling = false;
                    if (failure != null) {
                        pollFailed(requestIds, failure);
                    } else {
                        finish(finished.getKey(), finished.getValue());
                    }
                }, loop);
    }

    /** The errors of the failed jobs, grouped by job id. */
    private CompletableFuture<Map<String, List<JsonNode>>> readErrors(Map<String, String> statusByJob) {
        List<String> failed = statusByJob.entrySet().stream()
                .filter(e -> "Failed".equals(e.getValue())).map(Map.Entry::getKey).toList();
        if (failed.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        List<CompletableFuture<List<JsonNode>>> pages = new ArrayList<>();
        for (List<String> chunk : SalesforceQueries.chunks(failed, SalesforceQueries.IDS_PER_QUERY)) {
            String soql = "SELECT PackagePushJobId, ErrorSeverity, ErrorType, ErrorTitle, ErrorMessage, ErrorDetails"
                    + " FROM PackagePushError WHERE PackagePushJobId IN " + Soql.inList(chunk);
            pages.add(calls.once(SalesforceGatewayMetrics.READ_PUSH_ERRORS, () -> salesforce.queryAll(soql)));
        }
        return SalesforceQueries.allOf(pages).thenApply(all -> all.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(e -> e.get("PackagePushJobId").asText())));
    }

    private void finish(Map<String, String> statusByJob, Map<String, List<JsonNode>> errorsByJob) {
        statusByJob.forEach((jobId, status) -> {
            Push push = watched.get(jobId);
            if (push == null || push.result.isDone()) {
                return;
            }
            switch (status) {
                case "Succeeded" -> push.result.complete(new UpgradeResult.Succeeded(push.request.targetVersion()));
                case "Failed" -> push.result.complete(PushErrors.failure(errorsByJob.getOrDefault(jobId, List.of())));
                default -> push.result.complete(push.campaignStopped ? PushErrors.campaignStopped(push.requestId)
                        : PushErrors.canceled(jobId, status));
            }
        });
    }

    private void pollFailed(Set<String> requestIds, Throwable failure) {
        SalesforceException e = PushErrors.salesforceException(failure);
        if (e != null && !e.isTransient()) {
            // A query Salesforce refuses will be refused every time: stop watching rather than poll forever.
            List<Push> affected = watched.values().stream().filter(p -> requestIds.contains(p.requestId)).toList();
            log.error("Polling push jobs failed for good; failing {} watched upgrades", affected.size(), e);
            PushErrors.failAll(affected, failure);
        } else {
            log.warn("Polling push jobs failed; trying again in {}: {}", pollInterval, failure.getMessage());
        }
    }
}
