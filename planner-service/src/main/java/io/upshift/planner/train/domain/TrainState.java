package io.upshift.planner.train.domain;

import io.upshift.planner.campaign.domain.CampaignState;
import java.util.List;

/**
 * A train has no state of its own to keep in step: it is read from its tiers' campaigns, the most
 * urgent first (a halted tier makes the train HALTED whatever the others do).
 */
public final class TrainState {

    private TrainState() {
    }

    public static CampaignState of(List<CampaignState> tiers) {
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a train has tiers");
        }
        if (tiers.stream().allMatch(s -> s == CampaignState.DRAFT)) {
            return CampaignState.DRAFT;
        }
        for (CampaignState urgent : List.of(CampaignState.HALTED, CampaignState.RUNNING, CampaignState.PAUSED,
                CampaignState.SCHEDULED, CampaignState.DRAFT)) {
            if (tiers.contains(urgent)) {
                return urgent;
            }
        }
        return tiers.contains(CampaignState.CANCELED) ? CampaignState.CANCELED : CampaignState.COMPLETED;
    }
}
