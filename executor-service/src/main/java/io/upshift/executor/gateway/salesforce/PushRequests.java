package io.upshift.executor.gateway.salesforce;

import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.GatewayException;
import io.upshift.salesforce.ApiError;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.Soql;
import io.upshift.salesforce.TreeInsertResult;
import io.upshift.salesforce.TreeRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a push request, owned once per request (never per org): create it, insert its jobs
 * (dropping the orgs Salesforce refuses), set it {@code Pending}, each call tried again while it
 * fails transiently until the request's deadline — the earliest window end of its orgs, and at most
 * {@code schedule-timeout} after it began. A request that cannot be set {@code Pending} by then is
 * canceled, so none is left {@code Created}; one that turns out to be scheduled after all (a PATCH
 * answered 503 but applied) is watched, and its jobs give the orgs their real outcome. Each inserted
 * job is handed to the {@link JobWatcher}. Loop thread only.
 */
final class PushRequests {

    private static final Logger log = LoggerFactory.getLogger(PushRequests.class);

    private final SalesforceClient salesforce;
    private final SalesforceGatewayProperties.Push settings;
    private final Clock clock;
    private final RetryingCalls calls;
    private final JobWatcher watcher;
    private final SubscriberBlocks blocks;
    private final Recheck recheck;

    /** Looks for the jobs of these orgs for the version again, follows those found, answers the pushes still to make. */
    @FunctionalInterface
    interface Recheck {
        CompletableFuture<List<Push>> stillToPush(String packageVersionId, List<Push> pushes, Instant deadline);
    }

    PushRequests(SalesforceClient salesforce, SalesforceGatewayProperties.Push settings, Clock clock,
                 RetryingCalls calls, JobWatcher watcher, Recheck recheck) {
        this.salesforce = salesforce;
        this.settings = settings;
        this.clock = clock;
        this.calls = calls;
        this.watcher = watcher;
        this.blocks = new SubscriberBlocks(salesforce, calls);
        this.recheck = recheck;
    }

    /** Pushes the batch in one new request starting at the batch's start (or now). */
    void push(FormingBatches.BatchKey key, List<Push> pushes) {
        List<Push> batch = withoutStoppedCampaigns(pushes);
        if (batch.isEmpty()) {
            return;
        }
        Instant deadline = deadline(batch);
        blocks.withoutBlocked(batch, deadline).whenComplete((open, failure) -> {
            if (failure != null) {
                PushErrors.failAll(batch, failure);
            } else if (!open.isEmpty()) {
                create(key, open);
            }
        });
    }

    private void create(FormingBatches.BatchKey key, List<Push> batch) {
        Instant start = key.start() != null ? key.start() : clock.instant();
        Instant deadline = deadline(batch);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("PackageVersionId", key.packageVersionId());
        fields.put("ScheduledStartTime", start);
        calls.call(SalesforceGatewayMetrics.CREATE_PUSH_REQUEST, deadline,
                        () -> salesforce.create("PackagePushRequest", fields))
                .whenComplete((requestId, failure) -> {
                    if (failure != null) {
                        // Nothing was created, or a request whose answer was lost: the orphan sweep cancels that one.
                        PushErrors.failAll(batch, failure);
                    } else {
                        log.info("Created push request {} of {} orgs to {} starting {}", requestId, batch.size(),
                                batch.getFirst().request.targetVersion(), start);
                        recheckThenInsert(requestId, key.packageVersionId(), batch, deadline);
                    }
                });
    }

    /** The latest instant a request of these pushes may still be scheduled. */
    Instant deadline(List<Push> pushes) {
        Instant timeout = clock.instant().plus(settings.scheduleTimeout());
        return pushes.stream().map(p -> p.request.notAfter()).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).filter(end -> end.isBefore(timeout)).orElse(timeout);
    }

    /**
     * Looks for the orgs' jobs once more right before inserting (the zombie-executor guard): another
     * executor may have pushed them since this batch's adoption query (a pause, a hand-over of the
     * partition). Those found are followed; only the others get a job in this request.
     */
    private void recheckThenInsert(String requestId, String packageVersionId, List<Push> batch, Instant deadline) {
        List<Push> open = batch.stream().filter(p -> !p.result.isDone()).toList();
        if (open.isEmpty()) {
            cancel(requestId, () -> { });
            return;
        }
        recheck.stillToPush(packageVersionId, open, deadline).whenComplete((toPush, failure) -> {
            if (failure != null) {
                cancel(requestId, () -> { });
                PushErrors.failAll(open, failure);
            } else {
                insertJobs(requestId, toPush, deadline);
            }
        });
    }

    private void insertJobs(String requestId, List<Push> batch, Instant deadline) {
        List<Push> open = batch.stream().filter(p -> !p.result.isDone()).toList();
        if (open.isEmpty()) {
            cancel(requestId, () -> { });
            return;
        }
        List<TreeRecord> records = open.stream().map(p -> new TreeRecord(p.orgId, Map.of(
                "PackagePushRequestId", requestId, "SubscriberOrganizationKey", p.orgId))).toList();
        calls.call(SalesforceGatewayMetrics.INSERT_PUSH_JOBS, deadline,
                        () -> salesforce.insertTreeSkippingRejected("PackagePushJob", records))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        // The tree insert is all-or-nothing: no job of this batch exists, the request is empty.
                        cancel(requestId, () -> { });
                        PushErrors.failAll(open, failure);
                    } else {
                        jobsInserted(requestId, open, result, deadline);
                    }
                });
    }

    private void jobsInserted(String requestId, List<Push> batch, TreeInsertResult result, Instant deadline) {
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
            cancel(requestId, () -> { });
        } else if (inserted.stream().allMatch(p -> p.campaignStopped)) {
            // The campaign stopped while the request was being made: cancel it rather than schedule it.
            cancelForStoppedCampaign(requestId, inserted);
        } else {
            schedule(requestId, inserted, deadline);
        }
    }

    /**
     * Cancels a request whose pushes all belong to stopped campaigns; they complete as stopped once it is
     * canceled. A request already In Progress cannot be: its jobs stay watched and report their real outcome.
     */
    void cancelForStoppedCampaign(String requestId, List<Push> pushes) {
        log.info("Canceling push request {} ({} orgs): their campaign stopped", requestId, pushes.size());
        cancel(requestId, () -> pushes.forEach(p -> p.result.complete(PushErrors.campaignStopped(requestId))));
    }

    /** Completes the pushes whose campaign stopped before their request was made; the others. */
    private static List<Push> withoutStoppedCampaigns(List<Push> pushes) {
        pushes.stream().filter(p -> p.campaignStopped).forEach(p -> p.result.complete(PushErrors.campaignStopped(null)));
        return pushes.stream().filter(p -> !p.result.isDone()).toList();
    }

    /**
     * Sets the request's Status to Pending, trying again until the deadline. When that fails, the
     * request's status decides: no longer Created (someone, or the failed PATCH itself, scheduled it)
     * is fine, the jobs are watched; still Created, it is canceled and the orgs fail with the cause.
     */
    void schedule(String requestId, List<Push> pushes, Instant deadline) {
        calls.call(SalesforceGatewayMetrics.SCHEDULE_PUSH_REQUEST, deadline,
                        () -> salesforce.update("PackagePushRequest", requestId, Map.of("Status", "Pending")))
                .whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        log.info("Scheduled push request {} ({} orgs)", requestId, pushes.size());
                        return;
                    }
                    whenNotCreated(requestId, status -> log.info("Setting push request {} Pending failed ({}), but it"
                                    + " is {}: its jobs are watched", requestId,
                                    PushErrors.gatewayException(failure).errorCode(), status),
                            () -> cancel(requestId, () -> {
                                log.warn("Push request {} could not be set Pending ({}); canceled it", requestId,
                                        PushErrors.gatewayException(failure).errorCode());
                                PushErrors.failAll(pushes, PushErrors.notScheduled(failure, deadline));
                            }));
                });
    }

    /**
     * Cancels the request, trying again for {@code retry.cancel-for}; {@code canceled} runs once it is.
     * A request that moved on meanwhile (Pending, In Progress …) cannot be canceled: its jobs are watched.
     */
    void cancel(String requestId, Runnable canceled) {
        Instant deadline = clock.instant().plus(settings.retry().cancelFor());
        calls.call(SalesforceGatewayMetrics.CANCEL_PUSH_REQUEST, deadline,
                        () -> salesforce.update("PackagePushRequest", requestId, Map.of("Status", "Canceled")))
                .whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        canceled.run();
                        return;
                    }
                    status(requestId, deadline, status -> {
                        if ("Canceled".equals(status) || "Cancelled".equals(status)) {
                            canceled.run();
                        } else if ("Created".equals(status) || status == null) {
                            log.error("Push request {} stays {} after canceling failed ({}); the orphan sweep cancels it",
                                    requestId, status, failure.toString());
                        } else {
                            log.info("Push request {} is {} and can no longer be canceled; its jobs are watched",
                                    requestId, status);
                        }
                    });
                });
    }

    /** {@code notCreated} with the status when the request is no longer Created, else (or unknown) {@code created}. */
    private void whenNotCreated(String requestId, Consumer<String> notCreated, Runnable created) {
        status(requestId, clock.instant().plus(settings.retry().cancelFor()), status -> {
            if (status != null && !"Created".equals(status)) {
                notCreated.accept(status);
            } else {
                created.run();
            }
        });
    }

    private void status(String requestId, Instant deadline, Consumer<String> then) {
        calls.call(SalesforceGatewayMetrics.READ_PUSH_REQUEST, deadline, () -> salesforce.queryAll(
                        "SELECT Status FROM PackagePushRequest WHERE Id = " + Soql.quote(requestId)))
                .whenComplete((rows, failure) -> then.accept(failure != null || rows.isEmpty() ? null
                        : rows.getFirst().path("Status").asText()));
    }
}
