package io.upshift.notifier.webhook.domain;

import io.upshift.notifier.report.domain.CampaignEventFacts;
import java.util.Objects;
import java.util.Set;

/**
 * A configured webhook: where to POST, the key to sign with, which event types and which packages it wants.
 *
 * @param name part of each delivery's idempotency key, {@code <eventId>/<name>}
 * @param packageNames campaigns of these packages only (by the name the campaign events carry); empty: every package
 */
public record Webhook(String name, String url, String secret, Set<CampaignEventFacts.Type> events,
        Set<String> packageNames) {

    public Webhook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        events = Set.copyOf(events);
        packageNames = Set.copyOf(packageNames);
    }

    public boolean wants(CampaignEventFacts event) {
        return events.contains(event.type())
                && (packageNames.isEmpty() || event.packageName() != null && packageNames.contains(event.packageName()));
    }

    /** The idempotency key of this webhook's delivery of an event. */
    public String deliveryId(CampaignEventFacts event) {
        return event.eventId() + "/" + name;
    }

    @Override
    public String toString() {
        // never the secret, nor the URL (a Slack incoming-webhook URL is a credential)
        return "Webhook[" + name + "]";
    }
}
