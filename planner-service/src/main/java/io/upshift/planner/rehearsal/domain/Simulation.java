package io.upshift.planner.rehearsal.domain;

import io.upshift.fleet.world.PushErrorType;
import io.upshift.fleet.world.PushScenario;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.dispatch.domain.ReleaseLimits;
import io.upshift.planner.dispatch.domain.ReleaseSituation;
import io.upshift.planner.dispatch.domain.Releases;
import io.upshift.planner.gate.domain.WaveProgression;
import io.upshift.planner.gate.domain.WaveProgression.Step;
import io.upshift.planner.planning.domain.UpgradeWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * One run of a rehearsal under a simulated clock: a discrete-event loop of dispatcher rounds. Each
 * round does what the live campaign loop does, with the live rules: outcomes due by now are applied
 * to the waves' counts; {@link WaveProgression#decide} (gates, soak, approvals, halts, completion)
 * says what happens to the waves; orgs whose window opened queue in release order (least slack
 * first); {@link Releases#budget}, {@link Releases#instanceRoom} and {@link Releases#choose} say whom
 * the caps let go; a window that closed unreleased moves to the org's next one ({@link UpgradeWindows}).
 * The clock jumps from round to round as the live loop's passes do: an outcome or an approval wakes it
 * (never sooner than the loop's wake-up spacing after the last pass), a window, the end of a soak or the
 * deadline is seen on its timed pass (never sooner than the dispatcher's interval).
 *
 * <p>Draws come from the simulated fleet's {@link PushScenario} (failure by type, pod and version,
 * refused calls) and from a hash of the seed and the org for what the twin adds (a push's duration around
 * the org's own, chronic orgs, backoff jitter): the same seed gives the same run, in any order and on any thread.
 */
public final class Simulation {

    private static final long HORIZON_MS = Duration.ofDays(400).toMillis();
    private static final int MAX_REFUSED_CALLS = 64;

    private final Prepared p;
    private final Twin twin;
    private final long seed;
    private final PushScenario scenario;

    // per org
    private final byte[] state;
    private final long[] winStart;
    private final long[] winEnd;
    private final long[] releaseBy;
    private final int[] ordinal;
    // per wave
    private final WaveCounts[] counts;
    private final WaveState[] waveState;
    private final long[] started;
    private final long[] ended;
    private final long[] approvalDueAt;
    private final boolean[] approvalRequested;
    private final boolean[] approved;

    private final IntHeap waiting;
    private final IntHeap openAll;
    private final List<IntHeap> openByInstance;
    private final PriorityQueue<long[]> outcomes = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final InFlight flight;

    private final Map<String, Integer> failuresByType = new TreeMap<>();
    private final Map<String, Integer> failuresByPod = new TreeMap<>();
    private final Map<String, Integer> emails = new TreeMap<>();
    private int haltedWave;
    private int exposed;
    private boolean deadlineHandled;
    /** Something the wave progression reads changed since it last ran (counts, an approval, the deadline). */
    private boolean dirty = true;

    private static final byte PENDING = 0;
    private static final byte DISPATCHED = 1;
    private static final byte DONE = 2;

    Simulation(Prepared prepared, Twin twin, long seed) {
        this.p = prepared;
        this.twin = twin;
        this.seed = seed;
        this.scenario = new PushScenario(seed, twin.spread(), twin.failures(), 1.0);
        int n = p.size();
        state = new byte[n];
        winStart = p.winStart.clone();
        winEnd = p.winEnd.clone();
        releaseBy = p.releaseBy.clone();
        ordinal = new int[n];
        int w = p.waves.size();
        counts = new WaveCounts[w];
        waveState = new WaveState[w];
        started = new long[w];
        ended = new long[w];
        approvalDueAt = new long[w];
        approvalRequested = new boolean[w];
        approved = new boolean[w];
        for (int i = 0; i < w; i++) {
            int size = p.waveOrgs.get(i).length;
            counts[i] = new WaveCounts(size, size, 0, 0, 0, 0, 0, 0);
            waveState[i] = WaveState.PENDING;
            started[i] = -1;
            ended[i] = -1;
            approvalDueAt[i] = Long.MAX_VALUE;
        }
        waiting = new IntHeap(winStart, p.rank);
        openAll = new IntHeap(releaseBy, p.rank);
        openByInstance = new ArrayList<>();
        for (int i = 0; i < p.instances.length; i++) {
            openByInstance.add(new IntHeap(releaseBy, p.rank));
        }
        flight = new InFlight(p);
        email("ADVANCE_NOTICE", n);
    }

    RunResult run() {
        RehearsalPlan.Rules rules = p.plan.rules();
        long now = 0;
        long end = -1;
        long interval = rules.roundInterval().toMillis();
        long spacing = rules.wakeUpSpacing().toMillis();
        while (now <= HORIZON_MS) {
            for (int w = 0; w < approvalDueAt.length; w++) {
                if (approvalDueAt[w] <= now) {
                    approved[w] = true;
                    approvalDueAt[w] = Long.MAX_VALUE;
                    dirty = true;
                }
            }
            while (!outcomes.isEmpty() && outcomes.peek()[0] <= now) {
                finish(outcomes.poll());
            }
            boolean deadlinePassed = p.deadlineMs != null && now >= p.deadlineMs;
            if (deadlinePassed && !deadlineHandled) {
                cancelUnreleased();
            }
            if (haltedWave == 0 && (dirty || soakEnded(now))) {
                // the progression decides from counts, approvals and the clock: unchanged, it decides nothing new
                dirty = false;
                boolean completed = progress(now, deadlinePassed);
                if (completed) {
                    end = now;
                    break;
                }
                if (haltedWave > 0) {
                    end = now;
                }
            }
            if (haltedWave > 0) {
                // nothing more is released; what is in flight still ends, and its failures count
                if (outcomes.isEmpty()) {
                    break;
                }
                now = outcomes.peek()[0];
                continue;
            }
            boolean capped = false;
            if (!deadlinePassed) {
                openWindows(now);
                capped = release(now);
            }
            long next = nextRound(now, capped, interval, spacing);
            if (next == Long.MAX_VALUE) {
                break; // stalled: nothing can happen any more (e.g. a wave no window ever opens for)
            }
            now = next;
        }
        int succeeded = 0;
        int failed = 0;
        int timedOut = 0;
        int canceled = 0;
        for (WaveCounts c : counts) {
            succeeded += c.succeeded();
            failed += c.failed();
            timedOut += c.timedOut();
            canceled += c.canceled();
        }
        return new RunResult(seed, end, haltedWave, exposed, started, ended, succeeded, failed, timedOut, canceled,
                failuresByType, failuresByPod, emails);
    }

    /** The live gate's wave progression; true when the campaign completed. */
    private boolean progress(long now, boolean deadlinePassed) {
        RehearsalPlan.Rules rules = p.plan.rules();
        List<WaveProgression.WaveStatus> statuses = new ArrayList<>(counts.length);
        for (int w = 0; w < counts.length; w++) {
            statuses.add(p.waves.get(w).status().at(waveState[w], counts[w],
                    started[w] < 0 ? null : p.instant(started[w]), approvalRequested[w], approved[w]));
        }
        List<Step> steps = WaveProgression.decide(new WaveProgression.Input(CampaignState.RUNNING,
                rules.approvalRequired(), rules.minimumWaveDuration(), rules.gate(), statuses, p.instant(now),
                rules.urgent(), deadlinePassed));
        for (Step step : steps) {
            switch (step) {
                case Step.HaltWave halt -> {
                    int w = p.index(halt.wave());
                    waveState[w] = WaveState.HALTED;
                    ended[w] = now;
                    haltedWave = halt.wave();
                    exposed = counts[w].dispatched() + counts[w].finished();
                    email("HALTED_REPORT", 1);
                    return false;
                }
                case Step.PassWave pass -> {
                    int w = p.index(pass.wave());
                    waveState[w] = WaveState.PASSED;
                    ended[w] = now;
                    email("WAVE_PASSED_REPORT", 1);
                }
                case Step.StartWave start -> {
                    int w = p.index(start.wave());
                    waveState[w] = WaveState.RUNNING;
                    started[w] = now;
                    for (int org : p.waveOrgs.get(w)) {
                        if (state[org] == PENDING) {
                            if (winStart[org] <= now && winEnd[org] > now) {
                                open(org); // open already: straight to the release queue
                            } else {
                                waiting.add(org);
                            }
                        }
                    }
                }
                case Step.RequestApproval request -> {
                    int w = p.index(request.wave());
                    approvalRequested[w] = true;
                    approvalDueAt[w] = now + rules.approvalDelay().toMillis();
                    email("APPROVAL_REQUEST", 1);
                }
                case Step.Complete complete -> {
                    email("CAMPAIGN_ENDED_REPORT", 1);
                    return true;
                }
            }
        }
        return false;
    }

    /** A running wave with nothing left in flight or waiting has soaked long enough to pass. */
    private boolean soakEnded(long now) {
        long soak = p.plan.rules().minimumWaveDuration().toMillis();
        for (int w = 0; w < counts.length; w++) {
            if (waveState[w] == WaveState.RUNNING && counts[w].allTerminal() && now >= started[w] + soak) {
                return true;
            }
        }
        return false;
    }

    /** Orgs of running waves whose window opened join the release queue. */
    private void openWindows(long now) {
        while (!waiting.isEmpty() && winStart[waiting.peek()] <= now) {
            open(waiting.poll());
        }
    }

    private void open(int org) {
        (p.perInstance ? openByInstance.get(p.instanceOf[org]) : openAll).add(org);
    }

    /** One dispatcher round; true when orgs whose window is open were left waiting for the caps. */
    private boolean release(long now) {
        ReleaseLimits limits = p.plan.rules().limits();
        ReleaseSituation situation = flight.situation(now, limits);
        int budget = Releases.budget(limits, situation);
        if (budget == 0) {
            return (limits.maxPerMinute() != null || limits.maxPerMinutePerInstance() != null) && hasOpen();
        }
        List<Integer> candidates = new ArrayList<>();
        if (p.perInstance) {
            for (int i = 0; i < p.instances.length; i++) {
                IntHeap queue = openByInstance.get(i);
                if (queue.isEmpty()) {
                    continue;
                }
                int room = Math.min(budget, Releases.instanceRoom(p.instances[i], limits, situation));
                take(queue, room, now, candidates);
            }
            candidates.sort(openAll::compare);
        } else {
            take(openAll, budget, now, candidates);
        }
        List<Integer> chosen = Releases.choose(candidates, org -> p.instances[p.instanceOf[org]], limits, situation);
        java.util.Set<Integer> taken = new java.util.HashSet<>(chosen);
        for (Integer org : candidates) {
            if (!taken.contains(org)) {
                (p.perInstance ? openByInstance.get(p.instanceOf[org]) : openAll).add(org);
            }
        }
        for (int org : chosen) {
            dispatch(org, now);
        }
        flight.released(now, chosen);
        // left waiting on a rate or on the round's size, the next round comes after the interval; left
        // waiting on an in-flight cap, the next outcome frees a slot
        boolean rateBound = limits.maxPerMinute() != null || limits.maxPerMinutePerInstance() != null
                || chosen.size() >= limits.maxPerRound();
        return rateBound && hasOpen();
    }

    /** Up to {@code n} orgs from the queue in release order; an org whose window closed moves to its next one. */
    private void take(IntHeap queue, int n, long now, List<Integer> into) {
        int got = 0;
        while (got < n && !queue.isEmpty()) {
            int org = queue.poll();
            if (winEnd[org] <= now) {
                reschedule(org, now);
                continue;
            }
            into.add(org);
            got++;
        }
    }

    private void reschedule(int org, long now) {
        RehearsalPlan.Rules rules = p.plan.rules();
        Instant at = p.instant(now);
        Instant noticed = at.plus(rules.noticePeriod());
        Instant notBefore = rules.earliestStart() != null && rules.earliestStart().isAfter(noticed)
                ? rules.earliestStart() : noticed;
        TwinOrg o = p.plan.orgs().get(org);
        UpgradeWindows.Next next = p.plan.windows().next(o.candidate().zone(), o.candidate().window(), notBefore);
        if (next instanceof UpgradeWindows.Found found) {
            winStart[org] = p.millis(found.window().start());
            winEnd[org] = p.millis(found.window().end());
            releaseBy[org] = winEnd[org] - o.expected().toMillis();
            waiting.add(org);
            email("RESCHEDULED", 1);
        } else {
            state[org] = DONE;
            int w = p.waveOf[org];
            counts[w] = counts[w].move(TargetState.NOTIFIED, TargetState.CANCELED, 1);
            email("CANCELED", 1);
            dirty = true;
        }
    }

    private void dispatch(int org, long now) {
        TwinOrg o = p.plan.orgs().get(org);
        String version = p.plan.rules().targetVersion();
        int attempt = ordinal[org]++;
        state[org] = DISPATCHED;
        int w = p.waveOf[org];
        counts[w] = counts[w].move(TargetState.NOTIFIED, TargetState.DISPATCHED, 1);
        long t = now;
        int refused = 0;
        while (refused < MAX_REFUSED_CALLS && scenario.refusesCall(o.orgId(), version, attempt, refused)) {
            refused++;
            t += twin.retry().delayMillis(refused, Draws.uniform(seed, org, 1000 + refused));
            if (t >= winEnd[org]) {
                // the executor tries again while its next call starts before the window closes
                outcomes.add(new long[] {t, org, 1, -1});
                return;
            }
        }
        PushErrorType failure = scenario.failure(o.orgId(), o.instance(), version, attempt);
        Twin.Chronic chronic = p.chronic[org];
        if (chronic != null && Draws.uniform(seed, org, 7) < chronic.rate()) {
            failure = chronic.type();
        }
        // the push's duration is the twin's (around the org's own where it has history), not the scenario's draw
        long endAt = t + p.pushMillis(org, Draws.normal(seed, org, 2000 + attempt));
        long timeoutAt = now + p.plan.rules().orgTimeout().toMillis();
        if (endAt > timeoutAt) {
            outcomes.add(new long[] {timeoutAt, org, 2, -1});
        } else {
            outcomes.add(new long[] {endAt, org, failure == null ? 0 : 1, failure == null ? -1 : failure.ordinal()});
        }
    }

    /** An outcome: {at, org, 0 succeeded | 1 failed | 2 timed out, error type ordinal or -1 (refused calls)}. */
    private void finish(long[] outcome) {
        int org = (int) outcome[1];
        int w = p.waveOf[org];
        state[org] = DONE;
        flight.finished(org);
        TargetState to = outcome[2] == 0 ? TargetState.SUCCEEDED
                : outcome[2] == 1 ? TargetState.FAILED : TargetState.TIMED_OUT;
        counts[w] = counts[w].move(TargetState.DISPATCHED, to, 1);
        dirty = true;
        email("RESULT", 1);
        if (to != TargetState.SUCCEEDED) {
            String type = to == TargetState.TIMED_OUT ? "TIMED_OUT"
                    : outcome[3] < 0 ? "GATEWAY_ERROR" : PushErrorType.values()[(int) outcome[3]].salesforceName();
            failuresByType.merge(type, 1, Integer::sum);
            failuresByPod.merge(p.instances[p.instanceOf[org]], 1, Integer::sum);
        }
    }

    /** At the deadline nothing more is released: the orgs still waiting end CANCELED (DeadlineKeeper's sweep). */
    private void cancelUnreleased() {
        deadlineHandled = true;
        dirty = true;
        for (int org = 0; org < state.length; org++) {
            if (state[org] == PENDING) {
                state[org] = DONE;
                int w = p.waveOf[org];
                counts[w] = counts[w].move(TargetState.NOTIFIED, TargetState.CANCELED, 1);
                email("CANCELED", 1);
            }
        }
        waiting.clear();
        openAll.clear();
        openByInstance.forEach(IntHeap::clear);
    }

    /**
     * When the live campaign loop passes next: an applied outcome or a person's approval wakes it, at the
     * earliest {@code spacing} after this pass; what does not wake it (a window opening, the end of a soak,
     * the deadline, a rate cap's new budget) it sees on its timed pass, at the earliest {@code interval}
     * after this one (CampaignLoop).
     */
    private long nextRound(long now, boolean capped, long interval, long spacing) {
        long wake = Long.MAX_VALUE;
        if (!outcomes.isEmpty()) {
            wake = outcomes.peek()[0];
        }
        long timed = Long.MAX_VALUE;
        if (!waiting.isEmpty()) {
            timed = winStart[waiting.peek()];
        }
        if (capped) {
            timed = Math.min(timed, now + interval);
        }
        Duration soak = p.plan.rules().minimumWaveDuration();
        for (int w = 0; w < counts.length; w++) {
            wake = Math.min(wake, approvalDueAt[w]);
            if (waveState[w] == WaveState.RUNNING && counts[w].allTerminal()) {
                timed = Math.min(timed, started[w] + soak.toMillis());
            }
        }
        if (p.deadlineMs != null && !deadlineHandled) {
            timed = Math.min(timed, p.deadlineMs);
        }
        long next = wake == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(wake, now + spacing);
        return timed == Long.MAX_VALUE ? next : Math.min(next, Math.max(timed, now + interval));
    }

    private boolean hasOpen() {
        if (!p.perInstance) {
            return !openAll.isEmpty();
        }
        for (IntHeap q : openByInstance) {
            if (!q.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void email(String kind, int n) {
        emails.merge(kind, n, Integer::sum);
    }
}
