package io.upshift.notifier.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * {@code upshift_notifier_webhook_deliveries_total{result}} (delivered, retried, gave_up: each try that ended so)
 * and {@code upshift_notifier_webhook_pending} (deliveries not yet delivered or given up, over all replicas).
 */
@Component
class WebhookMetrics {

    static final String DELIVERIES = "upshift.notifier.webhook.deliveries";
    static final String PENDING = "upshift.notifier.webhook.pending";

    private final Counter delivered;
    private final Counter retried;
    private final Counter gaveUp;
    private final AtomicLong pending = new AtomicLong();

    WebhookMetrics(MeterRegistry registry) {
        delivered = counter(registry, "delivered");
        retried = counter(registry, "retried");
        gaveUp = counter(registry, "gave_up");
        Gauge.builder(PENDING, pending, AtomicLong::get)
                .description("Webhook deliveries not yet delivered or given up")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String result) {
        // registered at zero, so an alert on gave_up has a series before the first one
        return Counter.builder(DELIVERIES).description("Webhook tries, by how they ended").tag("result", result)
                .register(registry);
    }

    void delivered() {
        delivered.increment();
    }

    void retried() {
        retried.increment();
    }

    void gaveUp() {
        gaveUp.increment();
    }

    void pending(long count) {
        pending.set(count);
    }
}
