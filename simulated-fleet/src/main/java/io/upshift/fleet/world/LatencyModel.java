package io.upshift.fleet.world;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a push takes from its start to its end: log-normal (most pushes near the median, a
 * long tail), set by its median and its 99th percentile, cut off at {@code max}. A median of zero
 * makes every push finish at once, for throughput runs.
 */
public record LatencyModel(Duration median, Duration p99, Duration max) {

    /** z-score of the 99th percentile of the standard normal distribution. */
    private static final double Z_99 = 2.326_347_874;

    public static final LatencyModel ZERO = new LatencyModel(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public LatencyModel {
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
        if (median.isNegative() || p99.compareTo(median) < 0 || max.compareTo(p99) < 0) {
            throw new IllegalArgumentException(
                    "latency needs 0 <= median <= p99 <= max, got median " + median + ", p99 " + p99 + ", max " + max);
        }
    }

    /** The same latency for every push. */
    public static LatencyModel fixed(Duration latency) {
        return new LatencyModel(latency, latency, latency);
    }

    /** Median and p99, with the cut-off at ten times the p99. */
    public static LatencyModel logNormal(Duration median, Duration p99) {
        return new LatencyModel(median, p99, p99.multipliedBy(10));
    }

    /**
     * The log-normal whose logarithm of milliseconds has this mean and standard deviation (how a fit from
     * measured durations states it), with the cut-off at ten times its p99.
     */
    public static LatencyModel ofLogMillis(double meanLogMillis, double logSigma) {
        return logNormal(Duration.ofMillis(Math.round(Math.exp(meanLogMillis))),
                Duration.ofMillis(Math.round(Math.exp(meanLogMillis + Z_99 * logSigma))));
    }

    /** σ, the standard deviation of the log of a latency: what puts the 99th percentile at {@link #p99} (0 when the median is). */
    public double logSigma() {
        return median.isZero() ? 0 : Math.log((double) p99.toNanos() / median.toNanos()) / Z_99;
    }

    /** The latency for a standard-normal draw {@code z}: median × e^(σz). */
    Duration sample(double z) {
        if (median.isZero()) {
            return Duration.ZERO;
        }
        double nanos = median.toNanos() * Math.exp(logSigma() * z);
        return Duration.ofNanos((long) Math.min(nanos, max.toNanos()));
    }
}
