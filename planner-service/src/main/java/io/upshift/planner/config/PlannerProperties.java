package io.upshift.planner.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The planner's settings, validated at start-up.
 *
 * @param dispatchInterval how often the dispatcher looks for orgs whose window is open
 * @param defaultNoticePeriod notice period of a campaign that does not set one
 * @param outboxBatchSize outbox rows the relay publishes per round
 */
@Validated
@ConfigurationProperties("upshift.planner")
public record PlannerProperties(
        @DefaultValue("1s") @NotNull Duration dispatchInterval,
        @DefaultValue("72h") @NotNull Duration defaultNoticePeriod,
        @DefaultValue("500") @Min(1) int outboxBatchSize) {
}
