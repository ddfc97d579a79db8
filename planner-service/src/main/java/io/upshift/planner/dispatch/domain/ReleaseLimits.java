package io.upshift.planner.dispatch.domain;

/**
 * The caps a dispatcher round must respect; null means no cap.
 *
 * @param maxPerMinute commands in any 60 seconds
 * @param maxInFlight orgs released and not finished
 * @param maxInFlightPerInstance the same, per Salesforce instance
 * @param maxPerRound commands one round releases at most (keeps each transaction short)
 */
public record ReleaseLimits(Integer maxPerMinute, Integer maxInFlight, Integer maxInFlightPerInstance, int maxPerRound) {

    public ReleaseLimits {
        if (maxPerRound < 1) {
            throw new IllegalArgumentException("maxPerRound must be at least 1");
        }
    }
}
