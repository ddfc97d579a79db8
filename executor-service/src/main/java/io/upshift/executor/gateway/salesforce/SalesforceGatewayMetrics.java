package io.upshift.executor.gateway.salesforce;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.salesforce.SalesforceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The gateway's metrics. Tags stay bounded: operation (a fixed set below) and result
 * ({@code success}, {@code transient_error}, {@code error}).
 */
final class SalesforceGatewayMetrics {

    /** Calls to Salesforce by operation and result; Prometheus: {@code upshift_executor_gateway_calls_total}. */
    static final String CALLS = "upshift.executor.gateway.calls";
    /** Push jobs the gateway is watching until they finish. */
    static final String WATCHED_JOBS = "upshift.executor.gateway.salesforce.watched.jobs";

    /** The share of the packaging org's DailyApiRequests used in the last 24 hours, by every integration. */
    static final String API_REQUESTS_USED = "upshift.executor.salesforce.api.requests.used.ratio";
    /** The share of DailyApiRequests the gateway may use up before it holds calls back. */
    static final String API_REQUESTS_ALLOWED = "upshift.executor.salesforce.api.requests.allowed.ratio";

    static final String FIND_INSTALLED_VERSIONS = "find_installed_versions";
    static final String READ_VERSIONS = "read_package_versions";
    static final String FIND_EXISTING_JOBS = "find_existing_jobs";
    static final String READ_PUSH_BLOCKS = "read_push_blocks";
    static final String CREATE_PUSH_REQUEST = "create_push_request";
    static final String INSERT_PUSH_JOBS = "insert_push_jobs";
    static final String SCHEDULE_PUSH_REQUEST = "schedule_push_request";
    static final String CANCEL_PUSH_REQUEST = "cancel_push_request";
    static final String READ_PUSH_REQUEST = "read_push_request";
    static final String POLL_PUSH_JOBS = "poll_push_jobs";
    static final String READ_PUSH_ERRORS = "read_push_errors";
    static final String READ_LIMITS = "read_limits";
    static final String FIND_ORPHANED_REQUESTS = "find_orphaned_requests";

    private final MeterRegistry registry;

    SalesforceGatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void watchedJobs(Supplier<Number> count) {
        Gauge.builder(WATCHED_JOBS, count).description("Salesforce push jobs watched until they finish")
                .tag("gateway", "salesforce").register(registry);
    }

    void apiRequests(Supplier<Number> usedRatio, Supplier<Number> allowedRatio) {
        Gauge.builder(API_REQUESTS_USED, usedRatio).description("Share of the packaging org's DailyApiRequests used"
                + " in the last 24 hours (all integrations), at the last reading").register(registry);
        Gauge.builder(API_REQUESTS_ALLOWED, allowedRatio).description("Share of DailyApiRequests the Salesforce"
                + " gateway may use before it holds calls back").register(registry);
    }

    /** Counts the call by its outcome once it completes; returns the same future. */
    <T> CompletableFuture<T> record(String operation, CompletableFuture<T> call) {
        return call.whenComplete((value, failure) -> counter(operation, result(failure)).increment());
    }

    private Counter counter(String operation, String result) {
        return Counter.builder(CALLS).description("Calls of the upgrade gateway to the outside world")
                .tag("gateway", "salesforce").tag("operation", operation).tag("result", result).register(registry);
    }

    private static String result(Throwable failure) {
        if (failure == null) {
            return "success";
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof SalesforceException e && e.isTransient() ? "transient_error" : "error";
    }
}
