package io.upshift.executor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The executor's settings, validated at start-up. Gateway settings live beside their adapter
 * ({@code upshift.executor.simulated.*}, {@code upshift.executor.salesforce.*}).
 *
 * @param id names this executor in outcomes and client ids; blank means {@code upshift.instance-id},
 *        else the host name
 * @param gateway which {@code UpgradeGateway} runs the pushes: simulated (default) or salesforce
 * @param maxInFlight upgrades one executor runs at once; fetching pauses when it holds this many commands
 * @param shutdownGrace how long a stopping executor lets in-flight upgrades finish (keep it below
 *        {@code spring.lifecycle.timeout-per-shutdown-phase})
 * @param consumer how the commands consumer polls and commits
 * @param retry backoff for transient failures
 * @param timeouts the longest waits for the gateway
 */
@Validated
@ConfigurationProperties("upshift.executor")
public record ExecutorProperties(
        @DefaultValue("") String id,
        @DefaultValue("simulated") @NotNull GatewayKind gateway,
        @DefaultValue("10000") @Min(1) int maxInFlight,
        @DefaultValue("30s") @NotNull Duration shutdownGrace,
        @DefaultValue @Valid Consumer consumer,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Timeouts timeouts) {

    /** The adapters of the {@code UpgradeGateway} port. */
    public enum GatewayKind {
        SIMULATED,
        SALESFORCE
    }

    /**
     * @param maxPollRecords records one poll returns at most
     * @param pollTimeout the longest one poll waits; also how soon finished upgrades free capacity
     * @param commitInterval how often finished offsets are committed
     * @param campaignCatchUpLog how often start-up logs that it still waits for the campaign events
     */
    public record Consumer(
            @DefaultValue("500") @Min(1) @Max(10_000) int maxPollRecords,
            @DefaultValue("100ms") @NotNull Duration pollTimeout,
            @DefaultValue("1s") @NotNull Duration commitInterval,
            @DefaultValue("10s") @NotNull Duration campaignCatchUpLog) {

        @AssertTrue(message = "poll-timeout must be between 1 ms and 5 s (longer polls delay everything else)")
        public boolean isPollTimeoutSensible() {
            return pollTimeout != null && !pollTimeout.isNegative() && pollTimeout.toMillis() >= 1
                    && pollTimeout.compareTo(Duration.ofSeconds(5)) <= 0;
        }
    }

    /**
     * @param maxAttempts calls per command at most, the first included; 0 (the default): no count, transient
     *        failures are tried again for as long as the org's window allows
     * @param initialBackoff the delay before the second attempt (before jitter)
     * @param multiplier growth of the delay per attempt
     * @param maxBackoff the longest delay (before jitter)
     */
    public record Retry(
            @DefaultValue("0") @Min(0) int maxAttempts,
            @DefaultValue("30s") @NotNull Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("10m") @NotNull Duration maxBackoff) {

        @AssertTrue(message = "initial-backoff must not be negative nor longer than max-backoff")
        public boolean isBackoffOrdered() {
            return initialBackoff != null && maxBackoff != null && !initialBackoff.isNegative()
                    && initialBackoff.compareTo(maxBackoff) <= 0;
        }
    }

    /**
     * @param call the longest wait for a lookup (installed version, earlier push)
     * @param upgrade the longest wait for a push to end; then the push counts as a transient timeout,
     *        and the next attempt adopts it
     */
    public record Timeouts(
            @DefaultValue("30s") @NotNull Duration call,
            @DefaultValue("12h") @NotNull Duration upgrade) {
    }
}
