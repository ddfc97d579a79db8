package io.upshift.planner.gate.domain;

import io.upshift.planner.campaign.domain.GateBaseline;
import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.campaign.domain.WaveCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Judges a wave by its counts: once the minimum sample has finished, or once the whole wave has
 * finished when it is smaller than the sample. Only what finished since the last time a person
 * resumed the wave counts (the {@link GateBaseline}): resuming a halted wave means "go on and judge
 * what comes next".
 */
public final class Gate {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Gate() {
    }

    public static Decision evaluate(GateRule rule, WaveCounts counts, GateBaseline baseline) {
        int finished = Math.max(0, counts.finished() - baseline.finished());
        int failures = Math.max(0, Math.min(finished, counts.failures(rule) - baseline.failures()));
        BigDecimal rate = finished == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(failures).multiply(HUNDRED).divide(BigDecimal.valueOf(finished), 2, RoundingMode.HALF_UP);
        // The minimum sample keeps a wave from halting on its first unlucky orgs. A wave smaller than the
        // sample is judged whole once every org in it has finished: a canary of 16 orgs that all failed
        // must not pass just because it was too small to reach the sample.
        boolean judgedWhole = counts.allTerminal();
        if (finished == 0 || (finished < rule.minimumFinished() && !judgedWhole)) {
            return new Decision(Verdict.TOO_FEW_FINISHED, finished, failures, rate, rule);
        }
        // failures / finished > threshold / 100, in integers and exact decimals: no rounding decides a halt
        boolean tripped = BigDecimal.valueOf(failures).multiply(HUNDRED)
                .compareTo(rule.failureThresholdPercent().multiply(BigDecimal.valueOf(finished))) > 0;
        return new Decision(tripped ? Verdict.TRIPPED : Verdict.WITHIN_THRESHOLD, finished, failures, rate, rule);
    }

    public enum Verdict {
        TOO_FEW_FINISHED, WITHIN_THRESHOLD, TRIPPED
    }

    /**
     * @param finished orgs judged
     * @param failures of them, those in a counted state
     * @param failureRatePercent failures / finished in percent, rounded to 2 places for people
     */
    public record Decision(Verdict verdict, int finished, int failures, BigDecimal failureRatePercent, GateRule rule) {

        public boolean tripped() {
            return verdict == Verdict.TRIPPED;
        }

        /** For people: "failure rate 12.50 % (5 of 40 finished) above the threshold of 3 %". */
        public String describe() {
            String numbers = "failure rate " + failureRatePercent.toPlainString() + " % (" + failures + " of "
                    + finished + " finished)";
            return switch (verdict) {
                case TRIPPED -> numbers + " above the threshold of " + rule.failureThresholdPercent().toPlainString() + " %";
                case WITHIN_THRESHOLD -> numbers + " within the threshold of "
                        + rule.failureThresholdPercent().toPlainString() + " %";
                case TOO_FEW_FINISHED -> numbers + ", fewer than the " + rule.minimumFinished()
                        + " finished orgs the gate needs";
            };
        }
    }
}
