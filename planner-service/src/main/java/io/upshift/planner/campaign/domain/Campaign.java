package io.upshift.planner.campaign.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored campaign: its definition, where it stands, and the optimistic-lock version every
 * change increments.
 *
 * @param targetVersionId the 04t… id of the target version
 * @param version the optimistic-lock version
 * @param startsAt when the first wave may start (set when scheduled)
 * @param stateReason why it is in its state, for people (a gate decision, a cancel note)
 */
public record Campaign(
        UUID id,
        CampaignSpec spec,
        String packageName,
        String targetVersionId,
        CampaignState state,
        int version,
        Instant createdAt,
        Instant updatedAt,
        Instant scheduledAt,
        Instant startsAt,
        Instant startedAt,
        Instant finishedAt,
        String stateReason) {

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
    }
}
