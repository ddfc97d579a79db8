package io.upshift.fleet.world;

import java.util.Map;

/**
 * Which pushes fail, and how: rates for the whole fleet, plus rates for pods (instances) and for
 * target versions, all added up for a push. "4.2.1 fails Apex tests in 40 % of orgs" is
 * {@code byVersion = {4.2.1: {ApexTestFailure: 0.4}}}; a bad release is a rate of 1.
 *
 * @param fleet rates for every push
 * @param byInstance extra rates for orgs on a pod, keyed by instance name (NA135)
 * @param byVersion extra rates for pushes to a version, keyed by version ("4.2.1")
 * @param unavailableRate the chance that a push call is refused before any job starts (Salesforce
 *        answering 503 Service Unavailable): a transient failure of the call, not of a push
 * @param chronic orgs whose every push fails with the same error, campaign after campaign (before any rate)
 */
public record FailureModel(
        FailureRates fleet,
        Map<String, FailureRates> byInstance,
        Map<String, FailureRates> byVersion,
        double unavailableRate,
        ChronicFailures chronic) {

    public static final FailureModel NONE = new FailureModel(FailureRates.NONE, Map.of(), Map.of(), 0);

    public FailureModel(FailureRates fleet, Map<String, FailureRates> byInstance, Map<String, FailureRates> byVersion,
            double unavailableRate) {
        this(fleet, byInstance, byVersion, unavailableRate, ChronicFailures.NONE);
    }

    public FailureModel {
        chronic = chronic == null ? ChronicFailures.NONE : chronic;
        byInstance = Map.copyOf(byInstance);
        byVersion = Map.copyOf(byVersion);
        if (Double.isNaN(unavailableRate) || unavailableRate < 0 || unavailableRate >= 1) {
            throw new IllegalArgumentException("unavailableRate must be at least 0 and below 1, got " + unavailableRate);
        }
    }

    /** Every push to {@code version} fails with {@code type}. */
    public static FailureModel badRelease(String version, PushErrorType type) {
        return NONE.withVersion(version, FailureRates.of(type, 1.0));
    }

    public FailureModel withFleet(FailureRates rates) {
        return new FailureModel(rates, byInstance, byVersion, unavailableRate, chronic);
    }

    public FailureModel withInstance(String instance, FailureRates rates) {
        Map<String, FailureRates> copy = new java.util.HashMap<>(byInstance);
        copy.put(instance, rates);
        return new FailureModel(fleet, copy, byVersion, unavailableRate, chronic);
    }

    public FailureModel withVersion(String version, FailureRates rates) {
        Map<String, FailureRates> copy = new java.util.HashMap<>(byVersion);
        copy.put(version, rates);
        return new FailureModel(fleet, byInstance, copy, unavailableRate, chronic);
    }

    public FailureModel withUnavailableRate(double rate) {
        return new FailureModel(fleet, byInstance, byVersion, rate, chronic);
    }

    /** The same model with chronic orgs. */
    public FailureModel withChronic(ChronicFailures newChronic) {
        return new FailureModel(fleet, byInstance, byVersion, unavailableRate, newChronic);
    }

    /** The rates that apply to one push: fleet + the org's instance + the target version. */
    public FailureRates ratesFor(String instance, String targetVersion) {
        FailureRates rates = fleet;
        if (instance != null) {
            rates = rates.plus(byInstance.getOrDefault(instance, FailureRates.NONE));
        }
        return rates.plus(byVersion.getOrDefault(targetVersion, FailureRates.NONE));
    }
}
