package io.upshift.executor.execution.domain;

import java.util.Optional;
import java.util.UUID;

/** Whether commands of a campaign may still run. */
public interface CampaignGate {

    /** Why the campaign's commands must not run ("campaign HALTED: …"), or empty when they may. */
    Optional<String> stopReason(UUID campaignId);

    /** Why this org's command must not run: its campaign stopped, or a person removed the org from it. */
    default Optional<String> stopReason(UUID campaignId, String orgId) {
        return stopReason(campaignId);
    }
}
