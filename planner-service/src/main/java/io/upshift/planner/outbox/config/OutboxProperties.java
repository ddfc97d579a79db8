package io.upshift.planner.outbox.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay's settings.
 *
 * @param batchSize outbox rows the relay publishes per round
 * @param pollInterval how often the relay looks for rows written by other replicas (rows written
 *        here wake it at once)
 * @param retryBackoff pause after a failed round (broker or database unreachable)
 * @param sendTimeout how long a round waits for the broker to acknowledge its batch
 * @param retention how long sent rows are kept for inspection before they are purged
 * @param monitorInterval how often lag is measured and sent rows are purged
 */
@Validated
@ConfigurationProperties("upshift.planner.outbox")
public record OutboxProperties(
        @DefaultValue("500") @Min(1) int batchSize,
        @DefaultValue("200ms") @NotNull Duration pollInterval,
        @DefaultValue("1s") @NotNull Duration retryBackoff,
        @DefaultValue("30s") @NotNull Duration sendTimeout,
        @DefaultValue("24h") @NotNull Duration retention,
        @DefaultValue("5s") @NotNull Duration monitorInterval) {
}
