package io.upshift.fleet.world;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Decides, from the seed alone, how each push goes. Permanent failures are drawn per org and
 * version — the same orgs fail again when a person retries them, as Salesforce's observed
 * failures do — while transient failures are drawn per job, so the next attempt may pass. A push's
 * duration is mostly the org's own (its data, its metadata, its Apex tests): most of its spread is
 * drawn per org, the rest per job, so an org that was slow last time is likely slow again.
 */
public final class PushScenario {

    /**
     * Share of the spread of a push's (log) duration that belongs to the org: two pushes of the same
     * org correlate by this much. Each duration on its own still follows the latency model.
     */
    public static final double ORG_SHARE_OF_DURATION = 0.8;

    private final long seed;
    private final LatencyModel latency;
    private final FailureModel failures;
    private final double timeScale;

    /**
     * @param timeScale multiplies every latency: 0.01 runs a 10-minute push in 6 seconds
     */
    public PushScenario(long seed, LatencyModel latency, FailureModel failures, double timeScale) {
        this.seed = seed;
        this.latency = Objects.requireNonNull(latency, "latency");
        this.failures = Objects.requireNonNull(failures, "failures");
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be positive, got " + timeScale);
        }
        this.timeScale = timeScale;
    }

    /**
     * The push of {@code orgId} to {@code targetVersion}; {@code ordinal} counts the org's earlier
     * push jobs (0 for its first).
     */
    public PushDecision decide(String orgId, String instance, String targetVersion, int ordinal) {
        double z = Math.sqrt(ORG_SHARE_OF_DURATION) * Dice.normal(seed, "org-latency", orgId)
                + Math.sqrt(1 - ORG_SHARE_OF_DURATION) * Dice.normal(seed, "latency", orgId, targetVersion, ordinal);
        Duration raw = latency.sample(z);
        Duration scaled = Duration.ofNanos((long) (raw.toNanos() * timeScale));
        return new PushDecision(scaled, failure(orgId, instance, targetVersion, ordinal));
    }

    /**
     * Whether a push call is refused before any job starts (a simulated 503); {@code refusedBefore}
     * counts the org's earlier refused calls, so the next call draws again.
     */
    public boolean refusesCall(String orgId, String targetVersion, int ordinal, int refusedBefore) {
        return failures.unavailableRate() > 0
                && Dice.uniform(seed, "unavailable", orgId, targetVersion, ordinal, refusedBefore)
                        < failures.unavailableRate();
    }

    /**
     * How the push of {@code orgId} to {@code targetVersion} fails, or null when it succeeds: what {@link #decide}
     * says, without drawing its duration (a rehearsal draws durations of its own).
     */
    public PushErrorType failure(String orgId, String instance, String targetVersion, int ordinal) {
        if (failures.chronic().hits(seed, orgId)) {
            return failures.chronic().error();
        }
        Map<PushErrorType, Double> rates = failures.ratesFor(instance, targetVersion).rates();
        if (rates.isEmpty()) {
            return null;
        }
        // Two independent draws over disjoint slices of [0,1): permanent types claim theirs by org,
        // transient types by job. A type's share of pushes equals its rate either way.
        double sticky = Dice.uniform(seed, "permanent", orgId, targetVersion);
        double cumulative = 0;
        for (Map.Entry<PushErrorType, Double> rate : rates.entrySet()) {
            if (!rate.getKey().isTransient()) {
                cumulative += rate.getValue();
                if (sticky < cumulative) {
                    return rate.getKey();
                }
            }
        }
        double permanentTotal = cumulative;
        double fresh = Dice.uniform(seed, "transient", orgId, targetVersion, ordinal);
        // Only pushes that escaped every permanent failure can fail transiently; rescale so each
        // transient type still hits its rate of all pushes.
        double escaped = 1 - permanentTotal;
        if (escaped <= 0) {
            return null;
        }
        cumulative = 0;
        for (Map.Entry<PushErrorType, Double> rate : rates.entrySet()) {
            if (rate.getKey().isTransient()) {
                cumulative += rate.getValue() / escaped;
                if (fresh < cumulative) {
                    return rate.getKey();
                }
            }
        }
        return null;
    }
}
