package io.upshift.notifier.webhook;

import io.upshift.common.lifecycle.BackgroundLoop;
import io.upshift.notifier.config.NotifierProperties;
import io.upshift.notifier.webhook.domain.Webhook;
import io.upshift.notifier.webhook.domain.WebhookClient;
import io.upshift.notifier.webhook.domain.WebhookDeliveries;
import io.upshift.notifier.webhook.domain.WebhookDeliveries.Outcome;
import io.upshift.notifier.webhook.domain.WebhookDelivery;
import io.upshift.notifier.webhook.domain.WebhookRetryPolicy;
import io.upshift.notifier.webhook.domain.WebhookSignature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The webhook sender: a {@link BackgroundLoop} ({@code webhook-sender}) that claims due deliveries (SKIP LOCKED,
 * with a lease, like the email queue: several replicas share the rows), signs and posts each, and records what
 * came of it by {@link WebhookRetryPolicy}. A restart loses nothing: the rows stay, and one claimed by a sender
 * that died comes back when its lease runs out — sent again under the same id, which is what at least once means.
 */
@Component
class WebhookSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int BATCH = 20;

    private final Map<String, Webhook> webhooks;
    private final WebhookDeliveries deliveries;
    private final WebhookClient client;
    private final WebhookRetryPolicy policy;
    private final NotifierProperties.WebhookDelivery settings;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final String owner;
    private final BackgroundLoop loop;

    WebhookSender(List<Webhook> webhooks, WebhookDeliveries deliveries, WebhookClient client,
            WebhookRetryPolicy policy, NotifierProperties properties, WebhookMetrics metrics, Clock clock,
            @Value("${upshift.instance-id:}") String instanceId) {
        this.webhooks = webhooks.stream().collect(Collectors.toMap(Webhook::name, Function.identity()));
        this.deliveries = deliveries;
        this.client = client;
        this.policy = policy;
        this.settings = properties.webhookDelivery();
        this.metrics = metrics;
        this.clock = clock;
        this.owner = (instanceId.isBlank() ? "notifier" : instanceId) + "/" + UUID.randomUUID() + "/webhooks";
        this.loop = BackgroundLoop.named("webhook-sender")
                .phase(Integer.MAX_VALUE - 1000)
                .step(this::round)
                .afterFailure(settings.pollInterval())
                .stopTimeout(settings.timeout().plusSeconds(5))
                .build();
    }

    /** One round: returns the pause before the next (none when the batch was full: there may be more due). */
    Duration round() {
        Instant now = clock.instant();
        metrics.pending(deliveries.pending());
        List<WebhookDelivery> claimed = deliveries.claim(now, BATCH, settings.lease(), owner);
        for (WebhookDelivery delivery : claimed) {
            if (!loop.isRunning()) {
                // stopping: the rest go back when their lease runs out, untried
                break;
            }
            deliver(delivery);
        }
        return claimed.size() == BATCH ? Duration.ZERO : settings.pollInterval();
    }

    private void deliver(WebhookDelivery delivery) {
        int attempts = delivery.attempts() + 1;
        Webhook webhook = webhooks.get(delivery.webhook());
        if (webhook == null) {
            log.warn("webhook delivery {}: webhook '{}' is no longer configured; giving it up", delivery.id(),
                    delivery.webhook());
            deliveries.record(delivery.id(), owner, new Outcome.GaveUp(null, delivery.attempts(), clock.instant(),
                    "webhook no longer configured"));
            metrics.gaveUp();
            return;
        }
        Integer status = null;
        String error = null;
        try {
            long t = clock.instant().getEpochSecond();
            status = client.post(webhook.url(), Map.of(
                    "Content-Type", "application/json",
                    WebhookSignature.ID_HEADER, delivery.id(),
                    WebhookSignature.HEADER, WebhookSignature.header(webhook.secret(), t, delivery.body())),
                    delivery.body(), settings.timeout());
            error = status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (WebhookClient.Unreachable e) {
            error = e.getMessage();
        }
        Instant now = clock.instant();
        switch (policy.decide(status, attempts, now)) {
            case WebhookRetryPolicy.Decision.Delivered d -> {
                deliveries.record(delivery.id(), owner, new Outcome.Delivered(status, attempts, now));
                metrics.delivered();
            }
            case WebhookRetryPolicy.Decision.RetryAt retry -> {
                deliveries.record(delivery.id(), owner, new Outcome.Retry(status, attempts, retry.at(), error));
                metrics.retried();
                log.info("webhook {} delivery {} ({}): try {} failed ({}), next at {}", webhook.name(), delivery.id(),
                        delivery.eventType(), attempts, error, retry.at());
            }
            case WebhookRetryPolicy.Decision.GiveUp g -> {
                deliveries.record(delivery.id(), owner, new Outcome.GaveUp(status, attempts, now, error));
                metrics.gaveUp();
                log.warn("webhook {} delivery {} ({}): given up after {} tries ({})", webhook.name(), delivery.id(),
                        delivery.eventType(), attempts, error);
            }
        }
    }

    /** Looks for due deliveries now rather than after the poll interval. */
    void wakeUp() {
        loop.wake();
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        if (!webhooks.isEmpty()) {
            log.info("webhook sender {} started: {} webhook(s) {}", owner, webhooks.size(), webhooks.keySet());
        }
        // started even without webhooks: rows of a webhook removed from the configuration are closed, not left pending
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public int getPhase() {
        return loop.getPhase();
    }
}
