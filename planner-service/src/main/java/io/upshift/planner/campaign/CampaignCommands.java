package io.upshift.planner.campaign;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.FourEyes;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.TargetVersion;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.LifecycleStore;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.campaign.kafka.CampaignEvents;
import io.upshift.planner.dispatch.DispatchSignal;
import io.upshift.planner.gate.WaveAdvancer;
import io.upshift.planner.gate.domain.Gate;
import io.upshift.planner.gate.domain.GateRule;
import io.upshift.planner.gate.domain.WaveCounts;
import io.upshift.planner.gate.domain.WaveState;
import io.upshift.planner.outbox.Outbox;
import io.upshift.planner.outbox.OutgoingMessage;
import io.upshift.planner.planning.Planner;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.planning.domain.MaintenanceWindow;
import io.upshift.planner.planning.domain.TimeWindow;
import io.upshift.planner.planning.domain.WindowPlanner;
import io.upshift.planner.planning.kafka.Notices;
import io.upshift.planner.shared.domain.ConflictException;
import io.upshift.planner.shared.domain.ForbiddenException;
import java.time.Clock;
import java.time.DateTimeException;
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
 * What people do to a running campaign: pause, resume, cancel, approve the next wave, retry failed
 * orgs. Each locks the campaign row, checks the state machine (409 with the current state) and the
 * version the caller read (If-Match), and commits the change with its messages.
 */
@Service
public class CampaignCommands {

    private final CampaignStore store;
    private final WaveStore waves;
    private final LifecycleStore lifecycle;
    private final CampaignLifecycle scheduling;
    private final CampaignService campaigns;
    private final CampaignEvents events;
    private final WaveAdvancer advancer;
    private final Outbox outbox;
    private final Planner planner;
    private final PlanningProperties planning;
    private final DispatchSignal dispatch;
    private final Clock clock;
    private final TransactionTemplate transactions;

    CampaignCommands(CampaignStore store, WaveStore waves, LifecycleStore lifecycle, CampaignLifecycle scheduling,
            CampaignService campaigns, CampaignEvents events, WaveAdvancer advancer, Outbox outbox, Planner planner,
            PlanningProperties planning, DispatchSignal dispatch, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.waves = waves;
        this.lifecycle = lifecycle;
        this.scheduling = scheduling;
        this.campaigns = campaigns;
        this.events = events;
        this.advancer = advancer;
        this.outbox = outbox;
        this.planner = planner;
        this.planning = planning;
        this.dispatch = dispatch;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** RUNNING → PAUSED: no new commands; orgs in flight finish and their outcomes still count. */
    public Campaign pause(UUID id, Integer expectedVersion, String reason) {
        return transactions.execute(status -> {
            Campaign campaign = scheduling.lockForChange(id, expectedVersion);
            if (!campaign.state().canBePaused()) {
                throw CampaignLifecycle.illegal("pause", campaign);
            }
            Instant now = clock.instant();
            Campaign paused = store.update(with(campaign, CampaignState.PAUSED, reason == null ? "paused" : reason, null), now);
            events.emit(paused, CampaignEvents.Type.PAUSED, null, totals(id), reason, now);
            return paused;
        });
    }

    /**
     * PAUSED or HALTED → RUNNING. A halted wave runs again, and its gate judges only what finishes
     * from now on (a person looked at the failures and decided to go on).
     */
    public Campaign resume(UUID id, Integer expectedVersion) {
        return transactions.execute(status -> {
            Campaign campaign = scheduling.lockForChange(id, expectedVersion);
            if (!campaign.state().canBeResumed()) {
                throw CampaignLifecycle.illegal("resume", campaign);
            }
            Instant now = clock.instant();
            GateRule rule = campaign.spec().gate();
            List<Wave> halted = waves.list(id).stream().filter(w -> w.state() == WaveState.HALTED).toList();
            for (Wave wave : halted) {
                waves.resume(id, wave.number(), new Gate.Baseline(wave.counts().finished(), wave.counts().failures(rule)));
            }
            Campaign running = store.update(with(campaign, CampaignState.RUNNING, null, null), now);
            events.emit(running, CampaignEvents.Type.RESUMED, null, totals(id),
                    campaign.state() == CampaignState.HALTED ? "resumed after a halt" : null, now);
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
            Campaign campaign = scheduling.lockForChange(id, expectedVersion);
            if (!campaign.state().canBeCanceled()) {
                throw CampaignLifecycle.illegal("cancel", campaign);
            }
            Instant now = clock.instant();
            String why = reason == null ? "canceled" : reason;
            if (campaign.state() != CampaignState.DRAFT) {
                TargetVersion target = campaigns.target(campaign);
                String support = support(campaign);
                List<OutgoingMessage> notices = new ArrayList<>(planning.batchSize());
                lifecycle.forEach(id, TargetState.WAITING, null, null, org -> {
                    notices.add(Notices.notice(UUID.randomUUID(), Notices.Kind.CANCELED, campaign, recipient(org),
                            new TimeWindow(org.plannedStart(), org.plannedEnd()), target.releaseNotesUrl(), support));
                    if (notices.size() >= planning.batchSize()) {
                        outbox.append(notices);
                        notices.clear();
                    }
                });
                outbox.append(notices);
                lifecycle.cancelWaiting(id, why, now);
                waves.recount(id);
            }
            Campaign canceled = store.update(with(campaign, CampaignState.CANCELED, why, now), now);
            events.emit(canceled, CampaignEvents.Type.CANCELED, null, totals(id), why, now);
            return canceled;
        });
    }

    /**
     * Starts the wave waiting for approval (optionally naming which, to be sure it is the one
     * meant). The campaign's creator cannot approve its first production wave ({@link FourEyes}).
     */
    public Campaign approve(UUID id, Integer expectedVersion, Integer wave, String approvedBy) {
        return transactions.execute(status -> {
            Campaign campaign = scheduling.lockForChange(id, expectedVersion);
            if (!campaign.state().canApprove()) {
                throw CampaignLifecycle.illegal("approve a wave of", campaign);
            }
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
            // approving changes what the campaign will do next: a new version, so stale If-Match loses
            Campaign approved = store.update(campaign, now);
            Campaign advanced = advancer.advance(approved, now);
            wakeDispatchAfterCommit();
            return advanced;
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
     * Retries failed or timed-out orgs: each gets its next window from now (the advance notice was
     * given already, so no notice period applies), a RESCHEDULED notice, and — once released — a new
     * command with a new command id and the next attempt number.
     */
    public Retried retry(UUID id, Integer expectedVersion, RetrySelection selection) {
        Retried retried = transactions.execute(status -> {
            Campaign campaign = scheduling.lockForChange(id, expectedVersion);
            if (!campaign.state().canRetry()) {
                throw CampaignLifecycle.illegal("retry the failed orgs of", campaign);
            }
            Instant now = clock.instant();
            TargetVersion target = campaigns.target(campaign);
            String support = support(campaign);
            WindowPlanner windows = planner.windowPlanner(campaign.spec());
            boolean respect = campaign.spec().schedule().respectMaintenanceWindows();
            GateRule rule = campaign.spec().gate();
            Batch batch = new Batch();
            Map<Integer, int[]> perWave = new HashMap<>();
            lifecycle.forEach(id, selection.states(), selection.wave(), selection.orgIds(), org -> {
                Optional<TimeWindow> next;
                try {
                    next = windows.firstWindow(respect ? MaintenanceWindow.of(org.timeZone(), org.days(),
                            org.windowStart(), org.windowEnd()) : MaintenanceWindow.ALWAYS_OPEN, now);
                } catch (DateTimeException badZone) {
                    next = Optional.empty();
                }
                if (next.isEmpty()) {
                    return;
                }
                UUID noticeId = UUID.randomUUID();
                batch.add(org.orgId(), next.get(), noticeId, Notices.notice(noticeId, Notices.Kind.RESCHEDULED, campaign,
                        recipient(org), next.get(), target.releaseNotesUrl(), support));
                int[] counts = perWave.computeIfAbsent(org.wave(), w -> new int[2]);
                counts[0]++;
                counts[1] += rule.counts(org.state()) ? 1 : 0;
                if (batch.size() >= planning.batchSize()) {
                    batch.flush(id, now);
                }
            });
            int total = batch.total + batch.size();
            batch.flush(id, now);
            if (total == 0) {
                return new Retried(campaign, 0);
            }
            waves.recount(id);
            // the retried orgs' old results leave the wave's counts; they leave the gate's baseline too
            for (Wave wave : waves.list(id)) {
                int[] counts = perWave.get(wave.number());
                if (counts != null && (wave.baseline().finished() > 0 || wave.baseline().failures() > 0)) {
                    waves.setBaseline(id, wave.number(), new Gate.Baseline(
                            Math.max(0, wave.baseline().finished() - counts[0]),
                            Math.max(0, wave.baseline().failures() - counts[1])));
                }
            }
            Campaign changed = store.update(campaign, now);
            wakeDispatchAfterCommit();
            return new Retried(changed, total);
        });
        return retried;
    }

    /** Retried orgs gathered for one COPY of notices and one update. */
    private final class Batch {
        private final List<String> orgIds = new ArrayList<>();
        private final List<Instant> starts = new ArrayList<>();
        private final List<Instant> ends = new ArrayList<>();
        private final List<UUID> noticeIds = new ArrayList<>();
        private final List<OutgoingMessage> notices = new ArrayList<>();
        private int total;

        void add(String orgId, TimeWindow window, UUID noticeId, OutgoingMessage notice) {
            orgIds.add(orgId);
            starts.add(window.start());
            ends.add(window.end());
            noticeIds.add(noticeId);
            notices.add(notice);
        }

        int size() {
            return orgIds.size();
        }

        void flush(UUID campaignId, Instant now) {
            if (orgIds.isEmpty()) {
                return;
            }
            lifecycle.retry(campaignId, orgIds, starts, ends, noticeIds, now);
            outbox.append(notices);
            total += orgIds.size();
            orgIds.clear();
            starts.clear();
            ends.clear();
            noticeIds.clear();
            notices.clear();
        }
    }

    private void wakeDispatchAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatch.wake();
            }
        });
    }

    private String support(Campaign campaign) {
        return campaign.spec().supportContact() != null ? campaign.spec().supportContact() : planning.supportContact();
    }

    private static Notices.Recipient recipient(LifecycleStore.Org org) {
        return new Notices.Recipient(org.orgId(), org.orgName(), org.timeZone(), org.recipients(), org.locale(),
                org.fromVersion());
    }

    private WaveCounts totals(UUID id) {
        return waves.list(id).stream().map(Wave::counts).reduce(WaveCounts.ZERO, WaveCounts::plus);
    }

    private static Campaign with(Campaign c, CampaignState state, String reason, Instant finishedAt) {
        return new Campaign(c.id(), c.spec(), c.packageName(), c.targetVersionId(), state, c.version(), c.createdAt(),
                c.updatedAt(), c.scheduledAt(), c.startsAt(), c.startedAt(),
                finishedAt == null ? c.finishedAt() : finishedAt, reason);
    }
}
