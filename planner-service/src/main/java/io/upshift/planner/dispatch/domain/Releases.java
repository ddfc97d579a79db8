package io.upshift.planner.dispatch.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How many and which orgs one dispatcher round may release without exceeding any cap.
 *
 * <p>The rate cap is a sliding window: the commands of the last 60 seconds plus this round never
 * exceed it. Within that, releases are spread out: a round may release the share of the rate that
 * accrued since the last release (at most {@link #SMOOTHING} worth, or one command's worth for
 * slow rates), so 600/minute goes out as ten a second, not 600 at the top of each minute. A
 * per-instance rate works the same way, per Salesforce instance, beside the per-instance in-flight cap.
 */
public final class Releases {

    public static final Duration SMOOTHING = Duration.ofSeconds(5);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private Releases() {
    }

    public static int budget(ReleaseLimits limits, ReleaseSituation situation) {
        long budget = limits.maxPerRound();
        if (limits.maxInFlight() != null) {
            budget = Math.min(budget, limits.maxInFlight() - (long) situation.inFlight());
        }
        if (limits.maxPerMinute() != null) {
            int rate = limits.maxPerMinute();
            budget = Math.min(budget, rate - (long) situation.releasedLastMinute());
            budget = Math.min(budget, accrued(rate, situation.lastReleaseAt(), situation.now()));
        }
        return (int) Math.max(0, budget);
    }

    /** Commands the rate allows since the last release, capped so no burst exceeds the smoothing span. */
    static long accrued(int perMinute, Instant lastReleaseAt, Instant now) {
        Duration oneCommand = MINUTE.dividedBy(perMinute);
        Duration cap = oneCommand.compareTo(SMOOTHING) > 0 ? oneCommand : SMOOTHING;
        Duration elapsed = lastReleaseAt == null ? cap : Duration.between(lastReleaseAt, now);
        if (elapsed.compareTo(cap) > 0) {
            elapsed = cap;
        }
        if (elapsed.isNegative()) {
            return 0;
        }
        return elapsed.toMillis() * perMinute / MINUTE.toMillis();
    }

    /**
     * The candidates to release, in their order, skipping those whose instance is at its cap and
     * stopping at the budget.
     */
    public static <T> List<T> choose(List<T> candidates, Function<T, String> instanceOf, ReleaseLimits limits,
            ReleaseSituation situation) {
        int budget = budget(limits, situation);
        List<T> chosen = new ArrayList<>(Math.min(budget, candidates.size()));
        Map<String, Integer> rooms = new HashMap<>();
        for (T candidate : candidates) {
            if (chosen.size() >= budget) {
                break;
            }
            if (limits.perInstance()) {
                String instance = instanceOf.apply(candidate);
                int room = rooms.computeIfAbsent(instance, i -> instanceRoom(i, limits, situation));
                if (room <= 0) {
                    continue;
                }
                rooms.put(instance, room - 1);
            }
            chosen.add(candidate);
        }
        return chosen;
    }

    /**
     * How many commands an instance may get this round under the per-instance caps (in flight and
     * rate); {@link Integer#MAX_VALUE} when neither is set.
     */
    public static int instanceRoom(String instance, ReleaseLimits limits, ReleaseSituation situation) {
        return room(situation.inFlightByInstance().getOrDefault(instance, 0),
                situation.releasedLastMinuteByInstance().getOrDefault(instance, 0),
                situation.lastReleaseByInstance().get(instance), limits, situation.now());
    }

    /** The room of an instance with nothing in flight and nothing released in the last minute. */
    public static int freshInstanceRoom(ReleaseLimits limits, ReleaseSituation situation) {
        return room(0, 0, null, limits, situation.now());
    }

    private static int room(int inFlight, int releasedLastMinute, Instant lastRelease, ReleaseLimits limits,
            Instant now) {
        long room = Integer.MAX_VALUE;
        if (limits.maxInFlightPerInstance() != null) {
            room = Math.min(room, limits.maxInFlightPerInstance() - (long) inFlight);
        }
        if (limits.maxPerMinutePerInstance() != null) {
            int rate = limits.maxPerMinutePerInstance();
            room = Math.min(room, rate - (long) releasedLastMinute);
            room = Math.min(room, accrued(rate, lastRelease, now));
        }
        return (int) Math.max(0, room);
    }
}
