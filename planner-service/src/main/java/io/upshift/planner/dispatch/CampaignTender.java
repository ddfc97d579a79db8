package io.upshift.planner.dispatch;

import io.upshift.planner.campaign.domain.CancelCodes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.TargetStore;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.campaign.kafka.CampaignEvents;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.dispatch.jdbc.DispatchStore;
import io.upshift.planner.gate.WaveAdvancer;
import io.upshift.planner.planning.Rescheduler;
import io.upshift.planner.shared.metrics.PlannerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One round of the campaign loop for one campaign, in one transaction with the campaign row locked
 * ({@code FOR UPDATE SKIP LOCKED}: a campaign another replica or an outcome batch is working on is
 * skipped this round). In order: start it when due; once per sweep interval, mark orgs whose
 * outcome is overdue TIMED_OUT and move orgs of started waves whose window closed unreleased to
 * their next window after the notice period (with a RESCHEDULED notice; a wave that has not started
 * keeps its orgs' promised windows until it does); once the campaign's deadline passed, cancel the
 * orgs still waiting ({@link DeadlineKeeper}); let gates and waves move on; release commands; and once
 * per sweep interval re-project the finish of a campaign with a deadline (AT_RISK, BACK_ON_TRACK).
 */
@Component
class CampaignTender {

    private final CampaignStore campaigns;
    private final WaveStore waves;
    private final DispatchStore store;
    private final Dispatcher dispatcher;
    private final WaveAdvancer advancer;
    private final CampaignEvents events;
    private final TargetStore targets;
    private final Rescheduler rescheduler;
    private final DeadlineKeeper deadlines;
    private final DispatchProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate transactions;
    /** When each campaign's time-based sweeps are next due. */
    private final Map<UUID, Instant> sweepsDue = new ConcurrentHashMap<>();

    CampaignTender(CampaignStore campaigns, WaveStore waves, DispatchStore store, Dispatcher dispatcher,
            WaveAdvancer advancer, CampaignEvents events, TargetStore targets, Rescheduler rescheduler,
            DeadlineKeeper deadlines, DispatchProperties properties, Clock clock,
            MeterRegistry meters, PlatformTransactionManager transactionManager) {
        this.campaigns = campaigns;
        this.waves = waves;
        this.store = store;
        this.dispatcher = dispatcher;
        this.advancer = advancer;
        this.events = events;
        this.targets = targets;
        this.rescheduler = rescheduler;
        this.deadlines = deadlines;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Tends one campaign; returns the commands released (0 also when another replica holds it). */
    int tend(UUID id) {
        Integer released = transactions.execute(status -> {
            Optional<Campaign> locked = campaigns.tryLock(id);
            if (locked.isEmpty()) {
                return 0;
            }
            Campaign campaign = locked.get();
            Instant now = clock.instant();
            if (campaign.state().canStart() && campaign.startsAt() != null && !now.isBefore(campaign.startsAt())) {
                campaign = start(campaign, now);
            }
            List<Wave> current = waves.list(id);
            // first, and not held back to the sweep interval: once the deadline passed, every org still waiting
            // ends DeadlinePassed and is told so (before the window sweep would cancel those whose window closed
            // at it), and no wave starts for orgs left waiting
            boolean changed = deadlines.cancelAtDeadline(campaign, current, now);
            if (changed) {
                current = waves.list(id);
            }
            boolean swept = sweepDue(id, now);
            if (swept) {
                changed |= timeOut(campaign, current, now);
                if (campaign.state() == CampaignState.RUNNING) {
                    changed |= reschedule(campaign, current, now);
                }
            }
            if (changed) {
                current = waves.list(id);
            }
            Campaign advanced = advancer.advance(campaign, current, now);
            if (advanced != campaign) {
                campaign = advanced;
            }
            int count = dispatcher.release(campaign, waves.list(id), now);
            if (swept) {
                deadlines.watch(campaign, waves.list(id), now);
            }
            return count;
        });
        return released == null ? 0 : released;
    }

    /** Whether this campaign's time-based sweeps are due (at most once per sweep interval). */
    private boolean sweepDue(UUID id, Instant now) {
        Instant due = sweepsDue.get(id);
        if (due != null && now.isBefore(due)) {
            return false;
        }
        sweepsDue.put(id, now.plus(properties.sweepInterval()));
        return true;
    }

    /** Forgets the sweep times of campaigns no longer tended (finished, or tended by another replica). */
    void tendingOnly(Collection<UUID> ids) {
        sweepsDue.keySet().retainAll(Set.copyOf(ids));
    }

    private Campaign start(Campaign campaign, Instant now) {
        Campaign running = campaigns.update(campaign.started(now), now);
        WaveCounts totals = waves.list(campaign.id()).stream().map(Wave::counts).reduce(WaveCounts.ZERO, WaveCounts::plus);
        events.emit(running, CampaignEvents.Type.STARTED, null, totals, null, now);
        return running;
    }

    private boolean timeOut(Campaign campaign, List<Wave> current, Instant now) {
        if (current.stream().noneMatch(w -> w.counts().dispatched() > 0)) {
            return false;
        }
        List<Integer> timedOut = store.timeOut(campaign.id(), now, properties.maxTimeoutsPerRound(),
                "no outcome within the org timeout of " + campaign.spec().orgTimeout());
        if (timedOut.isEmpty()) {
            return false;
        }
        Map<Integer, WaveCounts> deltas = new HashMap<>();
        timedOut.forEach(w -> deltas.merge(w, WaveStore.move(TargetState.DISPATCHED, TargetState.TIMED_OUT, 1),
                WaveCounts::plus));
        waves.add(campaign.id(), deltas);
        Counter.builder(PlannerMetrics.TARGETS_TIMED_OUT).description("Orgs marked TIMED_OUT by the planner")
                .tag("campaign", campaign.id().toString()).register(meters).increment(timedOut.size());
        return true;
    }

    /**
     * Orgs of started waves whose window closed unreleased move to their next window. Orgs of a wave
     * that has not started stay as they were promised while it waits (for approval, or for a wave
     * before it), however many of their windows pass: they move once, when their wave starts.
     */
    private boolean reschedule(Campaign campaign, List<Wave> current, Instant now) {
        List<Integer> started = current.stream().filter(w -> w.state() != WaveState.PENDING).map(Wave::number)
                .toList();
        if (started.isEmpty()) {
            return false;
        }
        List<TargetStore.Org> expired = targets.expired(campaign.id(), started, now,
                properties.maxReschedulesPerRound());
        if (expired.isEmpty()) {
            return false;
        }
        Rescheduler.Moves moves = rescheduler.start(campaign, now,
                (orgIds, starts, ends, noticeIds) -> targets.moveWindows(campaign.id(), orgIds, starts, ends, noticeIds, now));
        List<String> lost = new ArrayList<>();
        List<String> pastDeadline = new ArrayList<>();
        Map<Integer, WaveCounts> deltas = new HashMap<>();
        for (TargetStore.Org org : expired) {
            Rescheduler.MoveResult result = moves.tryMove(org);
            if (!result.moved()) {
                (result == Rescheduler.MoveResult.NO_WINDOW_BEFORE_DEADLINE ? pastDeadline : lost).add(org.orgId());
                moves.canceled(org);
                deltas.merge(org.wave(), WaveStore.move(TargetState.NOTIFIED, TargetState.CANCELED, 1), WaveCounts::plus);
            }
        }
        int moved = moves.finish();
        if (moved > 0) {
            Counter.builder(PlannerMetrics.TARGETS_RESCHEDULED).description("Orgs moved to their next window")
                    .tag("campaign", campaign.id().toString()).register(meters).increment(moved);
        }
        if (!lost.isEmpty() || !pastDeadline.isEmpty()) {
            store.cancelWithoutWindow(campaign.id(), lost, now);
            store.cancelUnreleased(campaign.id(), pastDeadline, CancelCodes.DEADLINE_PASSED,
                    "no window is left that ends by the campaign's deadline of "
                            + campaign.spec().schedule().deadline(), now);
            waves.add(campaign.id(), deltas);
        }
        return true;
    }
}
