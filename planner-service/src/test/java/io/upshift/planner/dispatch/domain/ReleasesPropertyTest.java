package io.upshift.planner.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariant: whatever the timing of rounds, the candidates and the completions, the dispatcher
 * never exceeds the rate (in any 60 seconds, in all and per instance), the global in-flight cap or a
 * per-instance cap.
 */
class ReleasesPropertyTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    @Property(tries = 300)
    void neverExceedsTheCaps(@ForAll @IntRange(min = 1, max = 2000) int perMinute,
            @ForAll @IntRange(min = 1, max = 300) int inFlightCap, @ForAll @IntRange(min = 1, max = 60) int perInstanceCap,
            @ForAll @IntRange(min = 1, max = 500) int perInstanceRate,
            @ForAll @IntRange(min = 1, max = 500) int perRound, @ForAll @IntRange(min = 1, max = 8) int instances,
            @ForAll long seed) {
        Random random = new Random(seed);
        ReleaseLimits limits = new ReleaseLimits(perMinute, inFlightCap, perInstanceCap, perInstanceRate, perRound);
        Map<String, Integer> inFlight = new HashMap<>();
        List<Release> releases = new ArrayList<>();
        Instant now = START;
        Instant lastRelease = null;
        for (int round = 0; round < 150; round++) {
            now = now.plusMillis(50 + random.nextInt(3000));
            // some orgs in flight finish
            inFlight.replaceAll((instance, n) -> n - (int) java.util.stream.IntStream.range(0, n)
                    .filter(i -> random.nextInt(4) == 0).count());
            List<String> candidates = new ArrayList<>();
            int offered = random.nextInt(400);
            for (int i = 0; i < offered; i++) {
                candidates.add("POD" + random.nextInt(instances));
            }
            Instant windowStart = now.minus(Duration.ofMinutes(1));
            int lastMinute = releases.stream().filter(r -> r.at().isAfter(windowStart)).mapToInt(Release::count).sum();
            int total = inFlight.values().stream().mapToInt(Integer::intValue).sum();
            Map<String, Integer> lastMinuteByInstance = new HashMap<>();
            Map<String, Instant> lastByInstance = new HashMap<>();
            for (Release r : releases) {
                r.byInstance().forEach((instance, n) -> {
                    if (r.at().isAfter(windowStart)) {
                        lastMinuteByInstance.merge(instance, n, Integer::sum);
                    }
                    lastByInstance.merge(instance, r.at(), (a, b) -> a.isAfter(b) ? a : b);
                });
            }
            ReleaseSituation situation = new ReleaseSituation(total, inFlight, lastMinute, lastRelease,
                    lastMinuteByInstance, lastByInstance, now);

            List<String> chosen = Releases.choose(candidates, c -> c, limits, situation);

            chosen.forEach(c -> inFlight.merge(c, 1, Integer::sum));
            if (!chosen.isEmpty()) {
                Map<String, Integer> byInstance = new HashMap<>();
                chosen.forEach(c -> byInstance.merge(c, 1, Integer::sum));
                releases.add(new Release(now, chosen.size(), byInstance));
                lastRelease = now;
            }
            assertThat(chosen.size()).isLessThanOrEqualTo(perRound);
            assertThat(inFlight.values().stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(inFlightCap);
            assertThat(inFlight.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(perInstanceCap));
        }
        for (Release release : releases) {
            Instant from = release.at().minus(Duration.ofMinutes(1));
            int inWindow = releases.stream().filter(r -> r.at().isAfter(from) && !r.at().isAfter(release.at()))
                    .mapToInt(Release::count).sum();
            assertThat(inWindow).as("commands in the minute before %s", release.at()).isLessThanOrEqualTo(perMinute);
            for (String instance : release.byInstance().keySet()) {
                int onInstance = releases.stream().filter(r -> r.at().isAfter(from) && !r.at().isAfter(release.at()))
                        .mapToInt(r -> r.byInstance().getOrDefault(instance, 0)).sum();
                assertThat(onInstance).as("commands to %s in the minute before %s", instance, release.at())
                        .isLessThanOrEqualTo(perInstanceRate);
            }
        }
    }

    private record Release(Instant at, int count, Map<String, Integer> byInstance) {
    }
}
