package io.upshift.executor.gateway.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.GatewayException;
import io.upshift.executor.execution.domain.UpgradeGateway;
import io.upshift.executor.execution.domain.UpgradeRequest;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.salesforce.ApiError;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.SalesforceException;
import io.upshift.salesforce.Soql;
import io.upshift.salesforce.TreeInsertResult;
import io.upshift.salesforce.TreeRecord;
import io.upshift.schemas.OrgIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrades orgs through Salesforce's push-upgrade API on the ISV's packaging org: orgs of the same
 * target version are gathered into one {@code PackagePushRequest}, their {@code PackagePushJob}s
 * inserted and the request scheduled; open requests are polled on one schedule and each org's
 * future completes when its job finishes, with the {@code PackagePushError} of a failed job.
 *
 * <p>Before pushing an org it adopts a job of the same org and version that already exists and
 * has not failed, so a redelivered command never pushes twice. All state lives on one thread (the
 * gateway's loop); Salesforce calls are asynchronous, so thousands of upgrades in flight cost one
 * thread and a few objects each. Futures complete on that loop thread: callers that block must
 * continue on their own executor. See DESIGN.md beside this class.
 */
final class SalesforceUpgradeGateway implements UpgradeGateway, AutoCloseable {

    /**
     * How the gateway batches and watches pushes.
     *
     * @param batchSize the most orgs in one push request (and one job insert)
     * @param linger how long a batch waits for more orgs
     * @param pollInterval how often open push requests are polled
     * @param insertAttempts tries of a job insert that failed inside Salesforce
     * @param insertBackoff the wait before the second try, doubled for each further one
     */
    record Settings(int batchSize, Duration linger, Duration pollInterval, int insertAttempts, Duration insertBackoff) {

        Settings {
            if (batchSize < 1 || batchSize > SalesforceClient.MAX_RECORDS_PER_REQUEST) {
                throw new IllegalArgumentException("batchSize must be 1 to 200");
            }
            Objects.requireNonNull(linger, "linger");
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(insertBackoff, "insertBackoff");
        }
    }

    /** {@code PackagePushError.ErrorType}s after which a new push may succeed. */
    static final Set<String> TRANSIENT_ERROR_TYPES = Set.of("LockingFailure", "LimitExceeded");
    /** The error type of an org whose push job Salesforce refused to insert. */
    static final String JOB_REJECTED = "PushJobRejected";
    /** The error type of a job canceled in Salesforce (someone canceled its push request). */
    static final String PUSH_CANCELED = "PushCanceled";

    private static final Logger log = LoggerFactory.getLogger(SalesforceUpgradeGateway.class);
    private static final String FINAL_STATUSES = "('Succeeded','Failed','Canceled','Cancelled')";
    private static final String NOT_FAILED = "('Failed','Canceled','Cancelled')";
    /** Ids per IN list: 200 18-character ids keep a query URL far below Salesforce's 16,384 characters. */
    private static final int IDS_PER_QUERY = 200;

    private final SalesforceClient salesforce;
    private final Settings settings;
    private final Clock clock;
    private final SalesforceGatewayMetrics metrics;
    private final ScheduledExecutorService loop;
    private final Map<String, String> versionNumbers = new ConcurrentHashMap<>();

    // Everything below is touched only on the loop thread.
    private final Map<OrgVersion, Push> pushes = new HashMap<>();
    private final Map<BatchKey, Batch> forming = new HashMap<>();
    private final Map<String, Push> watched = new HashMap<>();
    private final Map<String, LookupBatch> lookups = new HashMap<>();
    private boolean polling;
    private volatile int watchedCount;

    SalesforceUpgradeGateway(SalesforceClient salesforce, Settings settings, Clock clock,
                             SalesforceGatewayMetrics metrics) {
        this.salesforce = salesforce;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "salesforce-gateway");
            thread.setDaemon(true);
            return thread;
        });
        long poll = settings.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
        metrics.watchedJobs(() -> watchedCount);
    }

    // ------------------------------------------------------------------------------ installed version

    private record Lookup(String orgId, CompletableFuture<Optional<String>> result) {
    }

    private static final class LookupBatch {
        final List<Lookup> lookups = new ArrayList<>();
        ScheduledFuture<?> timer;
    }

    @Override
    public CompletionStage<Optional<String>> installedVersion(String orgId, String packageId) {
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        String org = normalize(orgId);
        submit(() -> {
            LookupBatch batch = lookups.computeIfAbsent(packageId, p -> new LookupBatch());
            batch.lookups.add(new Lookup(org, result));
            if (batch.lookups.size() >= IDS_PER_QUERY) {
                flushLookups(packageId);
            } else if (batch.timer == null) {
                batch.timer = loop.schedule(() -> flushLookups(packageId), settings.linger().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }, result);
        return result;
    }

    private void flushLookups(String packageId) {
        LookupBatch batch = lookups.remove(packageId);
        if (batch == null) {
            return;
        }
        if (batch.timer != null) {
            batch.timer.cancel(false);
        }
        Set<String> orgs = batch.lookups.stream().map(Lookup::orgId).collect(Collectors.toCollection(LinkedHashSet::new));
        String soql = "SELECT OrgKey, InstalledStatus, MetadataPackageVersionId FROM PackageSubscriber"
                + " WHERE MetadataPackageId = " + Soql.quote(packageId) + " AND OrgKey IN " + Soql.inList(orgs);
        metrics.record(SalesforceGatewayMetrics.FIND_INSTALLED_VERSIONS, salesforce.queryAll(soql))
                .thenCompose(rows -> {
                    Map<String, String> versionByOrg = new HashMap<>();
                    for (JsonNode row : rows) {
                        if ("i".equals(row.path("InstalledStatus").asText()) && row.hasNonNull("MetadataPackageVersionId")) {
                            versionByOrg.put(normalize(row.get("OrgKey").asText()), row.get("MetadataPackageVersionId").asText());
                        }
                    }
                    return versionNumbers(versionByOrg.values()).thenApply(numbers -> {
                        Map<String, String> installed = new HashMap<>();
                        versionByOrg.forEach((org, versionId) -> installed.put(org, numbers.get(versionId)));
                        return installed;
                    });
                })
                .whenCompleteAsync((installed, failure) -> {
                    for (Lookup lookup : batch.lookups) {
                        if (failure != null) {
                            lookup.result().completeExceptionally(gatewayException(failure));
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
        return metrics.record(SalesforceGatewayMetrics.READ_VERSIONS, salesforce.queryAll(soql)).thenApply(rows -> {
            for (JsonNode row : rows) {
                versionNumbers.put(row.get("Id").asText(), row.path("MajorVersion").asInt() + "."
                        + row.path("MinorVersion").asInt() + "." + row.path("PatchVersion").asInt());
            }
            return versionNumbers;
        });
    }

    // ----------------------------------------------------------------------------------- upgrading

    private record OrgVersion(String orgId, String packageVersionId) {
    }

    /** Target version and start bucket: orgs sharing both share a push request. Null start = as soon as possible. */
    private record BatchKey(String packageVersionId, Instant start) {
    }

    private static final class Batch {
        final List<Push> pushes = new ArrayList<>();
        ScheduledFuture<?> timer;
    }

    /** One org's push, from the command until its job finishes. */
    private static final class Push {
        final UpgradeRequest request;
        final String orgId;
        final CompletableFuture<UpgradeResult> result = new CompletableFuture<>();
        String jobId;
        String requestId;

        Push(UpgradeRequest request) {
            this.request = request;
            this.orgId = normalize(request.orgId());
        }

        OrgVersion key() {
            return new OrgVersion(orgId, request.packageVersionId());
        }
    }

    @Override
    public CompletionStage<UpgradeResult> upgrade(UpgradeRequest request) {
        Push push = new Push(request);
        submit(() -> accept(push), push.result);
        return push.result;
    }

    private void submit(Runnable task, CompletableFuture<?> result) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(stopped());
        }
    }

    private static GatewayException stopped() {
        return new GatewayException("GATEWAY_STOPPED", ErrorCategory.TRANSIENT,
                "The Salesforce gateway stopped before the push finished");
    }

    private void accept(Push push) {
        Push running = pushes.get(push.key());
        if (running != null && !running.result.isDone()) {
            // The same org and version is already being pushed by this gateway: follow that push.
            running.result.whenComplete((result, failure) -> {
                if (failure != null) {
                    push.result.completeExceptionally(failure);
                } else {
                    push.result.complete(result);
                }
            });
            return;
        }
        pushes.put(push.key(), push);
        push.result.whenCompleteAsync((result, failure) -> forget(push), loop);
        BatchKey key = new BatchKey(push.request.packageVersionId(), startBucket(push.request.notBefore()));
        Batch batch = forming.computeIfAbsent(key, k -> new Batch());
        batch.pushes.add(push);
        if (batch.pushes.size() >= settings.batchSize()) {
            flush(key);
        } else if (batch.timer == null) {
            batch.timer = loop.schedule(() -> flush(key), settings.linger().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void forget(Push push) {
        pushes.remove(push.key(), push);
        if (push.jobId != null) {
            watched.remove(push.jobId, push);
            watchedCount = watched.size();
        }
    }

    /**
     * A window already open starts as soon as possible; a later one at its opening, rounded up to
     * the minute so orgs opening within the same minute share a request and none starts early.
     */
    private Instant startBucket(Instant notBefore) {
        Instant soon = clock.instant().plus(settings.linger());
        if (notBefore == null || !notBefore.isAfter(soon)) {
            return null;
        }
        Instant minute = notBefore.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(notBefore) ? minute : minute.plus(1, ChronoUnit.MINUTES);
    }

    private void flush(BatchKey key) {
        Batch batch = forming.remove(key);
        if (batch == null) {
            return;
        }
        if (batch.timer != null) {
            batch.timer.cancel(false);
        }
        List<Push> open = batch.pushes.stream().filter(p -> !p.result.isDone()).toList();
        if (open.isEmpty()) {
            return;
        }
        findExistingJobs(key.packageVersionId(), open).whenCompleteAsync((existing, failure) -> {
            if (failure != null) {
                failAll(open, failure);
                return;
            }
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
            requestsToSchedule.forEach(requestId -> schedule(requestId, pushesOf(open, requestId)));
            if (!toPush.isEmpty()) {
                createRequest(key, toPush);
            }
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
                String org = normalize(row.path("SubscriberOrganizationKey").asText());
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
        watch(push, job.get("Id").asText(), job.path("PackagePushRequestId").asText());
        if ("Created".equals(job.path("PackagePushRequest").path("Status").asText())) {
            // A push built before a crash but never scheduled: schedule it now.
            requestsToSchedule.add(push.requestId);
        }
    }

    private void watch(Push push, String jobId, String requestId) {
        push.jobId = jobId;
        push.requestId = requestId;
        watched.put(jobId, push);
        watchedCount = watched.size();
    }

    private static List<Push> pushesOf(List<Push> pushes, String requestId) {
        return pushes.stream().filter(p -> requestId.equals(p.requestId)).toList();
    }

    private void createRequest(BatchKey key, List<Push> batch) {
        Instant start = key.start() != null ? key.start() : clock.instant();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("PackageVersionId", key.packageVersionId());
        fields.put("ScheduledStartTime", start);
        metrics.record(SalesforceGatewayMetrics.CREATE_PUSH_REQUEST, salesforce.create("PackagePushRequest", fields))
                .whenCompleteAsync((requestId, failure) -> {
                    if (failure != null) {
                        failAll(batch, failure);
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
                        SalesforceException e = salesforceException(failure);
                        if (e != null && e.isTransient() && attempt < settings.insertAttempts()) {
                            long wait = settings.insertBackoff().toMillis() << (attempt - 1);
                            log.warn("Inserting {} push jobs failed ({}); try {} of {} in {} ms", open.size(),
                                    e.errorCode(), attempt + 1, settings.insertAttempts(), wait);
                            loop.schedule(() -> insertJobs(requestId, open, attempt + 1), wait, TimeUnit.MILLISECONDS);
                            return;
                        }
                        // The tree insert is all-or-nothing: no job of this batch exists, the request is empty.
                        cancelEmptyRequest(requestId);
                        failAll(open, failure);
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
                watch(push, jobId, requestId);
                inserted.add(push);
            } else if (errors != null) {
                ApiError first = errors.getFirst();
                log.info("Salesforce refused a push job for org {}: {}", push.orgId, errors);
                push.result.complete(new UpgradeResult.Failed(JOB_REJECTED, ErrorCategory.PERMANENT,
                        first.message().isBlank() ? "Salesforce refused to push to this org" : first.message(),
                        errors.stream().map(ApiError::toString).collect(Collectors.joining("; "))));
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
    private void schedule(String requestId, List<Push> pushes) {
        metrics.record(SalesforceGatewayMetrics.SCHEDULE_PUSH_REQUEST,
                        salesforce.update("PackagePushRequest", requestId, Map.of("Status", "Pending")))
                .exceptionallyCompose(failure -> {
                    SalesforceException e = salesforceException(failure);
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
                        failAll(pushes, failure);
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

    // ------------------------------------------------------------------------------------- polling

    private void poll() {
        watched.values().removeIf(p -> p.result.isDone());
        watchedCount = watched.size();
        if (polling || watched.isEmpty()) {
            return;
        }
        polling = true;
        Set<String> requestIds = watched.values().stream().map(p -> p.requestId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<CompletableFuture<List<JsonNode>>> pages = new ArrayList<>();
        for (List<String> chunk : chunks(requestIds, IDS_PER_QUERY)) {
            String soql = "SELECT Id, SubscriberOrganizationKey, Status, PackagePushRequestId FROM PackagePushJob"
                    + " WHERE PackagePushRequestId IN " + Soql.inList(chunk) + " AND Status IN " + FINAL_STATUSES;
            pages.add(metrics.record(SalesforceGatewayMetrics.POLL_PUSH_JOBS, salesforce.queryAll(soql)));
        }
        allOf(pages)
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
        for (List<String> chunk : chunks(failed, IDS_PER_QUERY)) {
            String soql = "SELECT PackagePushJobId, ErrorSeverity, ErrorType, ErrorTitle, ErrorMessage, ErrorDetails"
                    + " FROM PackagePushError WHERE PackagePushJobId IN " + Soql.inList(chunk);
            pages.add(metrics.record(SalesforceGatewayMetrics.READ_PUSH_ERRORS, salesforce.queryAll(soql)));
        }
        return allOf(pages).thenApply(all -> all.stream().flatMap(List::stream)
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
                case "Failed" -> push.result.complete(failure(errorsByJob.getOrDefault(jobId, List.of())));
                default -> push.result.complete(new UpgradeResult.Failed(PUSH_CANCELED, ErrorCategory.PERMANENT,
                        "The push was canceled in Salesforce", "Push job " + jobId + " is " + status));
            }
        });
    }

    /** The org's result from its PackagePushError rows: the first of severity Error decides. */
    static UpgradeResult.Failed failure(List<JsonNode> errors) {
        if (errors.isEmpty()) {
            return new UpgradeResult.Failed("UnclassifiedError", ErrorCategory.PERMANENT,
                    "The push failed without an error from Salesforce", "");
        }
        JsonNode error = errors.stream().filter(e -> "Error".equalsIgnoreCase(e.path("ErrorSeverity").asText()))
                .findFirst().orElse(errors.getFirst());
        String type = error.path("ErrorType").asText("UnclassifiedError");
        String title = error.path("ErrorTitle").asText("");
        String message = error.path("ErrorMessage").asText("");
        String details = error.path("ErrorDetails").asText("");
        String detailText = details.isBlank() ? message : message.isBlank() ? details : message + "\n" + details;
        return new UpgradeResult.Failed(type, categoryOf(type), title.isBlank() ? message : title,
                errors.size() > 1 ? detailText + "\n(" + errors.size() + " errors reported)" : detailText);
    }

    /**
     * LockingFailure and LimitExceeded are worth another push later; everything else, including
     * UnclassifiedError and types this code does not know, is not: a push that failed for an unknown
     * reason is not retried automatically (it runs the subscriber's tests again and usually fails
     * the same way); a person can retry failed orgs from the planner.
     */
    static ErrorCategory categoryOf(String errorType) {
        return TRANSIENT_ERROR_TYPES.contains(errorType) ? ErrorCategory.TRANSIENT : ErrorCategory.PERMANENT;
    }

    private void pollFailed(Set<String> requestIds, Throwable failure) {
        SalesforceException e = salesforceException(failure);
        if (e != null && !e.isTransient()) {
            // A query Salesforce refuses will be refused every time: stop watching rather than poll forever.
            List<Push> affected = watched.values().stream().filter(p -> requestIds.contains(p.requestId)).toList();
            log.error("Polling push jobs failed for good; failing {} watched upgrades", affected.size(), e);
            failAll(affected, failure);
        } else {
            log.warn("Polling push jobs failed; trying again in {}: {}", settings.pollInterval(),
                    failure.getMessage());
        }
    }

    // -------------------------------------------------------------------------------------- helpers

    private void failAll(List<Push> pushes, Throwable failure) {
        GatewayException e = gatewayException(failure);
        for (Push push : pushes) {
            push.result.completeExceptionally(e);
        }
    }

    static GatewayException gatewayException(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof SalesforceException) && !(cause instanceof GatewayException)) {
            cause = cause.getCause();
        }
        if (cause instanceof GatewayException e) {
            return e;
        }
        if (cause instanceof SalesforceException e) {
            return new GatewayException(e.errorCode(), e.isTransient() ? ErrorCategory.TRANSIENT : ErrorCategory.PERMANENT,
                    e.getMessage(), e);
        }
        return new GatewayException("GATEWAY_ERROR", ErrorCategory.TRANSIENT, String.valueOf(cause.getMessage()), cause);
    }

    private static SalesforceException salesforceException(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof SalesforceException)) {
            cause = cause.getCause();
        }
        return (SalesforceException) cause;
    }

    private static String normalize(String orgId) {
        return OrgIds.normalize(orgId).orElse(orgId);
    }

    private static <T> List<List<T>> chunks(Collection<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (T item : items) {
            current.add(item);
            if (current.size() == size) {
                chunks.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> futures.stream().map(CompletableFuture::join).toList());
    }

    /** Fails what is still open (a redelivered command adopts its job later) and stops the loop. */
    @Override
    public void close() {
        if (loop.isShutdown()) {
            return;
        }
        try {
            loop.submit(() -> {
                GatewayException stopped = stopped();
                new ArrayList<>(pushes.values()).forEach(p -> p.result.completeExceptionally(stopped));
                lookups.values().forEach(b -> b.lookups.forEach(l -> l.result().completeExceptionally(stopped)));
                lookups.clear();
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("The Salesforce gateway did not stop cleanly: {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            loop.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "SalesforceUpgradeGateway[" + settings + "]";
    }

    /** For tests: how many jobs are watched now. */
    int watchedJobs() {
        return watchedCount;
    }
}
