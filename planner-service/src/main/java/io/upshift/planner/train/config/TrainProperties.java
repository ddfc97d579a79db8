package io.upshift.planner.train.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Release trains' settings ({@code upshift.planner.trains}).
 *
 * @param interval how often a halted base tier is looked for, to halt the tiers that depend on it
 */
@Validated
@ConfigurationProperties("upshift.planner.trains")
public record TrainProperties(@DefaultValue("1s") @NotNull Duration interval) {

    public TrainProperties {
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("upshift.planner.trains.interval must be positive, got " + interval);
        }
    }
}
