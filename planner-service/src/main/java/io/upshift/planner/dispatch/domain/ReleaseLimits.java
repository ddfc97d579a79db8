package io.upshift.planner.dispatch.domain;

/**
 * The caps a dispatcher round must respect; null means no cap.
 *
 * @param maxPerMinute commands in any 60 seconds
 * @param maxInFlight orgs released and not finished (timed-out orgs whose outcome is unknown included)
 * @param maxInFlightPerInstance the same, per Salesforce instance
 * @param maxPerMinutePerInstance commands in any 60 seconds, per Salesforce instance
 * @param maxPerRound commands one round releases at most (keeps each transaction short)
 */
public record ReleaseLimits(Integer maxPerMinute, Integer maxInFlight, Integer maxInFlightPerInstance,
        Integer maxPerMinutePerInstance, int maxPerRound) {

    public ReleaseLimits {
        if (maxPerRound < 1) {
            throw new IllegalArgumentException("maxPerRound must be at least 1");
        }
    }

    /** Limits without a per-instance rate. */
    public ReleaseLimits(Integer maxPerMinute, Integer maxInFlight, Integer maxInFlightPerInstance, int maxPerRound) {
        this(maxPerMinute, maxInFlight, maxInFlightPerInstance, null, maxPerRound);
    }

    /** Whether any cap is counted per instance. */
    public boolean perInstance() {
        return maxInFlightPerInstance != null || maxPerMinutePerInstance != null;
    }
}
