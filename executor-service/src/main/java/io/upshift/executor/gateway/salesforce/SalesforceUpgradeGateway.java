package io.upshift.executor.gateway.salesforce;

import io.upshift.executor.execution.domain.GatewayException;
import io.upshift.executor.execution.domain.UpgradeGateway;
import io.upshift.executor.execution.domain.UpgradeRequest;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.salesforce.SalesforceClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrades orgs through Salesforce's push-upgrade API on the ISV's packaging org. This class only
 * coordinates, on its one loop thread: {@link FormingBatches} gathers orgs of the same target
 * version, {@link JobAdoption} follows jobs that already exist, {@link PushRequests} creates,
 * fills and schedules a request for the rest (or cancels it), {@link JobWatcher} polls the jobs
 * until they finish, {@link PushErrors} turns what Salesforce says into results,
 * {@link InstalledVersions} answers installed-version lookups, {@link OrphanSweep} cancels requests
 * left {@code Created}; every call goes through {@link RetryingCalls}, paced by the
 * {@link ApiRequestBudget}.
 *
 * <p>All state lives on one thread (the gateway's loop); Salesforce calls are asynchronous, so
 * thousands of upgrades in flight cost one thread and a few objects each. Futures complete on that
 * loop thread: callers that block must continue on their own executor. See DESIGN.md beside this class.
 */
final class SalesforceUpgradeGateway implements UpgradeGateway, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SalesforceUpgradeGateway.class);

    private final SalesforceGatewayProperties.Push settings;
    private final ScheduledExecutorService loop;
    private final InstalledVersions installedVersions;
    private final FormingBatches batches;
    private final JobWatcher watcher;
    private final JobAdoption adoption;
    private final PushRequests requests;
    private final OrphanSweep orphans;
    /** The push under way per org and version; loop thread only. */
    private final Map<Push.OrgVersion, Push> pushes = new HashMap<>();

    SalesforceUpgradeGateway(SalesforceClient salesforce, SalesforceGatewayProperties.Push settings, Clock clock,
                             SalesforceGatewayMetrics metrics) {
        this.settings = settings;
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "salesforce-gateway");
            thread.setDaemon(true);
            return thread;
        });
        ApiRequestBudget budget = new ApiRequestBudget(salesforce, loop, settings.apiBudget(), metrics);
        RetryingCalls calls = new RetryingCalls(loop, clock, settings.retry(), budget, metrics);
        this.installedVersions = new InstalledVersions(salesforce, loop, settings.linger(), calls);
        this.watcher = new JobWatcher(salesforce, loop, settings.pollInterval(), calls, budget);
        this.requests = new PushRequests(salesforce, settings, clock, calls, watcher, this::adoptAgain);
        this.adoption = new JobAdoption(salesforce, calls, watcher, requests, settings.clockSkew());
        this.batches = new FormingBatches(loop, clock, settings.batchSize(), settings.linger(), this::send);
        this.orphans = new OrphanSweep(salesforce, calls, requests, clock, settings.orphans());
        budget.start();
        long poll = settings.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(watcher::poll, poll, poll, TimeUnit.MILLISECONDS);
        long sweep = settings.orphans().sweepInterval().toMillis();
        if (sweep > 0) {
            loop.scheduleWithFixedDelay(orphans::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        }
        metrics.watchedJobs(watcher::count);
    }

    @Override
    public CompletionStage<Optional<String>> installedVersion(String orgId, String packageId) {
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        String org = SalesforceQueries.normalize(orgId);
        submit(() -> installedVersions.lookUp(org, packageId, result), result);
        return result;
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
            result.completeExceptionally(PushErrors.stopped());
        }
    }

    private void accept(Push push) {
        orphans.pushes(push.request.packageVersionId());
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
        batches.add(push);
    }

    private void forget(Push push) {
        pushes.remove(push.key(), push);
        watcher.forget(push);
    }

    @Override
    public void campaignStopped(UUID campaignId) {
        if (campaignId != null) {
            submit(() -> stop(campaignId), new CompletableFuture<>());
        }
    }

    /**
     * Stops what this gateway holds of the campaign: pushes still forming end at once (no job exists);
     * each request whose open pushes all belong to stopped campaigns is canceled at Salesforce (only
     * Created and Pending can be; one In Progress is watched to its end); pushes on their way to a
     * request are canceled with it before it is scheduled.
     */
    private void stop(UUID campaignId) {
        List<Push> held = pushes.values().stream()
                .filter(p -> campaignId.equals(p.request.campaignId()) && !p.result.isDone()).toList();
        held.forEach(p -> p.campaignStopped = true);
        held.stream().filter(p -> !p.sent).forEach(p -> p.result.complete(PushErrors.campaignStopped(null)));
        Map<String, List<Push>> byRequest = pushes.values().stream()
                .filter(p -> p.requestId != null && !p.result.isDone())
                .collect(Collectors.groupingBy(p -> p.requestId, LinkedHashMap::new, Collectors.toList()));
        held.stream().map(p -> p.requestId).filter(Objects::nonNull).distinct().forEach(requestId -> {
            List<Push> onRequest = byRequest.getOrDefault(requestId, List.of());
            if (!onRequest.isEmpty() && onRequest.stream().allMatch(p -> p.campaignStopped)) {
                requests.cancelForStoppedCampaign(requestId, onRequest);
            }
        });
    }

    /** The re-check right before a request's jobs are inserted: the adoption step once more. */
    private CompletableFuture<List<Push>> adoptAgain(String packageVersionId, List<Push> batch, Instant deadline) {
        return adoption.adopt(packageVersionId, batch, deadline);
    }

    /** A complete batch: adopt the jobs that exist, push the other orgs in one new request. */
    private void send(FormingBatches.BatchKey key, List<Push> open) {
        open.forEach(p -> p.sent = true);
        adoption.adopt(key.packageVersionId(), open).whenCompleteAsync((toPush, failure) -> {
            if (failure != null) {
                PushErrors.failAll(open, failure);
            } else if (!toPush.isEmpty()) {
                requests.push(key, toPush);
            }
        }, loop);
    }

    /** Runs a sweep for orphaned requests now (tests; the loop runs one every sweep interval). */
    void sweepOrphans() {
        submit(orphans::sweep, new CompletableFuture<>());
    }

    /** Fails what is still open (a redelivered command adopts its job later) and stops the loop. */
    @Override
    public void close() {
        if (loop.isShutdown()) {
            return;
        }
        try {
            loop.submit(() -> {
                GatewayException stopped = PushErrors.stopped();
                new ArrayList<>(pushes.values()).forEach(p -> p.result.completeExceptionally(stopped));
                installedVersions.failForming(stopped);
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
        return watcher.count();
    }
}
