package io.upshift.notifier.subscriber.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The personal link an advance notice, reminder or new-window email carries to the subscriber portal:
 * signed for one campaign, one org and one notice, expiring at the window's start. Empty when the
 * notifier has no link key or no portal address (the emails then say nothing of a link).
 */
@FunctionalInterface
public interface PersonalLinks {

    PersonalLinks NONE = (campaignId, orgId, noticeId, windowStart) -> Optional.empty();

    Optional<String> link(String campaignId, String orgId, String noticeId, Instant windowStart);
}
