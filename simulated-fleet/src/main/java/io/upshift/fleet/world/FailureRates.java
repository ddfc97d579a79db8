package io.upshift.fleet.world;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The probability of each failure type for one push, e.g. {@code ApexTestFailure → 0.40}.
 * Rates of several layers (fleet, instance, version) add up; the sum of one layer may not pass 1.
 */
public record FailureRates(Map<PushErrorType, Double> rates) {

    public static final FailureRates NONE = new FailureRates(Map.of());

    public FailureRates {
        EnumMap<PushErrorType, Double> copy = new EnumMap<>(PushErrorType.class);
        double total = 0;
        for (Map.Entry<PushErrorType, Double> entry : rates.entrySet()) {
            double rate = entry.getValue();
            if (Double.isNaN(rate) || rate < 0 || rate > 1) {
                throw new IllegalArgumentException("the rate of " + entry.getKey().salesforceName()
                        + " must be between 0 and 1, got " + rate);
            }
            if (rate > 0) {
                copy.put(entry.getKey(), rate);
                total += rate;
            }
        }
        if (total > 1.000_000_1) {
            throw new IllegalArgumentException("failure rates add up to " + total + ", more than 1: " + copy);
        }
        rates = Collections.unmodifiableMap(copy);
    }

    /** Rates keyed by Salesforce names ("LockingFailure") or constant names, as configuration gives them. */
    public static FailureRates parse(Map<String, Double> byName) {
        EnumMap<PushErrorType, Double> rates = new EnumMap<>(PushErrorType.class);
        byName.forEach((name, rate) -> {
            PushErrorType type = PushErrorType.fromName(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown push error type '" + name + "'; known: " + java.util.Arrays.stream(PushErrorType.values())
                            .map(PushErrorType::salesforceName).toList()));
            rates.merge(type, rate, Double::sum);
        });
        return new FailureRates(rates);
    }

    public static FailureRates of(PushErrorType type, double rate) {
        return new FailureRates(Map.of(type, rate));
    }

    public double rate(PushErrorType type) {
        return rates.getOrDefault(type, 0.0);
    }

    /** This layer plus another, each type's rates summed and capped at 1 in total (the more specific layer keeps its share). */
    FailureRates plus(FailureRates other) {
        EnumMap<PushErrorType, Double> sum = new EnumMap<>(PushErrorType.class);
        sum.putAll(rates);
        other.rates.forEach((type, rate) -> sum.merge(type, rate, Double::sum));
        double total = sum.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total > 1) {
            sum.replaceAll((type, rate) -> rate / total);
        }
        return new FailureRates(sum);
    }
}
