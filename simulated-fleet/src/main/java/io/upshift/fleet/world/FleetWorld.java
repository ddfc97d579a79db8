package io.upshift.fleet.world;

import io.upshift.fleet.generator.SimulatedOrg;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated fleet of subscriber orgs that behaves like Salesforce's push upgrades: a push
 * starts a job per (org, version) that ends at a scheduled time, successfully or with a
 * {@code PackagePushError}; a second push of the same org and version while a job is live adopts
 * that job instead of starting another. State lives in PostgreSQL, so every executor replica —
 * in this JVM or another process — sees the same versions and the same job counts.
 *
 * <p>Cheap by construction: calls are queued and written in batches by a few writer threads (each
 * org belongs to one, so one org's calls stay in order), and a single timer thread ends jobs at
 * their finish time, so tens of thousands of pushes in flight cost a few hundred bytes each and no
 * thread of their own. Futures complete on the writer threads; callers must not block in their
 * callbacks.
 */
public final class FleetWorld implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetWorld.class);
    private static final int SQL_TRIES = 3;
    private static final Duration FINISH_RETRY = Duration.ofMillis(500);

    private final WorldSettings settings;
    private final PushScenario scenario;
    private final WorldStore store;
    private final Clock clock;
    /** One queue and one writer thread per shard; an org's operations always go to the same shard. */
    private final List<LinkedBlockingQueue<Op>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final Map<Long, LiveJob> live = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private volatile boolean closed;

    private FleetWorld(DataSource dataSource, WorldSettings settings, Clock clock) {
        this.settings = settings;
        this.scenario = settings.scenario();
        this.store = new WorldStore(dataSource, settings.schema());
        this.clock = clock;
        String name = "fleet-world-" + settings.schema() + "-" + Integer.toHexString(System.identityHashCode(this));
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name + "-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        for (int shard = 0; shard < settings.writers(); shard++) {
            LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
            Thread writer = new Thread(() -> writeLoop(queue), name + "-writer-" + shard);
            writer.setDaemon(true);
            queues.add(queue);
            writers.add(writer);
        }
    }

    /** Opens the world in its schema (created if missing) and starts its writer and timer. */
    public static FleetWorld open(DataSource dataSource, WorldSettings settings, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        FleetWorld world = new FleetWorld(dataSource, settings, clock);
        try {
            world.store.createSchema();
        } catch (SQLException e) {
            world.close();
            throw new IllegalStateException("cannot create the simulated fleet's tables in schema "
                    + settings.schema() + ": " + e.getMessage(), e);
        }
        world.writers.forEach(Thread::start);
        return world;
    }

    public WorldSettings settings() {
        return settings;
    }

    /**
     * Writes orgs in batches, as the generator describes them (version installed, beta, status,
     * pod); an org seeded again takes the new description and keeps its counters.
     *
     * @return how many orgs were written
     */
    public long seed(Stream<SimulatedOrg> orgs) {
        long written = 0;
        List<SimulatedOrg> batch = new ArrayList<>(settings.batchSize());
        Iterator<SimulatedOrg> iterator = orgs.iterator();
        try {
            while (iterator.hasNext()) {
                batch.add(iterator.next());
                if (batch.size() == settings.batchSize() || !iterator.hasNext()) {
                    store.seed(batch);
                    written += batch.size();
                    batch.clear();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the simulated fleet: " + e.getMessage(), e);
        }
        return written;
    }

    /**
     * The org's subscriber starts (or stops) blocking pushes of the package, as Salesforce's
     * PushUpgradeCustomization does: a push to a blocked org is refused with {@code BlockedBySubscriber}
     * and no job.
     */
    public void blockPushes(String orgId, boolean blocked) {
        try {
            store.blockPushes(orgId, blocked);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the org's push block: " + e.getMessage(), e);
        }
    }

    /**
     * The version installed in the org (empty when the package is not installed). An org the
     * world has never seen is registered with {@code assumedVersion} (the command's fromVersion)
     * on {@code instance}; with a null {@code assumedVersion} it counts as not installed.
     */
    public CompletableFuture<Optional<String>> installedVersion(String orgId, String assumedVersion, String instance) {
        return submit(new VersionQuery(orgId, assumedVersion, instance, new CompletableFuture<>()));
    }

    /**
     * Pushes the org to the order's version, or adopts the org's live job for that version, and
     * completes when the job ends. Completes exceptionally with {@link WorldUnavailableException}
     * when the call is refused (a simulated 503) or the database fails.
     */
    public CompletableFuture<PushOutcome> push(PushOrder order) {
        return submit(new PushRequest(order, new CompletableFuture<>()));
    }

    /** The succeeded job that {@code reference} started for this org and version, if there is one. */
    public CompletableFuture<Optional<PushOutcome>> finishedPush(String orgId, String targetVersion, UUID reference) {
        return submit(new PushLookup(orgId, targetVersion, reference, new CompletableFuture<>()));
    }

    /** Totals over every replica's work. */
    public WorldReport report() {
        try {
            return store.report();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the simulated fleet: " + e.getMessage(), e);
        }
    }

    /** The state of these orgs; orgs the world does not know are absent. */
    public Map<String, OrgState> orgStates(Collection<String> orgIds) {
        try {
            return store.orgStates(orgIds);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the simulated fleet: " + e.getMessage(), e);
        }
    }

    /**
     * When each push job of these orgs starts, earliest first: the instant Salesforce would begin it
     * (a scheduled start, or the call itself). What a test checks against windows and deadlines.
     */
    public Map<String, List<Instant>> pushStarts(Collection<String> orgIds) {
        try {
            return store.pushStarts(orgIds);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the simulated fleet: " + e.getMessage(), e);
        }
    }

    /** Jobs this instance is waiting on (started or adopted here, not ended yet). */
    public int jobsInFlight() {
        return live.size();
    }

    /**
     * Stops the writer and the timer. Calls not answered yet complete exceptionally; jobs in
     * progress stay in progress in the database, where another world adopts and ends them.
     */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        writers.forEach(Thread::interrupt);
        try {
            for (Thread writer : writers) {
                writer.join(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        WorldUnavailableException gone = new WorldUnavailableException("WorldClosed", "the simulated fleet was closed", null);
        for (LinkedBlockingQueue<Op> queue : queues) {
            Op op;
            while ((op = queue.poll()) != null) {
                op.fail(gone);
            }
        }
        live.values().forEach(job -> job.failWaiters(gone));
        live.clear();
    }

    private <T> CompletableFuture<T> submit(Op op) {
        if (closed) {
            op.fail(new WorldUnavailableException("WorldClosed", "the simulated fleet is closed", null));
        } else {
            queueOf(op.orgId()).add(op);
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> result = (CompletableFuture<T>) op.result();
        return result;
    }

    private LinkedBlockingQueue<Op> queueOf(String orgId) {
        return queues.get(Math.floorMod(orgId.hashCode(), queues.size()));
    }

    // --- the writer threads --------------------------------------------------------------------

    private void writeLoop(LinkedBlockingQueue<Op> queue) {
        List<Op> batch = new ArrayList<>(settings.batchSize());
        while (!closed) {
            try {
                Op first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.batchSize() - 1);
                process(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("simulated fleet: a batch failed unexpectedly", e);
                WorldUnavailableException failure = new WorldUnavailableException("WorldError", e.toString(), e);
                batch.forEach(op -> op.fail(failure));
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<Op> batch) {
        List<VersionQuery> queries = new ArrayList<>();
        List<PushRequest> pushes = new ArrayList<>();
        List<LiveJob> finishes = new ArrayList<>();
        List<PushLookup> lookups = new ArrayList<>();
        for (Op op : batch) {
            switch (op) {
                case VersionQuery q -> queries.add(q);
                case PushRequest p -> pushes.add(p);
                case Finish f -> finishes.add(f.job());
                case PushLookup l -> lookups.add(l);
            }
        }
        // Finishes first: a push queued behind a finish of the same org then sees the new version.
        if (!finishes.isEmpty()) {
            runFinishes(finishes);
        }
        if (!queries.isEmpty()) {
            inTransaction(queries, connection -> answerQueries(connection, queries));
        }
        if (!lookups.isEmpty()) {
            inTransaction(lookups, connection -> answerLookups(connection, lookups));
        }
        if (!pushes.isEmpty()) {
            inTransaction(pushes, connection -> startPushes(connection, pushes));
        }
    }

    private void answerQueries(Connection connection, List<VersionQuery> queries) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        queries.forEach(q -> ids.add(q.orgId()));
        Map<String, WorldStore.OrgRow> orgs = store.readOrgs(connection, ids);
        List<String[]> unknown = new ArrayList<>();
        for (VersionQuery q : queries) {
            if (!orgs.containsKey(q.orgId()) && q.assumedVersion() != null) {
                unknown.add(new String[] {q.orgId(), q.instance(), q.assumedVersion()});
            }
        }
        if (!unknown.isEmpty()) {
            store.registerAssumed(connection, unknown);
            orgs.putAll(store.readOrgs(connection, unknown.stream().map(u -> u[0]).toList()));
        }
        connection.commit();
        for (VersionQuery q : queries) {
            WorldStore.OrgRow org = orgs.get(q.orgId());
            q.result().complete(Optional.ofNullable(org == null ? null : org.installedVersion()));
        }
    }

    private void answerLookups(Connection connection, List<PushLookup> lookups) throws SQLException {
        Map<String, WorldStore.JobRow> succeeded = store.succeededJobs(connection,
                lookups.stream().map(PushLookup::orgId).distinct().toList());
        connection.commit();
        for (PushLookup lookup : lookups) {
            WorldStore.JobRow job = succeeded.get(WorldStore.key(lookup.orgId(), lookup.targetVersion()));
            boolean mine = job != null && Objects.equals(job.reference(), lookup.reference());
            lookup.result().complete(mine
                    ? Optional.of(new PushOutcome.Succeeded(job.jobId(), job.targetVersion()))
                    : Optional.empty());
        }
    }

    /** Everything a push batch decides before it writes, so a failed transaction can be retried from scratch. */
    private record Plan(PushRequest request, WorldStore.JobRow adopted, WorldStore.NewJob created,
            PushOutcome rejected, boolean refused) {
    }

    private void startPushes(Connection connection, List<PushRequest> pushes) throws SQLException {
        Instant now = clock.instant();
        Set<String> ids = new LinkedHashSet<>();
        List<String[]> assumed = new ArrayList<>();
        for (PushRequest p : pushes) {
            PushOrder order = p.order();
            ids.add(order.orgId());
            if (order.assumedVersion() != null) {
                assumed.add(new String[] {order.orgId(), order.instance(), order.assumedVersion()});
            }
        }
        store.registerAssumed(connection, assumed);
        Map<String, WorldStore.OrgRow> orgs = store.readOrgs(connection, ids);
        Map<String, WorldStore.JobRow> liveJobs = store.liveJobs(connection, ids);

        List<Plan> plans = new ArrayList<>(pushes.size());
        Map<String, Integer> ordinals = new HashMap<>();
        Map<String, WorldStore.NewJob> createdHere = new HashMap<>();
        List<WorldStore.NewJob> newJobs = new ArrayList<>();
        Map<String, Integer> refusedCalls = new HashMap<>();
        for (PushRequest p : pushes) {
            PushOrder order = p.order();
            String key = WorldStore.key(order.orgId(), order.targetVersion());
            WorldStore.JobRow existing = liveJobs.get(key);
            if (existing != null || createdHere.containsKey(key)) {
                plans.add(new Plan(p, existing, createdHere.get(key), null, false));
                continue;
            }
            WorldStore.OrgRow org = orgs.get(order.orgId());
            PushOutcome rejection = rejection(org, order);
            if (rejection != null) {
                plans.add(new Plan(p, null, null, rejection, false));
                continue;
            }
            int ordinal = ordinals.merge(order.orgId(), 1, Integer::sum) - 1 + org.pushJobs();
            if (scenario.refusesCall(order.orgId(), order.targetVersion(), ordinal,
                    org.refusedCalls() + refusedCalls.getOrDefault(order.orgId(), 0))) {
                ordinals.merge(order.orgId(), -1, Integer::sum);
                refusedCalls.merge(order.orgId(), 1, Integer::sum);
                plans.add(new Plan(p, null, null, null, true));
                continue;
            }
            String instance = org.instance() != null ? org.instance() : order.instance();
            PushDecision decision = scenario.decide(order.orgId(), instance, order.targetVersion(), ordinal);
            Instant start = order.notBefore() != null && order.notBefore().isAfter(now) ? order.notBefore() : now;
            WorldStore.NewJob job = new WorldStore.NewJob(order.orgId(), order.targetVersion(), order.reference(),
                    now, start, start.plus(decision.latency()), decision.failure());
            createdHere.put(key, job);
            newJobs.add(job);
            plans.add(new Plan(p, null, job, null, false));
        }

        Map<String, Long> inserted = store.insertJobs(connection, newJobs);
        Map<String, Integer> started = new HashMap<>();
        List<String> lostRaces = new ArrayList<>();
        for (WorldStore.NewJob job : newJobs) {
            if (inserted.containsKey(WorldStore.key(job.orgId(), job.targetVersion()))) {
                started.merge(job.orgId(), 1, Integer::sum);
            } else {
                lostRaces.add(job.orgId());
            }
        }
        // Another replica inserted a live job for the same org and version between our read and our insert.
        Map<String, WorldStore.JobRow> raced = lostRaces.isEmpty() ? Map.of() : store.liveJobs(connection, lostRaces);
        store.count(connection, started, refusedCalls);

        List<Long> dueNow = new ArrayList<>();
        for (WorldStore.NewJob job : newJobs) {
            Long id = inserted.get(WorldStore.key(job.orgId(), job.targetVersion()));
            if (id != null && !job.finishAt().isAfter(now)) {
                dueNow.add(id);
            }
        }
        store.finish(connection, dueNow, now);
        connection.commit();

        Set<Long> finishedNow = new java.util.HashSet<>(dueNow);
        for (Plan plan : plans) {
            CompletableFuture<PushOutcome> result = plan.request().result();
            if (plan.refused()) {
                result.completeExceptionally(new WorldUnavailableException(WorldUnavailableException.SERVICE_UNAVAILABLE,
                        "503 Service Unavailable: the simulated Salesforce instance refused the call", null));
            } else if (plan.rejected() != null) {
                result.complete(plan.rejected());
            } else {
                String key = WorldStore.key(plan.request().order().orgId(), plan.request().order().targetVersion());
                WorldStore.JobRow job = plan.adopted();
                if (job == null) {
                    Long id = inserted.get(key);
                    job = id != null ? rowOf(id, plan.created()) : raced.get(key);
                }
                if (job == null) {
                    result.completeExceptionally(new WorldUnavailableException("JobVanished",
                            "the live job of " + key + " ended before it could be adopted; try again", null));
                } else {
                    follow(job, finishedNow.contains(job.jobId()), result);
                }
            }
        }
    }

    /** Why the org cannot be pushed to the order's version (no job starts), or null when it can. */
    static PushOutcome rejection(WorldStore.OrgRow org, PushOrder order) {
        String reason = null;
        if (org == null || org.installedVersion() == null) {
            reason = "The package is not installed in the org";
        } else if ("INACTIVE".equals(org.status())) {
            reason = "The org is inactive and cannot be pushed to";
        } else if (org.pushBlocked()) {
            return new PushOutcome.Refused(PushOutcome.Refused.BLOCKED_BY_SUBSCRIBER,
                    "The subscriber blocks push upgrades of this package",
                    "The org's PushUpgradeCustomization blocks pushes; no push job was started");
        } else if (org.beta()) {
            reason = "A beta version (" + org.installedVersion() + ") is installed; beta versions cannot be upgraded";
        } else if (Versions.compare(org.installedVersion(), order.targetVersion()) >= 0) {
            reason = "Version " + org.installedVersion() + " is installed; pushes never downgrade or repeat a version";
        }
        return reason == null ? null
                : new PushOutcome.Failed(0, PushErrorType.INELIGIBLE_UPGRADE, PushErrorType.INELIGIBLE_UPGRADE.title(), reason);
    }

    private static WorldStore.JobRow rowOf(long id, WorldStore.NewJob job) {
        PushErrorType failure = job.failure();
        return new WorldStore.JobRow(id, job.orgId(), job.targetVersion(), job.reference(), WorldStore.IN_PROGRESS,
                job.finishAt(), failure == null ? null : failure.salesforceName(),
                failure == null ? null : failure.title(), failure == null ? null : failure.details());
    }

    /** Completes {@code result} when the job ends: now if it has ended, else at its finish time. */
    private void follow(WorldStore.JobRow job, boolean endedNow, CompletableFuture<PushOutcome> result) {
        PushOutcome outcome = outcomeOf(job);
        if (endedNow || !WorldStore.IN_PROGRESS.equals(job.status())) {
            result.complete(outcome);
            return;
        }
        LiveJob liveJob = live.computeIfAbsent(job.jobId(), id -> new LiveJob(id, job.orgId(), job.finishAt(), outcome));
        boolean first = liveJob.addWaiter(result);
        if (first) {
            scheduleFinish(liveJob, Duration.between(clock.instant(), job.finishAt()));
        }
    }

    private void scheduleFinish(LiveJob job, Duration delay) {
        try {
            timer.schedule(() -> queueOf(job.orgId()).add(new Finish(job)), Math.max(0, delay.toMillis()),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            job.failWaiters(new WorldUnavailableException("WorldClosed", "the simulated fleet was closed", e));
        }
    }

    private static PushOutcome outcomeOf(WorldStore.JobRow job) {
        if (job.errorType() == null) {
            return new PushOutcome.Succeeded(job.jobId(), job.targetVersion());
        }
        PushErrorType type = PushErrorType.fromName(job.errorType()).orElse(PushErrorType.UNCLASSIFIED_ERROR);
        return new PushOutcome.Failed(job.jobId(), type, job.errorTitle(), job.errorDetails());
    }

    private void runFinishes(List<LiveJob> jobs) {
        List<Long> ids = jobs.stream().map(LiveJob::jobId).toList();
        try {
            withRetries(connection -> {
                store.finish(connection, ids, clock.instant());
                connection.commit();
            });
        } catch (SQLException e) {
            // The job ends in the database sooner or later; its waiters keep waiting meanwhile.
            log.warn("simulated fleet: cannot end {} jobs yet ({}); retrying", ids.size(), e.getMessage());
            jobs.forEach(job -> scheduleFinish(job, FINISH_RETRY));
            return;
        }
        for (LiveJob job : jobs) {
            live.remove(job.jobId());
            job.completeWaiters();
        }
    }

    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    private void inTransaction(List<? extends Op> ops, SqlWork work) {
        try {
            withRetries(work);
        } catch (SQLException e) {
            log.warn("simulated fleet: {} calls failed: {}", ops.size(), e.getMessage());
            WorldUnavailableException failure = new WorldUnavailableException("DatabaseUnavailable",
                    "the simulated fleet's database failed: " + e.getMessage(), e);
            ops.forEach(op -> op.fail(failure));
        }
    }

    /** Runs the work in a transaction, again from the start after a deadlock or serialisation failure. */
    private void withRetries(SqlWork work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = store.connection()) {
                connection.setAutoCommit(false);
                try {
                    store.preferCustomPlans(connection);
                    work.run(connection);
                    return;
                } catch (SQLException e) {
                    connection.rollback();
                    String state = e.getSQLState();
                    boolean retryable = state != null && state.startsWith("40");
                    if (!retryable || attempt >= SQL_TRIES) {
                        throw e;
                    }
                }
            }
        }
    }

    // --- queued operations ---------------------------------------------------------------------

    private sealed interface Op permits VersionQuery, PushRequest, Finish, PushLookup {
        CompletableFuture<?> result();

        String orgId();

        default void fail(Throwable failure) {
            CompletableFuture<?> result = result();
            if (result != null) {
                result.completeExceptionally(failure);
            }
        }
    }

    private record VersionQuery(String orgId, String assumedVersion, String instance,
            CompletableFuture<Optional<String>> result) implements Op {
    }

    private record PushRequest(PushOrder order, CompletableFuture<PushOutcome> result) implements Op {
        @Override
        public String orgId() {
            return order.orgId();
        }
    }

    private record PushLookup(String orgId, String targetVersion, UUID reference,
            CompletableFuture<Optional<PushOutcome>> result) implements Op {
    }

    private record Finish(LiveJob job) implements Op {
        @Override
        public CompletableFuture<?> result() {
            return null;
        }

        @Override
        public String orgId() {
            return job.orgId();
        }
    }

    /** A job this world waits on, with everyone who asked for it. */
    private static final class LiveJob {
        private final long jobId;
        private final String orgId;
        private final Instant finishAt;
        private final PushOutcome outcome;
        private final List<CompletableFuture<PushOutcome>> waiters = new ArrayList<>(1);

        LiveJob(long jobId, String orgId, Instant finishAt, PushOutcome outcome) {
            this.jobId = jobId;
            this.orgId = orgId;
            this.finishAt = finishAt;
            this.outcome = outcome;
        }

        long jobId() {
            return jobId;
        }

        String orgId() {
            return orgId;
        }

        synchronized boolean addWaiter(CompletableFuture<PushOutcome> waiter) {
            waiters.add(waiter);
            return waiters.size() == 1;
        }

        void completeWaiters() {
            List<CompletableFuture<PushOutcome>> copy;
            synchronized (this) {
                copy = List.copyOf(waiters);
            }
            copy.forEach(waiter -> waiter.complete(outcome));
        }

        void failWaiters(Throwable failure) {
            List<CompletableFuture<PushOutcome>> copy;
            synchronized (this) {
                copy = List.copyOf(waiters);
            }
            copy.forEach(waiter -> waiter.completeExceptionally(failure));
        }

        @Override
        public String toString() {
            return "job " + jobId + " ending " + finishAt;
        }
    }
}
