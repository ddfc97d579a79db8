package io.upshift.executor.gateway.salesforce;

import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.GatewayException;
import io.upshift.salesforce.ApiError;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.SalesforceException;
import io.upshift.salesforce.Soql;
import io.upshift.salesforce.TreeInsertResult;
import io.upshift.salesforce.TreeRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a push request: create it, insert its jobs (dropping the orgs Salesforce refuses,
 * trying again after "Something bad has happened"), set it {@code Pending}, cancel it when it
 * stayed empty. Each inserted job is handed to the {@link JobWatcher}. Loop thread only.
 */
final class PushRequests {

    private static final Logger log = LoggerFactory.getLogger(PushRequests.class);

    private final SalesforceClient salesforce;
    private final SalesforceGatewayProperties.Push settings;
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final SalesforceGatewayMetrics metrics;
    private final JobWatcher watcher;

    PushRequests(SalesforceClient salesforce, SalesforceGatewayProperties.Push settings, Clock clock,
                 ScheduledExecutorService loop, SalesforceGatewayMetrics metrics, JobWatcher watcher) {
        this.salesforce = salesforce;
        this.settings = settings;
        this.clock = clock;
        this.loop = loop;
        this.metrics = metrics;
        this.watcher = watcher;
    }

    /** Pushes the batch in one new request starting at the batch's start (or now). */
    void push(FormingBatches.BatchKey key, List<Push> batch) {
        Instant start = key.start() != null ? key.start() : clock.instant();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("PackageVersionId", key.packageVersionId());
        fields.put("ScheduledStartTime", start);
        metrics.record(SalesforceGatewayMetrics.CREATE_PUSH_REQUEST, salesforce.create("PackagePushRequest", fields))
                .whenCompleteAsync((requestId, failure) -> {
                    if (failure != null) {
                        PushErrors.failAll(batch, failure);
                    } else {
                        log.info("Created push request {} of {} orgs to {} starting {}", requestId, batch.size(),
                                batch.getFirst().request.targetVersion(), start);
                        insertJobs(requestId, batch, 1);
                    }
                }, loop);
    }

    private void insertJobs(String requestId, List<Push> batch, int attempt) {
        List<Push> open = batch.stream().filter(p -> !p.result.isDone()).toList();
        if (open.isEmpty()) {
            cancelEmptyRequest(requestId);
            return;
        }
        List<TreeRecord> records = open.stream().map(p -> new TreeRecord(p.orgId, Map.of(
                "PackagePushRequestId", requestId, "SubscriberOrganizationKey", p.orgId))).toList();
        metrics.record(SalesforceGatewayMetrics.INSERT_PUSH_JOBS,
                        salesforce.insertTreeSkippingRejected("PackagePushJob", records))
                .whenCompleteAsync((result, failure) -> {
                    if (failure != null) {
                        SalesforceException e = PushErrors.salesforceException(failure);
                        if (e != null && e.isTransient() && attempt < settings.insertAttempts()) {
                            long wait = settings.insertBackoff().toMillis() << (attempt - 1);
                            log.warn("Inserting {} push jobs failed ({}); try {} of {} in {} ms", open.size(),
                                    e.errorCode(), attempt + 1, settings.insertAttempts(), wait);
                            loop.schedule(() -> insertJobs(requestId, open, attempt + 1), wait, TimeUnit.MILLISECONDS);
                            return;
                        }
                        // The tree insert is all-or-nothing: no job of this batch exists, the request is empty.
                        cancelEmptyRequest(requestId);
                        PushErrors.failAll(open, failure);
                        return;
                    }
                    jobsInserted(requestId, open, result);
                }, loop);
    }

    private void jobsInserted(String requestId, List<Push> batch, TreeInsertResult result) {
        List<Push> inserted = new ArrayList<>();
        for (Push push : batch) {
            String jobId = result.insertedIds().get(push.orgId);
            List<ApiError> errors = result.rejected().get(push.orgId);
            if (jobId != null) {
                watcher.watch(push, jobId, requestId);
                inserted.add(push);
            } else if (errors != null) {
                log.info("Salesforce refused a push job for org {}: {}", push.orgId, errors);
                push.result.complete(PushErrors.rejected(errors));
            } else {
                push.result.completeExceptionally(new GatewayException("MISSING_RESULT", ErrorCategory.TRANSIENT,
                        "Salesforce answered the job insert without a result for org " + push.orgId));
            }
        }
        if (inserted.isEmpty()) {
            cancelEmptyRequest(requestId);
        } else {
            schedule(requestId, inserted);
        }
    }

    /** Sets the request's Status to Pending; a request someone else scheduled meanwhile is fine too. */
    void schedule(String requestId, List<Push> pushes) {
        metrics.record(SalesforceGatewayMetrics.SCHEDULE_PUSH_REQUEST,
                        salesforce.update("PackagePushRequest", requestId, Map.of("Status", "Pending")))
                .exceptionallyCompose(failure -> {
                    SalesforceException e = PushErrors.salesforceException(failure);
                    if (e == null || e.isTransient()) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    return requestStatus(requestId).thenCompose(status -> "Created".equals(status)
                            ? CompletableFuture.<Void>failedFuture(failure)
                            : CompletableFuture.<Void>completedFuture(null));
                })
                .whenCompleteAsync((ignored, failure) -> {
                    if (failure != null) {
                        // The jobs exist but are not scheduled: a retry of these orgs adopts and schedules them.
                        PushErrors.failAll(pushes, failure);
                    } else {
                        log.info("Scheduled push request {} ({} orgs)", requestId, pushes.size());
                    }
                }, loop);
    }

    private CompletableFuture<String> requestStatus(String requestId) {
        return metrics.record(SalesforceGatewayMetrics.READ_PUSH_REQUEST, salesforce.queryAll(
                        "SELECT Status FROM PackagePushRequest WHERE Id = " + Soql.quote(requestId)))
                .thenApply(rows -> rows.isEmpty() ? null : rows.getFirst().path("Status").asText());
    }

    private void cancelEmptyRequest(String requestId) {
        metrics.record(SalesforceGatewayMetrics.CANCEL_PUSH_REQUEST,
                        salesforce.update("PackagePushRequest", requestId, Map.of("Status", "Canceled")))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        log.warn("Could not cancel the empty push request {}: {}", requestId, failure.getMessage());
                    }
                });
    }
}
