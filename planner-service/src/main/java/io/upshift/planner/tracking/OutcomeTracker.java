package io.upshift.planner.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.dispatch.DispatchSignal;
import io.upshift.planner.gate.WaveAdvancer;
import io.upshift.planner.inventory.jdbc.PushedVersions;
import io.upshift.planner.inventory.jdbc.PushedVersions.Pushed;
import io.upshift.planner.shared.metrics.PlannerMetrics;
import io.upshift.planner.tracking.domain.Outcome;
import io.upshift.planner.tracking.domain.OutcomeRules;
import io.upshift.planner.tracking.jdbc.OutcomeStore;
import io.upshift.planner.tracking.jdbc.OutcomeStore.Current;
import io.upshift.planner.tracking.jdbc.OutcomeStore.Issued;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of outcomes in one transaction: records each on its command (once — a
 * redelivered outcome changes nothing), moves the orgs' targets (each only from the state read) and their
 * waves' counters by deltas, without the campaign row lock (#21: outcome batches no longer queue
 * behind release rounds and each other). When the counters call for a gate decision or a wave
 * change, the campaign row is locked and the advancer runs right after the commit; every release
 * round runs the advancer under that lock before it releases anything, so a tripped gate still
 * stops releases before another command can leave (dispatch/DESIGN.md, "Tracking"). A SUCCEEDED
 * outcome also sets the org's installed version in the inventory, in the same transaction.
 */
@Service
public class OutcomeTracker {

    private static final Logger log = LoggerFactory.getLogger(OutcomeTracker.class);

    private final CampaignStore campaigns;
    private final WaveStore waves;
    private final OutcomeStore store;
    private final PushedVersions pushedVersions;
    private final WaveAdvancer advancer;
    private final DispatchSignal dispatch;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate transactions;
    private final Timer latency;

    OutcomeTracker(CampaignStore campaigns, WaveStore waves, OutcomeStore store, PushedVersions pushedVersions,
            WaveAdvancer advancer, DispatchSignal dispatch, Clock clock, MeterRegistry meters,
            PlatformTransactionManager transactionManager) {
        this.dispatch = dispatch;
        this.campaigns = campaigns;
        this.waves = waves;
        this.store = store;
        this.pushedVersions = pushedVersions;
        this.advancer = advancer;
        this.clock = clock;
        this.meters = meters;
        this.transactions = new TransactionTemplate(transactionManager);
        this.latency = Timer.builder(PlannerMetrics.OUTCOME_LATENCY)
                .description("From a command's release to its outcome being applied")
                .publishPercentileHistogram().register(meters);
    }

    /** What became of a batch. {@code rejectedAt} is the index of the first outcome that names a command we never issued, or -1. */
    public record Result(int rejectedAt, String rejection, int applied, int duplicates, int stale, int foreign) {
    }

    /**
     * Applies the outcomes up to (not including) the first one that cannot be ours: an outcome for
     * one of our campaigns whose command we never issued. Outcomes of campaigns we do not know are
     * someone else's (another environment sharing the topic) and are skipped.
     */
    public Result apply(List<Outcome> batch) {
        Applied applied = transactions.execute(status -> applyInTransaction(batch));
        if (applied == null) {
            return new Result(-1, null, 0, 0, 0, 0);
        }
        // a gate that decides or a wave that changes state: now, under the campaign lock, in its own
        // transaction (the outcomes are committed, so the advancer reads them; the loop would on its next round)
        for (UUID id : applied.toAdvance()) {
            transactions.executeWithoutResult(status -> campaigns.lock(id)
                    .ifPresent(c -> advancer.advance(c, clock.instant())));
        }
        if (applied.result().applied() > 0) {
            // orgs finished: there is room under the caps, and perhaps a wave passed
            dispatch.wake();
        }
        applied.recorded().forEach(r -> {
            Counter.builder(PlannerMetrics.OUTCOMES_APPLIED).description("Outcomes applied")
                    .tag("status", r.outcome().status().name())
                    .tag("category", r.outcome().errorCategory() == null ? "none"
                            : r.outcome().errorCategory().toLowerCase(Locale.ROOT))
                    .register(meters).increment();
            latency.record(Duration.between(r.issuedAt(), applied.at()).abs());
        });
        ignored("duplicate", applied.result().duplicates());
        ignored("stale", applied.result().stale());
        ignored("foreign_campaign", applied.result().foreign());
        return applied.result();
    }

    /**
     * The campaigns of the batch. Read without a lock: the targets (locked row by row) and the
     * command rows ({@code applied_at is null}) make the application exactly-once, and the wave
     * counters move by deltas. Only a batch with a CANCELED outcome locks its campaigns, as before:
     * whether such an org goes back in line depends on the campaign's state, which a person may be
     * changing (a cancel puts waiting orgs to CANCELED; a requeue after it would leave one waiting).
     */
    private Map<UUID, Campaign> campaignsOf(List<Outcome> batch) {
        boolean lock = batch.stream().anyMatch(o -> o.status() == TargetState.CANCELED);
        Map<UUID, Campaign> found = new LinkedHashMap<>();
        for (UUID id : new TreeSet<>(batch.stream().map(Outcome::campaignId).toList())) {
            (lock ? campaigns.lock(id) : campaigns.find(id)).ifPresent(c -> found.put(id, c));
        }
        return found;
    }

    private Applied applyInTransaction(List<Outcome> batch) {
        Map<UUID, Campaign> locked = campaignsOf(batch);
        // After the locks: a batch can wait for a campaign round to finish, and applied_at says when
        // the outcome really took effect (the latency benchmark measures release → applied by it).
        Instant now = clock.instant();
        Map<UUID, Issued> issued = store.issued(batch.stream().filter(o -> locked.containsKey(o.campaignId()))
                .map(Outcome::commandId).distinct().toList());
        List<Outcome> ours = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        int foreign = 0;
        int duplicates = 0;
        int rejectedAt = -1;
        String rejection = null;
        for (int i = 0; i < batch.size(); i++) {
            Outcome o = batch.get(i);
            if (!locked.containsKey(o.campaignId())) {
                foreign++;
                continue;
            }
            Issued command = issued.get(o.commandId());
            if (command == null || !command.campaignId().equals(o.campaignId()) || !command.orgId().equals(o.orgId())) {
                rejectedAt = i;
                rejection = "outcome for command " + o.commandId() + " of org " + o.orgId() + " in campaign "
                        + o.campaignId() + ": " + (command == null ? "no such command was issued"
                        : "the command was issued for org " + command.orgId() + " in campaign " + command.campaignId());
                break;
            }
            if (command.applied() || !seen.add(o.commandId())) {
                duplicates++;
                continue;
            }
            ours.add(o);
        }
        Set<UUID> recorded = new HashSet<>(ours.isEmpty() ? List.of() : store.record(ours, now));
        List<Outcome> fresh = ours.stream().filter(o -> recorded.contains(o.commandId())).toList();
        duplicates += ours.size() - fresh.size();
        Map<String, Current> targets = fresh.isEmpty() ? Map.of() : store.targets(fresh);
        List<Outcome> finished = new ArrayList<>();
        List<TargetState> finishedFrom = new ArrayList<>();
        List<Outcome> requeued = new ArrayList<>();
        List<TargetState> requeuedFrom = new ArrayList<>();
        Map<UUID, Map<Integer, WaveCounts>> deltas = new TreeMap<>();
        List<RecordedOutcome> applied = new ArrayList<>();
        int stale = 0;
        for (Outcome o : fresh) {
            Current current = targets.get(OutcomeStore.key(o.campaignId(), o.orgId()));
            Campaign campaign = locked.get(o.campaignId());
            OutcomeRules.Effect effect = current == null ? OutcomeRules.Effect.STALE
                    : OutcomeRules.decide(o.commandId(), current.commandId(), current.state(), o.status(),
                            campaign.state(), current.removed());
            applied.add(new RecordedOutcome(o, issued.get(o.commandId()).issuedAt()));
            switch (effect) {
                case APPLY -> {
                    finished.add(o);
                    finishedFrom.add(current.state());
                    deltas.computeIfAbsent(o.campaignId(), k -> new TreeMap<>()).merge(current.wave(),
                            WaveStore.move(current.state(), o.status(), 1), WaveCounts::plus);
                }
                case REQUEUE -> {
                    requeued.add(o);
                    requeuedFrom.add(current.state());
                    deltas.computeIfAbsent(o.campaignId(), k -> new TreeMap<>()).merge(current.wave(),
                            WaveStore.move(current.state(), TargetState.NOTIFIED, 1), WaveCounts::plus);
                }
                case STALE -> stale++;
            }
        }
        // Each target changes only if it is still in the state read above, the state its delta moves
        // from. Without the campaign lock a timeout sweep (or a person) may have changed one since:
        // then the whole batch rolls back and is applied again, reading the change (rare: an org timed
        // out in the very moment its outcome arrived).
        int moved = store.finish(finished, finishedFrom, now) + store.requeue(requeued, requeuedFrom, now);
        if (moved != finished.size() + requeued.size()) {
            throw new ConcurrencyFailureException((finished.size() + requeued.size() - moved) + " of the batch's "
                    + "targets changed while it was applied; applying it again");
        }
        // the org is on the campaign's target now: a new campaign for it must not count it again
        pushedVersions.record(finished.stream().filter(o -> o.status() == TargetState.SUCCEEDED)
                .map(o -> new Pushed(o.orgId(), locked.get(o.campaignId()).targetVersionId())).toList(), now);
        // last, and in (campaign, wave) order: the wave rows are the rows concurrent batches and
        // rounds share, so they are held only from here to the commit
        deltas.forEach(waves::add);
        List<UUID> toAdvance = new ArrayList<>();
        for (UUID id : deltas.keySet()) {
            if (advancer.wouldAdvance(locked.get(id), waves.list(id), now)) {
                toAdvance.add(id);
            }
        }
        if (rejectedAt >= 0) {
            log.warn("rejecting {}", rejection);
        }
        return new Applied(new Result(rejectedAt, rejection, finished.size() + requeued.size(), duplicates, stale,
                foreign), applied, now, toAdvance);
    }

    private void ignored(String reason, int n) {
        if (n > 0) {
            Counter.builder(PlannerMetrics.OUTCOMES_IGNORED).description("Outcomes that changed nothing")
                    .tag("reason", reason).register(meters).increment(n);
        }
    }

    private record RecordedOutcome(Outcome outcome, Instant issuedAt) {
    }

    private record Applied(Result result, List<RecordedOutcome> recorded, Instant at, List<UUID> toAdvance) {
    }
}
