package io.upshift.planner.rehearsal.domain;

import io.upshift.fleet.world.FailureModel;
import io.upshift.fleet.world.FailureRates;
import io.upshift.fleet.world.LatencyModel;
import io.upshift.fleet.world.PushErrorType;
import io.upshift.fleet.world.PushScenario;
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
 * <li>durations: the package's spread is the log-normal of every successful push (mean and variance of
 *     their logs); an org with none of its own draws from it. The spread's (log) variance splits into the
 *     org's share (two pushes of one org correlate by it) and the push's: the share is fitted from the orgs
 *     with two or more successful pushes (at least {@link #MIN_SAMPLE} of them), else it is the simulated
 *     fleet's ({@link PushScenario#ORG_SHARE_OF_DURATION}) and the report says so. An org with n pushes of
 *     its own is drawn around the package's median moved towards its own (geometric) mean by
 *     share ÷ (share + (1 − share) ÷ n), with what is left of the spread once the org is known — never the
 *     whole spread again around its own median. Fewer than {@link #MIN_SAMPLE} successful pushes: a
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
        Map<String, List<Double>> byOrg = new HashMap<>();
        List<Double> all = new ArrayList<>();
        Map<String, int[]> orgTally = new HashMap<>();
        Map<String, PushErrorType> lastType = new HashMap<>();
        long calls = 0;
        long commands = 0;
        for (PastPush p : history) {
            campaigns.add(p.campaignId());
            if ("SUCCEEDED".equals(p.status()) && p.duration() != null && !p.duration().isNegative()) {
                double log = Math.log(Math.max(1, p.duration().toMillis()));
                byOrg.computeIfAbsent(p.orgId(), o -> new ArrayList<>()).add(log);
                all.add(log);
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
        Durations durations = durations(byOrg, all, expectedUpgradeDuration, defaults);
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
        return new Twin(durations.spread(), durations.own(), durations.orgShare(), model, chronic,
                Twin.Retry.EXECUTOR_DEFAULT, history.size(), campaigns.size(), defaults);
    }

    private record Durations(LatencyModel spread, Map<String, Twin.Own> own, double orgShare) {
    }

    /** The package's spread and each org's own log-normal, from the logs (of milliseconds) of successful pushes. */
    private static Durations durations(Map<String, List<Double>> byOrg, List<Double> all, Duration expected,
            List<String> defaults) {
        if (all.size() < MIN_SAMPLE) {
            defaults.add("push durations: " + all.size() + " successful pushes in history (fewer than " + MIN_SAMPLE
                    + "): log-normal around expectedUpgradeDuration " + expected + ", p99 4x");
            return new Durations(LatencyModel.logNormal(expected, expected.multipliedBy(4)), Map.of(), 0);
        }
        double mean = all.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = all.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (all.size() - 1);
        LatencyModel spread = LatencyModel.ofLogMillis(mean, Math.sqrt(variance));
        // within-org variance, pooled over the orgs that pushed more than once
        double within = 0;
        int degrees = 0;
        int repeated = 0;
        for (List<Double> logs : byOrg.values()) {
            if (logs.size() >= 2) {
                double own = logs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                within += logs.stream().mapToDouble(x -> (x - own) * (x - own)).sum();
                degrees += logs.size() - 1;
                repeated++;
            }
        }
        double share;
        if (repeated >= MIN_SAMPLE && variance > 0) {
            share = Math.max(0, Math.min(1, 1 - within / degrees / variance));
        } else {
            share = PushScenario.ORG_SHARE_OF_DURATION;
            defaults.add("push durations: " + repeated + " orgs with two or more successful pushes (fewer than "
                    + MIN_SAMPLE + "): the org's share of the spread is the simulated fleet's, " + share);
        }
        Map<String, Twin.Own> own = new HashMap<>();
        byOrg.forEach((org, logs) -> {
            int n = logs.size();
            double orgMean = logs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double pull = share == 0 ? 0 : share / (share + (1 - share) / n);
            // the push's own share of the spread, plus what n pushes leave unknown of the org's
            double left = ((1 - share) + (1 - pull) * share) * variance;
            own.put(org, new Twin.Own(Duration.ofMillis(Math.round(Math.exp(mean + pull * (orgMean - mean)))),
                    Math.sqrt(left)));
        });
        return new Durations(spread, own, share);
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
