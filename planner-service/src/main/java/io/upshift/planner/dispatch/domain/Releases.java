package io.upshift.planner.dispatch.domain;

import java.time.Duration;
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
 * slow rates), so 600/minute goes out as ten a second, not 600 at the top of each minute.
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
            budget = Math.min(budget, accrued(rate, situation));
        }
        return (int) Math.max(0, budget);
    }

    /** Commands the rate allows since the last release, capped so no burst exceeds the smoothing span. */
    static long accrued(int perMinute, ReleaseSituation situation) {
        Duration oneCommand = MINUTE.dividedBy(perMinute);
        Duration cap = oneCommand.compareTo(SMOOTHING) > 0 ? oneCommand : SMOOTHING;
        Duration elapsed = situation.lastReleaseAt() == null ? cap
                : Duration.between(situation.lastReleaseAt(), situation.now());
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
        Map<String, Integer> perInstance = new HashMap<>(situation.inFlightByInstance());
        for (T candidate : candidates) {
            if (chosen.size() >= budget) {
                break;
            }
            if (limits.maxInFlightPerInstance() != null) {
                String instance = instanceOf.apply(candidate);
                int inFlight = perInstance.getOrDefault(instance, 0);
                if (inFlight >= limits.maxInFlightPerInstance()) {
                    continue;
                }
                perInstance.put(instance, inFlight + 1);
            }
            chosen.add(candidate);
        }
        return chosen;
    }
}
