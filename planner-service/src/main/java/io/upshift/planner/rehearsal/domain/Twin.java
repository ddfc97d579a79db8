package io.upshift.planner.rehearsal.domain;

import io.upshift.fleet.world.FailureModel;
import io.upshift.fleet.world.LatencyModel;
import io.upshift.fleet.world.PushErrorType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fleet as a rehearsal sees it: how long each org's push takes and how pushes fail, fitted
 * from history ({@link TwinFit}). The draws reuse the simulated fleet's models, so the twin and
 * the simulated fleet speak one language: a {@link LatencyModel} for the package's spread of push
 * durations, a {@link FailureModel} for failure rates by type, by pod (instance) and for the target
 * version (a bad release), its {@code unavailableRate} for the calls Salesforce refuses before a
 * push starts (the executor retries those with backoff while the org's window allows).
 *
 * @param spread the package's push durations (median and p99): an org without a successful push of its own draws from it
 * @param own per org with successful pushes of its own: the log-normal its next push is drawn from
 * @param orgShare the share of the spread's (log) variance that belongs to the org, not the push: how far an org's
 *        own pushes predict its next one (fitted from orgs with two or more pushes, else the fleet model's)
 * @param failures rates by type for the fleet, per pod and for the target version, plus call refusals
 * @param chronic orgs that failed repeatedly before: their own chance to fail again, and how
 * @param retry the executor's backoff between refused calls
 * @param pushesSeen finished commands the fit read
 * @param campaignsSeen campaigns they came from
 * @param defaults what history did not tell, for the report: each entry names a default that was used
 */
public record Twin(LatencyModel spread, Map<String, Own> own, double orgShare, FailureModel failures,
        Map<String, Chronic> chronic, Retry retry, int pushesSeen, int campaignsSeen, List<String> defaults) {

    public Twin {
        Objects.requireNonNull(spread, "spread");
        own = Map.copyOf(own);
        if (!(orgShare >= 0 && orgShare <= 1)) {
            throw new IllegalArgumentException("orgShare must be in [0, 1], got " + orgShare);
        }
        Objects.requireNonNull(failures, "failures");
        chronic = Map.copyOf(chronic);
        Objects.requireNonNull(retry, "retry");
        defaults = List.copyOf(defaults);
    }

    /** A twin with no org of its own history: every push is drawn from the package's spread. */
    public Twin(LatencyModel spread, FailureModel failures, Map<String, Chronic> chronic, Retry retry, int pushesSeen,
            int campaignsSeen, List<String> defaults) {
        this(spread, Map.of(), 0, failures, chronic, retry, pushesSeen, campaignsSeen, defaults);
    }

    /**
     * An org's next push: log-normal, median {@code median} and log standard deviation {@code sigma} (its own
     * pushes pull the median towards them as far as the org's share of the spread says; what is left of the spread
     * once the org is known is {@code sigma}).
     */
    public record Own(Duration median, double sigma) {

        public Own {
            Objects.requireNonNull(median, "median");
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("sigma must be finite and >= 0, got " + sigma);
            }
        }
    }

    /**
     * An org that failed in at least two earlier pushes: it fails again with its own rate, and with
     * the type it failed with last (the same orgs fail release after release, and for the same reason).
     */
    public record Chronic(double rate, PushErrorType type) {
    }

    /**
     * The executor's retry of refused calls: exponential backoff with equal jitter (its RetryPolicy's
     * defaults, 30 s doubling up to 10 min; the planner cannot read the executor's configuration).
     */
    public record Retry(Duration initialBackoff, double multiplier, Duration maxBackoff) {

        public static final Retry EXECUTOR_DEFAULT = new Retry(Duration.ofSeconds(30), 2.0, Duration.ofMinutes(10));

        /** The delay after {@code attemptsMade} refused calls, given a uniform draw in [0, 1). */
        public long delayMillis(int attemptsMade, double random) {
            double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attemptsMade - 1));
            double capped = Math.min(base, maxBackoff.toMillis());
            return (long) (capped / 2 + random * capped / 2);
        }
    }

    /** The same twin with other failure rates (a what-if: "what if 4.2.1 fails Apex tests in 40 % of orgs"). */
    public Twin withFailures(FailureModel other) {
        return new Twin(spread, own, orgShare, other, chronic, retry, pushesSeen, campaignsSeen, defaults);
    }
}
