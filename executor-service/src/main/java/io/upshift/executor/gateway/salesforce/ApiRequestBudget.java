package io.upshift.executor.gateway.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.salesforce.SalesforceClient;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces the gateway under the packaging org's daily API request limit: reads the {@code limits}
 * resource every {@code read-interval} ({@code DailyApiRequests}: Max and Remaining over a rolling
 * 24 hours, counted for every integration of the org), adds the calls made since, and holds calls
 * back while that reaches the configured share of Max. Loop thread only, but for the gauges.
 */
final class ApiRequestBudget {

    private static final Logger log = LoggerFactory.getLogger(ApiRequestBudget.class);

    private final SalesforceClient salesforce;
    private final ScheduledExecutorService loop;
    private final SalesforceGatewayProperties.ApiBudget settings;
    private final SalesforceGatewayMetrics metrics;
    private long max;
    private long usedAtReading;
    private long callsSinceReading;
    private boolean reading;
    private boolean warned;
    private volatile double usedRatio;

    ApiRequestBudget(SalesforceClient salesforce, ScheduledExecutorService loop,
                     SalesforceGatewayProperties.ApiBudget settings, SalesforceGatewayMetrics metrics) {
        this.salesforce = salesforce;
        this.loop = loop;
        this.settings = settings;
        this.metrics = metrics;
        metrics.apiRequests(() -> usedRatio, settings::share);
    }

    /** Reads the limits now and then every read interval. */
    void start() {
        loop.scheduleWithFixedDelay(this::read, 0, settings.readInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How long the next call must wait: zero while under the share (or before the first reading). */
    Duration waitBeforeCall() {
        if (max <= 0 || usedAtReading + callsSinceReading < settings.share() * max) {
            warned = false;
            return Duration.ZERO;
        }
        if (!warned) {
            warned = true;
            log.warn("Salesforce API requests: {} of {} used in the last 24 hours, at the gateway's share of {}%;"
                    + " calls wait for the next reading", usedAtReading + callsSinceReading, max,
                    Math.round(settings.share() * 100));
        }
        return settings.readInterval();
    }

    /** One call is about to be made. */
    void called() {
        callsSinceReading++;
    }

    /** Salesforce answered REQUEST_LIMIT_EXCEEDED: read the limits again now rather than at the next interval. */
    void limitExceeded() {
        read();
    }

    private void read() {
        if (reading) {
            return;
        }
        reading = true;
        long callsBefore = callsSinceReading;
        metrics.record(SalesforceGatewayMetrics.READ_LIMITS, salesforce.limits()).whenCompleteAsync((limits, failure) -> {
            reading = false;
            if (failure != null) {
                log.debug("Reading the Salesforce limits failed (the last reading stays): {}", failure.toString());
                return;
            }
            JsonNode daily = limits.path("DailyApiRequests");
            if (!daily.has("Max")) {
                return;
            }
            max = daily.path("Max").asLong();
            usedAtReading = Math.max(0, max - daily.path("Remaining").asLong(max));
            callsSinceReading -= callsBefore;
            usedRatio = max <= 0 ? 0 : (double) usedAtReading / max;
        }, loop);
    }
}
