package io.upshift.executor.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The executor's settings, validated at start-up.
 *
 * @param maxInFlight upgrades one executor holds at once before it pauses fetching
 * @param shutdownGrace how long a stopping executor lets in-flight upgrades finish
 */
@Validated
@ConfigurationProperties("upshift.executor")
public record ExecutorProperties(
        @DefaultValue("10000") @Min(1) int maxInFlight,
        @DefaultValue("30s") @NotNull Duration shutdownGrace) {
}
