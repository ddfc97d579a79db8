package io.upshift.notifier.webhook;

import io.upshift.notifier.email.domain.ReportFacts;
import io.upshift.notifier.report.domain.CampaignEventFacts;
import io.upshift.notifier.report.domain.CampaignEventFollower;
import io.upshift.notifier.webhook.domain.Webhook;
import io.upshift.notifier.webhook.domain.WebhookDeliveries;
import io.upshift.notifier.webhook.domain.WebhookDelivery;
import io.upshift.notifier.webhook.domain.WebhookMessages;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a delivery per webhook that wants the event, in the transaction that consumes it (the caller's): the
 * delivery exists if and only if the event was applied, so none is lost and a redelivered event (which never gets
 * here: the intake recognises it) adds none. The sender is woken once the transaction has committed.
 */
@Component
class WebhookOutbox implements CampaignEventFollower {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Webhook> webhooks;
    private final WebhookMessages messages;
    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;

    WebhookOutbox(List<Webhook> webhooks, WebhookMessages messages, WebhookDeliveries deliveries,
            WebhookSender sender) {
        this.webhooks = List.copyOf(webhooks);
        this.messages = messages;
        this.deliveries = deliveries;
        this.sender = sender;
    }

    @Override
    public void follow(CampaignEventFacts event, Instant now) {
        if (webhooks.isEmpty()) {
            return;
        }
        if (event.type().name().startsWith("WAVE_") && event.counts() != null) {
            deliveries.rememberWaveCounts(event.campaignId(), event.waveNumber(), JSON.writeValueAsString(event.counts()),
                    event.at());
        }
        List<Webhook> wanting = webhooks.stream().filter(w -> w.wants(event)).toList();
        if (wanting.isEmpty()) {
            return;
        }
        ReportFacts.Counts waveCounts = event.type() == CampaignEventFacts.Type.HALTED && event.waveNumber() != null
                ? deliveries.waveCounts(event.campaignId(), event.waveNumber())
                        .map(json -> JSON.readValue(json, ReportFacts.Counts.class)).orElse(null)
                : null;
        boolean added = false;
        for (Webhook webhook : wanting) {
            String body = JSON.writeValueAsString(messages.body(webhook, event, waveCounts));
            added |= deliveries.add(new WebhookDelivery(webhook.deliveryId(event), webhook.name(), event.type().name(),
                    event.campaignId(), body, 0, now), now);
        }
        if (added && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.wakeUp();
                }
            });
        }
    }
}
