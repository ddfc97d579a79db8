package io.upshift.planner.planning.domain;

import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
 * <p>Orgs must arrive ordered by pool (SANDBOXES, then MAIN) and by their rank inside the pool.
 */
public final class PlanBuilder {

    private final List<WaveSlot> slots;
    private final boolean sandboxesFirst;
    private final Pacing pacing;
    private final Duration minimumWaveDuration;
    private final WindowPlanner windows;
    private final boolean respectWindows;
    private final Map<Pool, Long> ranks = new EnumMap<>(Pool.class);
    private final List<WaveProjection> finished = new ArrayList<>();
    private final Map<ZonedWindow, Optional<TimeWindow>> windowCache = new HashMap<>();

    private int current = -1;
    private Instant waveStart;
    private long placed;
    private final Map<String, Long> perInstance = new HashMap<>();
    private Instant firstWindowStart;
    private Instant lastWindowEnd;
    private Instant latestWindowStart;
    private boolean done;

    public PlanBuilder(List<WaveSlot> slots, boolean sandboxesFirst, Instant start, Pacing pacing,
            Duration minimumWaveDuration, WindowPlanner windows, boolean respectWindows) {
        this.slots = List.copyOf(slots);
        this.sandboxesFirst = sandboxesFirst;
        this.pacing = pacing;
        this.minimumWaveDuration = minimumWaveDuration;
        this.windows = windows;
        this.respectWindows = respectWindows;
        this.waveStart = start;
        for (Pool pool : Pool.values()) {
            ranks.put(pool, 0L);
        }
    }

    public Placement place(Candidate candidate) {
        if (done) {
            throw new IllegalStateException("the plan is finished");
        }
        Pool pool = Pool.of(candidate.orgType(), sandboxesFirst);
        long rank = ranks.merge(pool, 1L, Long::sum) - 1;
        int slot = slotOf(pool, rank);
        if (slot < current) {
            throw new IllegalStateException("orgs must arrive in wave order: " + candidate.orgId()
                    + " belongs to wave " + slots.get(slot).number() + " after wave " + slots.get(current).number());
        }
        while (current < slot) {
            advance();
        }
        Optional<TimeWindow> planned = respectWindows
                ? candidate.window().flatMap(window -> firstWindow(candidate.zone(), window))
                : firstWindow(ZoneOffset.UTC, MaintenanceWindow.ALWAYS_OPEN);
        if (planned.isEmpty()) {
            return new Placement.Excluded(ExclusionReason.NO_WINDOW);
        }
        TimeWindow w = planned.get();
        placed++;
        perInstance.merge(candidate.instance(), 1L, Long::sum);
        firstWindowStart = earlier(firstWindowStart, w.start());
        lastWindowEnd = later(lastWindowEnd, w.end());
        latestWindowStart = later(latestWindowStart, w.start());
        return new Placement.Placed(slots.get(slot).number(), w);
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

    private Optional<TimeWindow> firstWindow(ZoneId zone, MaintenanceWindow window) {
        return windowCache.computeIfAbsent(new ZonedWindow(zone, window),
                key -> windows.firstWindow(zone, window, waveStart));
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
                    lastWindowEnd));
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
    private record ZonedWindow(ZoneId zone, MaintenanceWindow window) {
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
