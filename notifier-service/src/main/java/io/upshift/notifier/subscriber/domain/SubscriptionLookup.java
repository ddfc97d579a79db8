package io.upshift.notifier.subscriber.domain;

import java.util.Optional;

/** Reads what the notifier knows about an org of a campaign. */
public interface SubscriptionLookup {

    Optional<Subscription> find(String campaignId, String orgId);
}
