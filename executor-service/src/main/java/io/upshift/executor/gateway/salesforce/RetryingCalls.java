package io.upshift.executor.gateway.salesforce;

import io.upshift.salesforce.SalesforceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call of the gateway to Salesforce: paced by the {@link ApiRequestBudget}, counted in the
 * metrics, and tried again with exponential backoff (equal jitter) while it fails transiently
 * (5xx, {@code UNKNOWN_EXCEPTION}, {@code REQUEST_LIMIT_EXCEEDED}, I/O) and the next try would still
 * start before the caller's deadline — the window of the orgs it serves, not a number of tries.
 * The returned futures complete on the loop thread.
 */
final class RetryingCalls {

    private static final Logger log = LoggerFactory.getLogger(RetryingCalls.class);

    private final ScheduledExecutorService loop;
    private final Clock clock;
    private final SalesforceGatewayProperties.Retry retry;
    private final ApiRequestBudget budget;
    private final SalesforceGatewayMetrics metrics;

    RetryingCalls(ScheduledExecutorService loop, Clock clock, SalesforceGatewayProperties.Retry retry,
                  ApiRequestBudget budget, SalesforceGatewayMetrics metrics) {
        this.loop = loop;
        this.clock = clock;
        this.retry = retry;
        this.budget = budget;
        this.metrics = metrics;
    }

    /** One try only (a caller with its own retry, such as the poll or the executor's runner). */
    <T> CompletableFuture<T> once(String operation, Supplier<CompletableFuture<T>> call) {
        return call(operation, clock.instant(), call);
    }

    /** Tries the call until it succeeds, fails for good, or the next try would start after the deadline. */
    <T> CompletableFuture<T> call(String operation, Instant deadline, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(operation, deadline, call, 1, result);
        return result;
    }

    private <T> void attempt(String operation, Instant deadline, Supplier<CompletableFuture<T>> call, int tries,
                             CompletableFuture<T> result) {
        Duration wait = budget.waitBeforeCall();
        if (wait.isPositive()) {
            if (clock.instant().plus(wait).isAfter(deadline)) {
                result.completeExceptionally(PushErrors.budgetUsedUp());
            } else {
                later(wait, () -> attempt(operation, deadline, call, tries, result), result);
            }
            return;
        }
        budget.called();
        CompletableFuture<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        metrics.record(operation, stage).whenCompleteAsync((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            SalesforceException e = PushErrors.salesforceException(failure);
            if (e == null || !e.isTransient()) {
                result.completeExceptionally(failure);
                return;
            }
            if ("REQUEST_LIMIT_EXCEEDED".equals(e.errorCode())) {
                budget.limitExceeded();
            }
            Duration delay = backoff(tries);
            if (clock.instant().plus(delay).isAfter(deadline)) {
                result.completeExceptionally(failure);
                return;
            }
            log.info("{} failed ({}); try {} in {} ms", operation, e.errorCode(), tries + 1, delay.toMillis());
            later(delay, () -> attempt(operation, deadline, call, tries + 1, result), result);
        }, loop);
    }

    /** Doubling from the initial backoff up to the maximum, half of it random. */
    private Duration backoff(int tries) {
        long initial = retry.initialBackoff().toMillis();
        long capped = Math.min(retry.maxBackoff().toMillis(), initial << Math.min(tries - 1, 20));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void later(Duration delay, Runnable task, CompletableFuture<?> result) {
        try {
            loop.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(PushErrors.stopped());
        }
    }
}
