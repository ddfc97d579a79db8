package io.upshift.executor.execution.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.upshift.executor.execution.domain.ErrorCodes;
import io.upshift.executor.execution.domain.RunObserver;
import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The executor's metrics. Names are constants here (Prometheus renders {@code upshift.executor.outcomes}
 * as {@code upshift_executor_outcomes_total}); tags are bounded: statuses, the known error codes
 * ({@link ErrorCodes#tagValue}), gateway operations and results.
 */
public final class ExecutorMetrics implements RunObserver {

    /** Commands received from the commands topic, counted before validation. */
    public static final String COMMANDS_RECEIVED = "upshift.executor.commands.received";
    /** Commands received and not finished yet: running, queued behind their org, or waiting for capacity. */
    public static final String COMMANDS_HELD = "upshift.executor.commands.held";
    /** Upgrades running now (gateway calls or retries under way); at most the in-flight cap. */
    public static final String UPGRADES_IN_FLIGHT = "upshift.executor.upgrades.in.flight";
    /** 1 while fetching is paused because the executor holds as many commands as it may, else 0. */
    public static final String FETCHING_PAUSED = "upshift.executor.fetching.paused";
    /** Outcomes written, by status and error code. */
    public static final String OUTCOMES = "upshift.executor.outcomes";
    /** From the start of a command's run to its outcome, by status. */
    public static final String UPGRADE_DURATION = "upshift.executor.upgrade.duration";
    /** Transient failures tried again, by error code. */
    public static final String RETRIES = "upshift.executor.retries";
    /** Commands sent to the dead-letter topic, by reason (undecodable, invalid, failing). */
    public static final String DEAD_LETTERS = "upshift.executor.dead.letters";
    /** Answers of the UpgradeGateway port, by operation and result. */
    public static final String GATEWAY_RESULTS = "upshift.executor.gateway.results";
    /** Outcomes that could not be written yet and are tried again. */
    public static final String PUBLISH_FAILURES = "upshift.executor.outcomes.publish.failures";
    /**
     * Failed and timed-out upgrades, by status, error code and the org's Salesforce pod (the
     * command's instance, e.g. NA135), so a pod in trouble shows as failures clustered on it.
     */
    public static final String FAILURES = "upshift.executor.failures";

    // Salesforce pods: NA135, CS42, EU5, AP15, Hyperforce's USA646S; anything else is "Other" (bounded tags)
    private static final Pattern SALESFORCE_POD = Pattern.compile("[A-Z]{2,4}[0-9]{1,4}[A-Z]?");

    private static final Duration[] SLO_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
        Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
        Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8)};

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter publishFailures;
    private final Map<UpgradeStatus, Timer> durations = new EnumMap<>(UpgradeStatus.class);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ExecutorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder(COMMANDS_RECEIVED).description("Commands received").register(registry);
        this.publishFailures = Counter.builder(PUBLISH_FAILURES)
                .description("Outcomes that could not be written yet and are tried again").register(registry);
        for (UpgradeStatus status : UpgradeStatus.values()) {
            durations.put(status, Timer.builder(UPGRADE_DURATION)
                    .description("From the start of a command's run to its outcome")
                    .tag("status", status.name())
                    .serviceLevelObjectives(SLO_BUCKETS)
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofHours(12))
                    .register(registry));
        }
    }

    /** Registers the gauges that read the consumer's state. */
    public void bindConsumer(Supplier<Number> held, Supplier<Number> inFlight, Supplier<Number> paused) {
        Gauge.builder(COMMANDS_HELD, held).description("Commands received and not finished").register(registry);
        Gauge.builder(UPGRADES_IN_FLIGHT, inFlight).description("Upgrades running now").register(registry);
        Gauge.builder(FETCHING_PAUSED, paused).description("1 while fetching is paused at the in-flight cap")
                .register(registry);
    }

    public void commandReceived() {
        received.increment();
    }

    public void outcomeWritten(UpgradeFinished finished) {
        counter(OUTCOMES, "Outcomes written", "status", finished.status().name(), "error_code",
                ErrorCodes.tagValue(finished.errorCode())).increment();
        durations.get(finished.status()).record(Duration.between(finished.startedAt(), finished.finishedAt()));
        if (finished.status() == UpgradeStatus.FAILED || finished.status() == UpgradeStatus.TIMED_OUT) {
            counter(FAILURES, "Failed and timed-out upgrades by Salesforce pod", "status", finished.status().name(),
                    "error_code", ErrorCodes.tagValue(finished.errorCode()),
                    "salesforce_instance", podTag(finished.order().instance())).increment();
        }
    }

    /** The org's Salesforce pod as a metric tag: upper case as Salesforce writes it, "Other" when it is not a pod name. */
    static String podTag(String instance) {
        if (instance == null || instance.isBlank()) {
            return "Unknown";
        }
        String pod = instance.strip().toUpperCase(Locale.ROOT);
        return SALESFORCE_POD.matcher(pod).matches() ? pod : "Other";
    }

    public void deadLettered(String reason) {
        counter(DEAD_LETTERS, "Commands sent to the dead-letter topic", "reason", reason).increment();
    }

    public void publishFailed() {
        publishFailures.increment();
    }

    @Override
    public void gatewayCall(String operation, String result) {
        counter(GATEWAY_RESULTS, "Answers of the upgrade gateway", "operation", operation, "result", result).increment();
    }

    @Override
    public void retryScheduled(String errorCode) {
        counter(RETRIES, "Transient failures tried again", "error_code", errorCode).increment();
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
                .register(registry));
    }
}
