package io.upshift.planner.campaign.domain;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When a wave is judged bad: once at least {@code minimumFinished} of its orgs have finished, a
 * failure rate above {@code failureThresholdPercent} trips the gate.
 *
 * @param failureThresholdPercent 0–100; the gate trips when the rate is strictly above it
 * @param minimumFinished finished orgs (succeeded, failed, timed out) before the gate applies
 * @param countedStatuses which terminal states count as failures: FAILED and/or TIMED_OUT
 */
public record GateRule(BigDecimal failureThresholdPercent, int minimumFinished, Set<TargetState> countedStatuses) {

    public static final Set<TargetState> COUNTABLE = EnumSet.of(TargetState.FAILED, TargetState.TIMED_OUT);

    public GateRule {
        Objects.requireNonNull(failureThresholdPercent, "failureThresholdPercent");
        if (failureThresholdPercent.signum() < 0 || failureThresholdPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("the failure threshold is a percentage from 0 to 100");
        }
        if (minimumFinished < 0) {
            throw new IllegalArgumentException("the minimum of finished orgs cannot be negative");
        }
        countedStatuses = countedStatuses == null || countedStatuses.isEmpty() ? COUNTABLE
                : Set.copyOf(countedStatuses);
        if (!COUNTABLE.containsAll(countedStatuses)) {
            throw new IllegalArgumentException("only FAILED and TIMED_OUT can count as failures");
        }
    }

    public boolean counts(TargetState state) {
        return countedStatuses.contains(state);
    }
}
