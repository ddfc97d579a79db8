package io.upshift.executor.execution.domain;

import java.util.Optional;
import java.util.UUID;

/** Whether commands of a campaign may still run. */
public interface CampaignGate {

    /** Why the campaign's commands must not run ("campaign HALTED: …"), or empty when they may. */
    Optional<String> stopReason(UUID campaignId);
}
