package io.upshift.planner.rehearsal.domain;

import io.upshift.fleet.world.FailureModel;
import io.upshift.fleet.world.FailureRates;
import io.upshift.fleet.world.LatencyModel;
import io.upshift.fleet.world.PushErrorType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fits a {@link Twin} from the package's history. The rules, and the defaults where history is silent
 * (README, "Rehearsal"):
 * <ul>
 * <li>durations: each org's median successful push is its own; the package's spread (median and p99 of
 *     every successful push) draws the rest. Fewer than {@link #MIN_SAMPLE} successful pushes: a
 *     log-normal around the campaign's expectedUpgradeDuration with a p99 of four times it;</li>
 * <li>chronic orgs: an org with at least two failed pushes fails again at its own rate (failed / pushed)
 *     with its last error type; its pushes are left out of every other rate so they count once;</li>
 * <li>fleet rates by error type: failures / pushes of every other version; with fewer than
 *     {@link #MIN_SAMPLE} pushes, {@link #DEFAULT_FLEET_RATES} (2 %: "never 0 %");</li>
 * <li>pods: an instance with at least {@link #MIN_SAMPLE} pushes adds what its rate of a type exceeds
 *     the fleet's;</li>
 * <li>the target version: pushes of it in earlier campaigns (a halted attempt) add what its rate of a
 *     type exceeds the fleet's, from any number of pushes: a bad release shows in its first canary;</li>
 * <li>refused calls: (calls − commands) / calls over the commands whose calls were counted, retried with
 *     the executor's default backoff. No counted call: 0.</li>
 * </ul>
 * Error codes that are not a Salesforce push error type (the executor's own, e.g. GATEWAY_ERROR, or a
 * timeout) count as UnclassifiedError.
 */
public final class TwinFit {

    public static final int MIN_SAMPLE = 20;
    public static final FailureRates DEFAULT_FLEET_RATES = new FailureRates(Map.of(
            PushErrorType.APEX_TEST_FAILURE, 0.01, PushErrorType.LOCKING_FAILURE, 0.005,
            PushErrorType.UNCLASSIFIED_ERROR, 0.005));
    static final int CHRONIC_FAILURES = 2;

    private TwinFit() {
    }

    public static Twin fit(List<PastPush> history, String targetVersion, Duration expectedUpgradeDuration) {
        List<String> defaults = new ArrayList<>();
        Set<String> campaigns = new HashSet<>();
        Map<String, List<Long>> byOrg = new HashMap<>();
        List<Long> all = new ArrayList<>();
        Map<String, int[]> orgTally = new HashMap<>();
        Map<String, PushErrorType> lastType = new HashMap<>();
        long calls = 0;
        long commands = 0;
        for (PastPush p : history) {
            campaigns.add(p.campaignId());
            if ("SUCCEEDED".equals(p.status()) && p.duration() != null && !p.duration().isNegative()) {
                byOrg.computeIfAbsent(p.orgId(), o -> new ArrayList<>()).add(p.duration().toMillis());
                all.add(p.duration().toMillis());
            }
            int[] tally = orgTally.computeIfAbsent(p.orgId(), o -> new int[2]);
            tally[0]++;
            if (p.failed()) {
                tally[1]++;
                lastType.put(p.orgId(), typeOf(p)); // history arrives oldest first: the last one stays
            }
            if (p.attempts() > 0) {
                calls += p.attempts();
                commands++;
            }
        }
        LatencyModel spread;
        if (all.size() >= MIN_SAMPLE) {
            all.sort(null);
            long median = all.get(all.size() / 2);
            long p99 = all.get(Math.min(all.size() - 1, (int) Math.ceil(all.size() * 0.99) - 1));
            spread = LatencyModel.logNormal(Duration.ofMillis(median), Duration.ofMillis(Math.max(median, p99)));
        } else {
            spread = LatencyModel.logNormal(expectedUpgradeDuration, expectedUpgradeDuration.multipliedBy(4));
            defaults.add("push durations: " + all.size() + " successful pushes in history (fewer than " + MIN_SAMPLE
                    + "): log-normal around expectedUpgradeDuration " + expectedUpgradeDuration + ", p99 4x");
        }
        Map<String, Duration> own = new HashMap<>();
        byOrg.forEach((org, ms) -> {
            ms.sort(null);
            own.put(org, Duration.ofMillis(ms.get(ms.size() / 2)));
        });
        Map<String, Twin.Chronic> chronic = new HashMap<>();
        orgTally.forEach((org, t) -> {
            if (t[1] >= CHRONIC_FAILURES) {
                chronic.put(org, new Twin.Chronic((double) t[1] / t[0], lastType.get(org)));
            }
        });
        // rates from everyone else: the chronic orgs' failures are theirs alone
        Counts fleet = new Counts();
        Map<String, Counts> pods = new TreeMap<>();
        Counts target = new Counts();
        for (PastPush p : history) {
            if (chronic.containsKey(p.orgId())) {
                continue;
            }
            Counts c = targetVersion.equals(p.version()) ? target : fleet;
            c.add(p);
            if (c == fleet) {
                pods.computeIfAbsent(p.instance(), i -> new Counts()).add(p);
            }
        }
        FailureRates fleetRates;
        if (fleet.pushes >= MIN_SAMPLE) {
            fleetRates = fleet.rates();
        } else {
            fleetRates = DEFAULT_FLEET_RATES;
            defaults.add("failure rates: " + fleet.pushes + " pushes of earlier versions in history (fewer than "
                    + MIN_SAMPLE + "): 1 % ApexTestFailure, 0.5 % LockingFailure, 0.5 % UnclassifiedError");
        }
        FailureModel model = FailureModel.NONE.withFleet(fleetRates);
        for (Map.Entry<String, Counts> pod : pods.entrySet()) {
            if (pod.getValue().pushes >= MIN_SAMPLE) {
                FailureRates extra = pod.getValue().excessOver(fleetRates);
                if (!extra.rates().isEmpty()) {
                    model = model.withInstance(pod.getKey(), extra);
                }
            }
        }
        if (target.pushes > 0) {
            FailureRates extra = target.excessOver(fleetRates);
            if (!extra.rates().isEmpty()) {
                model = model.withVersion(targetVersion, extra);
            }
        }
        double refused = commands == 0 ? 0 : (double) (calls - commands) / calls;
        if (commands == 0) {
            defaults.add("refused calls: no counted gateway call in history: none are drawn");
        }
        model = model.withUnavailableRate(Math.min(0.9, refused));
        return new Twin(spread, own, model, chronic, Twin.Retry.EXECUTOR_DEFAULT, history.size(), campaigns.size(),
                defaults);
    }

    static PushErrorType typeOf(PastPush p) {
        return PushErrorType.fromName(p.errorCode()).orElse(PushErrorType.UNCLASSIFIED_ERROR);
    }

    /** Pushes and failures by type of one slice of history. */
    private static final class Counts {
        int pushes;
        final Map<PushErrorType, Integer> failures = new EnumMap<>(PushErrorType.class);

        void add(PastPush p) {
            pushes++;
            if (p.failed()) {
                failures.merge(typeOf(p), 1, Integer::sum);
            }
        }

        FailureRates rates() {
            Map<PushErrorType, Double> rates = new EnumMap<>(PushErrorType.class);
            failures.forEach((type, n) -> rates.put(type, (double) n / pushes));
            return new FailureRates(rates);
        }

        FailureRates excessOver(FailureRates base) {
            Map<PushErrorType, Double> rates = new EnumMap<>(PushErrorType.class);
            rates().rates().forEach((type, rate) -> {
                double extra = rate - base.rate(type);
                if (extra > 0) {
                    rates.put(type, extra);
                }
            });
            return new FailureRates(rates);
        }
    }
}
