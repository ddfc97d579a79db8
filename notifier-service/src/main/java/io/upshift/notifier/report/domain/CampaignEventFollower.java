package io.upshift.notifier.report.domain;

import java.time.Instant;

/**
 * Something else that must happen when a campaign event is consumed, in the same transaction as the
 * reports it queues (a webhook delivery to record): if that transaction rolls back, so does what the
 * follower wrote, and the redelivered event does it again. A follower must be idempotent only through
 * that transaction: a redelivered event that was applied before never reaches it.
 */
public interface CampaignEventFollower {

    void follow(CampaignEventFacts event, Instant now);
}
