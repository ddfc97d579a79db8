package io.upshift.planner.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.planner.campaign.domain.BlastRadius;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.dispatch.domain.ReleaseLimits;
import io.upshift.planner.dispatch.domain.ReleaseSituation;
import io.upshift.planner.dispatch.domain.Releases;
import io.upshift.planner.dispatch.jdbc.DependencyHolds;
import io.upshift.planner.dispatch.jdbc.DispatchStore;
import io.upshift.planner.dispatch.jdbc.DispatchStore.Candidate;
import io.upshift.planner.dispatch.jdbc.DispatchStore.Release;
import io.upshift.planner.dispatch.kafka.Commands;
import io.upshift.planner.outbox.Outbox;
import io.upshift.planner.shared.metrics.PlannerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Releases the UpgradeCommands of one running campaign for one round, with the campaign locked:
 * orgs whose window is open and whose wave runs, least slack first, as many as the rate (global and
 * per instance), the global in-flight (the campaign's, else the default: {@link BlastRadius}) and the
 * per-instance in-flight caps allow (see dispatch/DESIGN.md); an org excluded since scheduling is
 * canceled instead. Nothing is released at or after the campaign's deadline, and no command's window
 * ({@code notAfter}) ends after it. The state change, the command's record and its outbox row commit together.
 */
@Component
class Dispatcher {

    private final DispatchStore store;
    private final DependencyHolds dependencies;
    private final WaveStore waves;
    private final Outbox outbox;
    private final DispatchProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    Dispatcher(DispatchStore store, DependencyHolds dependencies, WaveStore waves, Outbox outbox,
            DispatchProperties properties, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.dependencies = dependencies;
        this.waves = waves;
        this.outbox = outbox;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** Releases what the caps allow now; returns how many commands were released. */
    int release(Campaign campaign, List<Wave> current, Instant now) {
        if (!campaign.state().releases()) {
            return 0;
        }
        Instant deadline = campaign.spec().schedule().deadline();
        if (deadline != null && !now.isBefore(deadline)) {
            // complete by: nothing starts at or after the deadline, whatever the windows say (the sweep cancels the rest)
            return 0;
        }
        List<Integer> releasable = current.stream().filter(w -> w.state().releases() && w.counts().pending() > 0)
                .map(Wave::number).toList();
        if (releasable.isEmpty()) {
            return 0;
        }
        UUID id = campaign.id();
        cancelBlockedBySubscriber(id, now);
        if (dependencies.dependent(id)) {
            // a release train's tier: orgs whose base can no longer be met end DependencyNotMet (the others wait
            // for their base in the candidates query)
            countCanceled(id, dependencies.cancelNotMet(id, now));
        }
        Pacing pacing = campaign.spec().pacing();
        BlastRadius bound = BlastRadius.of(campaign.spec(), properties.defaultMaxInFlight());
        ReleaseLimits limits = new ReleaseLimits(pacing.maxCommandsPerMinute(), bound.maxInFlight(),
                pacing.maxInFlightPerInstance(), pacing.maxCommandsPerMinutePerInstance(),
                properties.maxReleasesPerRound());
        // timed-out orgs whose outcome is unknown may still be pushing: they hold their slot until it is known
        int inFlight = current.stream().mapToInt(w -> w.counts().dispatched()).sum()
                + (limits.maxInFlight() == null ? 0 : store.overdue(id));
        Map<String, Integer> perInstance = pacing.maxInFlightPerInstance() == null ? Map.of()
                : store.inFlightByInstance(id);
        DispatchStore.RecentReleases recent = pacing.maxCommandsPerMinute() == null
                && pacing.maxCommandsPerMinutePerInstance() == null ? DispatchStore.RecentReleases.NONE
                : store.recentReleases(id, now.minus(Duration.ofMinutes(1)));
        ReleaseSituation situation = new ReleaseSituation(inFlight, perInstance, recent.since(), recent.last(),
                recent.sinceByInstance(), recent.lastByInstance(), now);
        int budget = Releases.budget(limits, situation);
        if (budget == 0) {
            return 0;
        }
        Map<String, Integer> rooms = null;
        Integer otherRoom = null;
        if (limits.perInstance()) {
            rooms = new HashMap<>();
            for (String instance : union(perInstance.keySet(), recent.sinceByInstance().keySet())) {
                rooms.put(instance, Releases.instanceRoom(instance, limits, situation));
            }
            otherRoom = Releases.freshInstanceRoom(limits, situation);
        }
        List<Candidate> candidates = store.candidates(id, releasable, now, budget, rooms, otherRoom);
        List<Candidate> excluded = candidates.stream().filter(Candidate::excluded).toList();
        if (!excluded.isEmpty()) {
            cancelExcluded(id, excluded, now);
            candidates = candidates.stream().filter(c -> !c.excluded()).toList();
        }
        List<Candidate> chosen = Releases.choose(candidates, Candidate::instance, limits, situation);
        if (chosen.isEmpty()) {
            return 0;
        }
        List<Release> releases = chosen.stream()
                .map(c -> new Release(notAfterDeadline(c, deadline), UUID.randomUUID(), c.attempt() + 1)).toList();
        // Stamped when the orgs were chosen, not when the round began: what the candidates query saw (an
        // outcome committed meanwhile, e.g. a release train's base that succeeded in the org) happened before
        // this instant, so "dispatched at" never reads earlier than what it depended on.
        Instant releasedAt = latest(now, clock.instant());
        int marked = store.markDispatched(id, releases, releasedAt, releasedAt.plus(campaign.spec().orgTimeout()));
        if (marked != releases.size()) {
            // cannot happen while we hold the campaign lock; refuse to send commands for rows we did not change
            throw new IllegalStateException("released " + releases.size() + " orgs of campaign " + id + " but "
                    + marked + " were still NOTIFIED");
        }
        store.insertCommands(id, releases, releasedAt);
        outbox.append(releases.stream().map(r -> Commands.command(campaign, r, releasedAt)).toList());
        Map<Integer, WaveCounts> deltas = new HashMap<>();
        for (Release r : releases) {
            deltas.merge(r.target().wave(), WaveStore.move(TargetState.NOTIFIED, TargetState.DISPATCHED, 1),
                    WaveCounts::plus);
        }
        waves.add(id, deltas);
        store.logRelease(id, releasedAt, releases, pacing.maxCommandsPerMinutePerInstance() != null);
        Counter.builder(PlannerMetrics.COMMANDS_RELEASED).description("UpgradeCommands released")
                .tag("campaign", id.toString()).register(meters).increment(releases.size());
        return releases.size();
    }

    private static Instant latest(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    /**
     * The org with its window ending no later than the deadline: the command's {@code notAfter} is the
     * window's end, and the executor starts no push at or after it. Planning already ends every window
     * by the deadline; this holds for windows planned or moved otherwise too.
     */
    private static Candidate notAfterDeadline(Candidate c, Instant deadline) {
        if (deadline == null || !c.windowEnd().isAfter(deadline)) {
            return c;
        }
        return new Candidate(c.orgId(), c.orgName(), c.orgType(), c.instance(), c.fromVersion(), c.wave(),
                c.windowStart(), deadline, c.attempt(), c.excluded(), c.excludedNote());
    }

    /** Orgs whose subscriber blocked pushes after scheduling end CANCELED with the reason, never released. */
    private void cancelBlockedBySubscriber(UUID id, Instant now) {
        countCanceled(id, store.cancelBlockedBySubscriber(id, now));
    }

    private void countCanceled(UUID id, List<DispatchStore.Canceled> canceled) {
        if (canceled.isEmpty()) {
            return;
        }
        Map<Integer, WaveCounts> deltas = new HashMap<>();
        for (DispatchStore.Canceled c : canceled) {
            deltas.merge(c.wave(), WaveStore.move(TargetState.valueOf(c.from()), TargetState.CANCELED, 1),
                    WaveCounts::plus);
        }
        waves.add(id, deltas);
    }

    /** Orgs excluded from campaigns since they were scheduled end CANCELED with the reason, never released. */
    private void cancelExcluded(UUID id, List<Candidate> excluded, Instant now) {
        Map<Integer, WaveCounts> deltas = new HashMap<>();
        for (int wave : store.cancelExcluded(id, excluded, now)) {
            deltas.merge(wave, WaveStore.move(TargetState.NOTIFIED, TargetState.CANCELED, 1), WaveCounts::plus);
        }
        waves.add(id, deltas);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
