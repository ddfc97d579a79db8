package io.upshift.planner.planning.domain;

import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places eligible orgs, one at a time and in wave order, into their wave and window, projecting
 * each wave's timing as it goes: wave 1 starts at the campaign's start, every later wave at the
 * projected end of the one before, and each org gets its first window at or after its wave's
 * projected start. Memory stays flat however many orgs pass through (a plan of 1,000,000 orgs is
 * streamed from the database and written back without being held).
 *
 * <p>Orgs must arrive ordered by pool (PILOT, SANDBOXES, MAIN, CHRONIC) and by their rank inside the pool.
 */
public final class PlanBuilder {

    private final List<WaveSlot> slots;
    private final boolean sandboxesFirst;
    private final Pacing pacing;
    private final Duration minimumWaveDuration;
    private final Instant start;
    private final UpgradeWindows windows;
    private final Map<Pool, Long> ranks = new EnumMap<>(Pool.class);
    private final List<WaveProjection> finished = new ArrayList<>();
    private final Map<ZonedWindow, UpgradeWindows.Next> windowCache = new HashMap<>();
    /** Orgs placed so far, grouped by what their projection depends on (null unless recording). */
    private Map<Group, Long> groups;

    private int current = -1;
    private Instant waveStart;
    private long placed;
    private final Map<String, Long> perInstance = new HashMap<>();
    private Instant firstWindowStart;
    private Instant lastWindowEnd;
    private Instant latestWindowStart;
    private boolean done;

    /** A plan without a campaign window or deadline: each org's own window, or always open. */
    public PlanBuilder(List<WaveSlot> slots, boolean sandboxesFirst, Instant start, Pacing pacing,
            Duration minimumWaveDuration, WindowPlanner windows, boolean respectWindows) {
        this(slots, sandboxesFirst, start, pacing, minimumWaveDuration,
                new UpgradeWindows(windows, respectWindows, null, null));
    }

    /**
     * @param minimumWaveDuration the soak time each wave lasts at least
     * @param windows where each org may be upgraded (see {@link UpgradeWindows})
     */
    public PlanBuilder(List<WaveSlot> slots, boolean sandboxesFirst, Instant start, Pacing pacing,
            Duration minimumWaveDuration, UpgradeWindows windows) {
        this.slots = List.copyOf(slots);
        this.sandboxesFirst = sandboxesFirst;
        this.pacing = pacing;
        this.minimumWaveDuration = minimumWaveDuration;
        this.windows = windows;
        this.start = start;
        this.waveStart = start;
        for (Pool pool : Pool.values()) {
            ranks.put(pool, 0L);
        }
    }

    public Placement place(Candidate candidate) {
        if (done) {
            throw new IllegalStateException("the plan is finished");
        }
        Pool pool = candidate.pool() != null && candidate.pool() != Pool.MAIN && candidate.pool() != Pool.SANDBOXES
                ? candidate.pool() : Pool.of(candidate.orgType(), sandboxesFirst);
        long rank = ranks.merge(pool, 1L, Long::sum) - 1;
        int slot = slotOf(pool, rank);
        if (slot < current) {
            throw new IllegalStateException("orgs must arrive in wave order: " + candidate.orgId()
                    + " belongs to wave " + slots.get(slot).number() + " after wave " + slots.get(current).number());
        }
        if (groups != null) {
            groups.merge(new Group(slot, new ZonedWindow(candidate.zone(), candidate.window()), candidate.instance()),
                    1L, Long::sum);
        }
        return place(slot, new ZonedWindow(candidate.zone(), candidate.window()), candidate.instance(), 1);
    }

    /** Places {@code n} orgs of one slot that share a window and an instance: one org, or a replayed group. */
    private Placement place(int slot, ZonedWindow window, String instance, long n) {
        while (current < slot) {
            advance();
        }
        UpgradeWindows.Next next = windowCache.computeIfAbsent(window,
                key -> windows.next(key.zone(), key.window(), waveStart));
        if (next instanceof UpgradeWindows.None none) {
            return new Placement.Excluded(none.reason());
        }
        TimeWindow w = ((UpgradeWindows.Found) next).window();
        placed += n;
        perInstance.merge(instance, n, Long::sum);
        firstWindowStart = earlier(firstWindowStart, w.start());
        lastWindowEnd = later(lastWindowEnd, w.end());
        latestWindowStart = later(latestWindowStart, w.start());
        return new Placement.Placed(slots.get(slot).number(), w);
    }

    /**
     * Keeps, from now on, what each placed org's projection depends on (its slot, zone, window and
     * instance, counted): few groups however many orgs, so the plan can be {@link #replay replayed}
     * with another soak time without reading the orgs again. Call before placing.
     */
    public PlanBuilder recordingGroups() {
        if (current >= 0 || done) {
            throw new IllegalStateException("record groups from the first org on");
        }
        groups = new LinkedHashMap<>();
        return this;
    }

    /**
     * The projection this plan would have with another soak time: the same orgs in the same waves,
     * each window planned from the wave's new projected start (an org may then find none). Needs
     * {@link #recordingGroups()}.
     */
    public List<WaveProjection> replay(Duration soak) {
        if (groups == null) {
            throw new IllegalStateException("only a plan that recorded its groups can be replayed");
        }
        PlanBuilder again = new PlanBuilder(slots, sandboxesFirst, start, pacing, soak, windows);
        groups.forEach((g, n) -> again.place(g.slot(), g.window(), g.instance(), n));
        return again.projections();
    }

    /**
     * The longest soak time, at most the one asked for and down to zero, with which the plan's last
     * wave ends by {@code deadline} and no org loses its window for it (a later wave start can push an
     * org's window past the deadline: that is no fit). Waves are compressed to fit, never skipped (canary
     * and ramp stay). Zero when even that does not fit. Whole seconds unless the soak asked for is under
     * a second. Needs {@link #recordingGroups()}; ends this plan.
     */
    public Duration longestSoakEndingBy(Instant deadline) {
        List<WaveProjection> asked = projections();
        if (!minimumWaveDuration.isPositive()) {
            return minimumWaveDuration;
        }
        List<WaveProjection> zero = replay(Duration.ZERO);
        long most = placed(zero);
        if (fits(asked, most, deadline)) {
            return minimumWaveDuration;
        }
        if (!fits(zero, most, deadline)) {
            return Duration.ZERO;
        }
        // a longer soak only ends later: bisect between a soak that fits (lo) and one that does not (hi)
        long unit = minimumWaveDuration.compareTo(Duration.ofSeconds(1)) >= 0 ? 1000 : 1;
        long lo = 0;
        long hi = minimumWaveDuration.toMillis() / unit;
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (fits(replay(Duration.ofMillis(mid * unit)), most, deadline)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Duration.ofMillis(lo * unit);
    }

    private static boolean fits(List<WaveProjection> waves, long orgs, Instant deadline) {
        return placed(waves) >= orgs && waves.stream().filter(w -> w.size() > 0).map(WaveProjection::projectedEnd)
                .allMatch(end -> !end.isAfter(deadline));
    }

    private static long placed(List<WaveProjection> waves) {
        return waves.stream().mapToLong(WaveProjection::size).sum();
    }

    /** The projection of every wave (empty ones included, with size 0); ends the plan. */
    public List<WaveProjection> projections() {
        if (!done) {
            while (current < slots.size()) {
                advance();
            }
            done = true;
        }
        return List.copyOf(finished);
    }

    /** The projected start of the wave being placed now. */
    public Instant currentWaveStart() {
        return waveStart;
    }

    private int slotOf(Pool pool, long rank) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).holds(pool, rank)) {
                return i;
            }
        }
        // more orgs than were counted (the inventory changed while planning): they join the last wave of
        // their pool, or the last wave of all when their pool had none
        for (int i = slots.size() - 1; i >= 0; i--) {
            if (slots.get(i).pool() == pool) {
                return i;
            }
        }
        if (slots.isEmpty()) {
            throw new InventoryChangedException("no org was eligible when the waves were cut, but " + pool
                    + " orgs arrived: the inventory changed while planning");
        }
        return Math.max(current, slots.size() - 1);
    }

    private void advance() {
        if (current >= 0) {
            WaveSlot slot = slots.get(current);
            Instant end = projectedEnd();
            finished.add(new WaveProjection(slot.number(), slot.kind(), placed, waveStart, end, firstWindowStart,
                    lastWindowEnd, slot.pilotList()));
            waveStart = end;
        }
        current++;
        placed = 0;
        perInstance.clear();
        firstWindowStart = null;
        lastWindowEnd = null;
        latestWindowStart = null;
        windowCache.clear();
    }

    private Instant projectedEnd() {
        if (placed == 0) {
            return waveStart;
        }
        Duration duration = pacing.expectedUpgradeDuration();
        double busySeconds = 0;
        if (pacing.maxCommandsPerMinute() != null) {
            busySeconds = Math.max(busySeconds, placed * 60.0 / pacing.maxCommandsPerMinute());
        }
        double perOrg = duration.toMillis() / 1000.0;
        if (pacing.maxInFlight() != null) {
            busySeconds = Math.max(busySeconds, placed * perOrg / pacing.maxInFlight());
        }
        if (pacing.maxInFlightPerInstance() != null) {
            for (long n : perInstance.values()) {
                busySeconds = Math.max(busySeconds, n * perOrg / pacing.maxInFlightPerInstance());
            }
        }
        if (pacing.maxCommandsPerMinutePerInstance() != null) {
            for (long n : perInstance.values()) {
                busySeconds = Math.max(busySeconds, n * 60.0 / pacing.maxCommandsPerMinutePerInstance());
            }
        }
        Instant byCaps = waveStart.plusMillis((long) Math.ceil(busySeconds * 1000));
        Instant end = later(byCaps, latestWindowStart).plus(duration);
        return later(end, waveStart.plus(minimumWaveDuration));
    }

    /** The cache key: real fleets share few distinct windows, so most orgs find theirs computed. */
    private record ZonedWindow(ZoneId zone, Optional<MaintenanceWindow> window) {
    }

    /** Orgs of one slot whose projection is the same: one window and one instance. */
    private record Group(int slot, ZonedWindow window, String instance) {
    }

    /** The inventory changed between counting the eligible orgs and streaming them; planning again helps. */
    public static final class InventoryChangedException extends RuntimeException {
        InventoryChangedException(String message) {
            super(message);
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
