package io.upshift.planner.operations;

import io.upshift.planner.campaign.domain.CancelCodes;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.FourEyes;
import io.upshift.planner.campaign.domain.GateBaseline;
import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.PackageCatalog;
import io.upshift.planner.campaign.jdbc.TargetStore;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.campaign.kafka.CampaignEvents;
import io.upshift.planner.dispatch.DispatchSignal;
import io.upshift.planner.gate.WaveAdvancer;
import io.upshift.planner.outbox.Outbox;
import io.upshift.planner.planning.Cancellations;
import io.upshift.planner.planning.Rescheduler;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.planning.kafka.Notices;
import io.upshift.planner.shared.domain.ConflictException;
import io.upshift.planner.shared.domain.ForbiddenException;
import io.upshift.planner.shared.domain.TimeWindow;
import io.upshift.planner.shared.domain.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What people do to a campaign once it is scheduled: pause, resume, cancel, approve the next wave,
 * retry failed orgs, remove one org. Each locks the campaign row, checks the version the caller read (If-Match),
 * lets the {@link Campaign} aggregate check its state machine (409 with the current state), and
 * commits the change with its messages.
 */
@Service
public class CampaignControls {

    private final CampaignStore store;
    private final WaveStore waves;
    private final TargetStore targets;
    private final PackageCatalog catalog;
    private final CampaignEvents events;
    private final WaveAdvancer advancer;
    private final Outbox outbox;
    private final Rescheduler rescheduler;
    private final Cancellations cancellations;
    private final PlanningProperties planning;
    private final DispatchSignal dispatch;
    private final Clock clock;
    private final TransactionTemplate transactions;

    CampaignControls(CampaignStore store, WaveStore waves, TargetStore targets, PackageCatalog catalog,
            CampaignEvents events, WaveAdvancer advancer, Outbox outbox, Rescheduler rescheduler,
            Cancellations cancellations, PlanningProperties planning, DispatchSignal dispatch, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.waves = waves;
        this.targets = targets;
        this.catalog = catalog;
        this.events = events;
        this.advancer = advancer;
        this.outbox = outbox;
        this.rescheduler = rescheduler;
        this.cancellations = cancellations;
        this.planning = planning;
        this.dispatch = dispatch;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * RUNNING → PAUSED: no new commands; orgs in flight finish and their outcomes still count.
     * SCHEDULED → PAUSED: the campaign does not start until a person resumes it.
     */
    public Campaign pause(UUID id, Integer expectedVersion, String reason) {
        return transactions.execute(status -> {
            Campaign campaign = store.lockForChange(id, expectedVersion);
            Instant now = clock.instant();
            Campaign paused = store.update(campaign.paused(reason), now);
            events.emit(paused, CampaignEvents.Type.PAUSED, null, totals(id), reason, now);
            return paused;
        });
    }

    /**
     * PAUSED or HALTED → RUNNING. A halted wave runs again, and its gate judges only what finishes
     * from now on (a person looked at the failures and decided to go on). A campaign paused before
     * it started is SCHEDULED again: the campaign loop starts it when due, and orgs whose window
     * passed meanwhile are moved (with one notice each) when their wave starts.
     */
    public Campaign resume(UUID id, Integer expectedVersion) {
        return transactions.execute(status -> {
            Campaign campaign = store.lockForChange(id, expectedVersion);
            Campaign resumed = campaign.resumed();
            Instant now = clock.instant();
            List<Wave> halted = waves.list(id).stream().filter(w -> w.state() == WaveState.HALTED).toList();
            GateRule rule = campaign.spec().gate();
            for (Wave wave : halted) {
                waves.resume(id, wave.number(), new GateBaseline(wave.counts().finished(), wave.counts().failures(rule)));
            }
            Campaign running = store.update(resumed, now);
            events.emit(running, CampaignEvents.Type.RESUMED, null, totals(id),
                    campaign.state() == CampaignState.HALTED ? "resumed after a halt"
                            : running.state() == CampaignState.SCHEDULED ? "resumed before its start" : null, now);
            for (Wave wave : halted) {
                events.emit(running, CampaignEvents.Type.WAVE_STARTED, wave.number(), wave.counts(),
                        "resumed after a halt", now);
            }
            Campaign advanced = advancer.advance(running, now);
            wakeDispatchAfterCommit();
            return advanced;
        });
    }

    /**
     * Any non-final state → CANCELED: no new commands; orgs already released finish; every org not
     * released yet becomes CANCELED and is told so (SubscriberNotice CANCELED).
     */
    public Campaign cancel(UUID id, Integer expectedVersion, String reason) {
        return transactions.execute(status -> {
            Campaign campaign = store.lockForChange(id, expectedVersion);
            Instant now = clock.instant();
            Campaign canceled = campaign.canceled(reason, now);
            if (campaign.state() != CampaignState.DRAFT) {
                cancellations.cancelWaiting(campaign, CancelCodes.CAMPAIGN_CANCELED, canceled.stateReason(), now);
            }
            Campaign stored = store.update(canceled, now);
            events.emit(stored, CampaignEvents.Type.CANCELED, null, totals(id), stored.stateReason(), now);
            return stored;
        });
    }

    /**
     * Starts the wave waiting for approval (optionally naming which, to be sure it is the one
     * meant). The campaign's creator cannot approve its first production wave ({@link FourEyes}).
     */
    public Campaign approve(UUID id, Integer expectedVersion, Integer wave, String approvedBy) {
        return transactions.execute(status -> {
            Campaign campaign = store.lockForChange(id, expectedVersion).approved();
            List<Wave> all = waves.list(id);
            Optional<Wave> waiting = all.stream().filter(Wave::awaitingApproval).findFirst();
            if (waiting.isEmpty()) {
                throw new ConflictException("no wave of campaign " + id + " is waiting for approval",
                        campaign.state().name());
            }
            if (wave != null && wave != waiting.get().number()) {
                throw new ConflictException("wave " + waiting.get().number() + " is waiting for approval, not wave "
                        + wave, campaign.state().name());
            }
            FourEyes.objection(campaign, all, waiting.get(), approvedBy).ifPresent(objection -> {
                throw new ForbiddenException("four-eyes", objection);
            });
            Instant now = clock.instant();
            waves.approve(id, waiting.get().number(), approvedBy, now);
            Campaign approved = store.update(campaign, now);
            Campaign advanced = advancer.advance(approved, now);
            wakeDispatchAfterCommit();
            return advanced;
        });
    }

    /**
     * Removes one org from a scheduled, running, paused or halted campaign, for a reason. A waiting org
     * ends CANCELED with the reason and its subscriber is told (SubscriberNotice CANCELED). An org
     * already released stays in flight until its outcome: the executors are told (CampaignEvent
     * ORG_REMOVED) and cancel its command if they have not started it — the org then ends CANCELED
     * with the reason; a push already under way finishes and its outcome is what counts. An org the
     * planner timed out is handled the same way (its command may still wait in an executor). 409 for
     * an org that has finished or was removed already.
     */
    public Campaign remove(UUID id, Integer expectedVersion, String orgId, String reason, String by) {
        return transactions.execute(status -> {
            Campaign campaign = store.lockForChange(id, expectedVersion).orgRemoved();
            TargetStore.Org org = targets.find(id, orgId).orElseThrow(() ->
                    new NotFoundException("org of campaign " + id + ":", orgId));
            Instant now = clock.instant();
            boolean waiting = org.state().isWaiting();
            boolean inFlight = org.state() == TargetState.DISPATCHED || org.state() == TargetState.TIMED_OUT;
            if ((!waiting && !inFlight) || !targets.remove(id, orgId, org.state(), reason, by, now)) {
                throw new ConflictException("org " + orgId + " of campaign " + id + " cannot be removed: it is "
                        + org.state() + (waiting || inFlight ? " and was removed already" : ", finished already"),
                        campaign.state().name());
            }
            if (waiting) {
                waves.add(id, Map.of(org.wave(), WaveStore.move(org.state(), TargetState.CANCELED, 1)));
                outbox.append(List.of(Notices.notice(UUID.randomUUID(), Notices.Kind.CANCELED, campaign,
                        Notices.recipient(org), new TimeWindow(org.plannedStart(), org.plannedEnd()),
                        catalog.target(campaign.spec()).releaseNotesUrl(), planning.supportContactOf(campaign.spec()))));
            } else {
                events.emitOrgRemoved(campaign, orgId, org.wave(), reason, now);
            }
            Campaign changed = store.update(campaign, now);
            wakeDispatchAfterCommit();
            return changed;
        });
    }

    /** Which orgs to retry: FAILED and/or TIMED_OUT, optionally of one wave or only the listed orgs. */
    public record RetrySelection(Set<TargetState> states, Integer wave, List<String> orgIds) {

        public RetrySelection {
            states = states == null || states.isEmpty() ? TargetState.RETRYABLE : Set.copyOf(states);
            if (!TargetState.RETRYABLE.containsAll(states)) {
                throw new IllegalArgumentException("only FAILED and TIMED_OUT orgs can be retried");
            }
            orgIds = orgIds == null ? List.of() : List.copyOf(orgIds);
        }
    }

    /** The campaign after a retry, and how many orgs were put back in line. */
    public record Retried(Campaign campaign, int retried) {
    }

    /**
     * Retries failed or timed-out orgs: each gets its next window no sooner than the notice period
     * (the subscriber is told again, and has as long as with the first notice), a RESCHEDULED notice,
     * and — once released — a new command with a new command id and the next attempt number. A wave
     * that had passed runs again for them, so its gate judges them; a COMPLETED campaign runs again
     * ({@code RESUMED}) and completes when they end. Refused (409) once the campaign's deadline has passed.
     */
    public Retried retry(UUID id, Integer expectedVersion, RetrySelection selection) {
        return transactions.execute(status -> {
            Campaign campaign = store.lockForChange(id, expectedVersion).retried(0);
            Instant now = clock.instant();
            Instant deadline = campaign.spec().schedule().deadline();
            if (deadline != null && !now.isBefore(deadline)) {
                // a retried org would get a window after the deadline: the campaign promised "done by"
                throw new ConflictException("cannot retry the failed orgs of campaign " + id + ": its deadline "
                        + deadline + " has passed, and no push may start after it", campaign.state().name());
            }
            GateRule rule = campaign.spec().gate();
            Rescheduler.Moves moves = rescheduler.start(campaign, now,
                    (orgIds, starts, ends, noticeIds) -> targets.retry(id, orgIds, starts, ends, noticeIds, now));
            Map<Integer, int[]> perWave = new HashMap<>();
            targets.forEach(id, selection.states(), selection.wave(), selection.orgIds(), planning.batchSize(), org -> {
                if (moves.move(org)) {
                    int[] counts = perWave.computeIfAbsent(org.wave(), w -> new int[2]);
                    counts[0]++;
                    counts[1] += rule.counts(org.state()) ? 1 : 0;
                }
            });
            int total = moves.finish();
            if (total == 0) {
                return new Retried(campaign, 0);
            }
            waves.recount(id);
            // the retried orgs' old results leave the wave's counts; they leave the gate's baseline too
            List<Wave> reopened = new ArrayList<>();
            for (Wave wave : waves.list(id)) {
                int[] counts = perWave.get(wave.number());
                if (counts != null && (wave.baseline().finished() > 0 || wave.baseline().failures() > 0)) {
                    waves.setBaseline(id, wave.number(), new GateBaseline(
                            Math.max(0, wave.baseline().finished() - counts[0]),
                            Math.max(0, wave.baseline().failures() - counts[1])));
                }
                if (counts != null && wave.state() == WaveState.PASSED) {
                    waves.start(id, wave.number(), now);
                    reopened.add(wave);
                }
            }
            Campaign changed = store.update(campaign.retried(total), now);
            if (campaign.state() == CampaignState.COMPLETED) {
                events.emit(changed, CampaignEvents.Type.RESUMED, null, totals(id), changed.stateReason(), now);
            }
            for (Wave wave : reopened) {
                events.emit(changed, CampaignEvents.Type.WAVE_STARTED, wave.number(), wave.counts(),
                        "retrying " + perWave.get(wave.number())[0] + " orgs", now);
            }
            wakeDispatchAfterCommit();
            return new Retried(changed, total);
        });
    }

    private void wakeDispatchAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatch.wake();
            }
        });
    }

    private WaveCounts totals(UUID id) {
        return waves.list(id).stream().map(Wave::counts).reduce(WaveCounts.ZERO, WaveCounts::plus);
    }
}
