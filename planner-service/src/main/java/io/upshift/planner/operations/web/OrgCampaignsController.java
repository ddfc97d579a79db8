package io.upshift.planner.operations.web;

import io.upshift.planner.campaign.jdbc.TargetQueries;
import io.upshift.planner.operations.web.CampaignViews.HistoryView;
import io.upshift.planner.shared.domain.InvalidInputException;
import io.upshift.planner.shared.domain.NotFoundException;
import io.upshift.schemas.OrgIds;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** An org's campaign history: {@code GET /api/v1/orgs/{orgId}/campaigns} (15- or 18-character id). */
@RestController
class OrgCampaignsController {

    private final TargetQueries targets;

    OrgCampaignsController(TargetQueries targets) {
        this.targets = targets;
    }

    @GetMapping("/api/v1/orgs/{orgId}/campaigns")
    List<HistoryView> history(@PathVariable String orgId) {
        String id = OrgIds.normalize(orgId).orElseThrow(() -> new InvalidInputException("orgId",
                OrgIds.problem(orgId).orElse("is not an org id")));
        List<TargetQueries.History> history = targets.history(id);
        if (history.isEmpty() && !targets.orgKnown(id)) {
            throw new NotFoundException("org", id);
        }
        return history.stream().map(h -> new HistoryView(h.campaignId(), h.campaignName(), h.packageId(),
                h.packageName(), h.targetVersion(), h.campaignState(), h.campaignCreatedAt(),
                CampaignViews.target(h.target()))).toList();
    }
}
