package io.upshift.planner.tracking.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the planner consumes outcomes.
 *
 * @param concurrency consumer threads (each takes a share of the outcome topic's partitions)
 * @param maxBatch outcomes one poll (and one transaction) applies at most
 * @param fetchMaxWait how long the broker may hold a fetch to fill it: short keeps latency low
 * @param maxRetryBackoff the longest pause between attempts while the database is unreachable
 */
@Validated
@ConfigurationProperties("upshift.planner.tracking")
public record TrackingProperties(
        @DefaultValue("2") @Min(1) @Max(64) int concurrency,
        @DefaultValue("500") @Min(1) int maxBatch,
        @DefaultValue("50ms") @NotNull Duration fetchMaxWait,
        @DefaultValue("5s") @NotNull Duration maxRetryBackoff) {
}
