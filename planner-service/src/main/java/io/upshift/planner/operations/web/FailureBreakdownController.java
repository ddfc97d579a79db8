package io.upshift.planner.operations.web;

import io.upshift.planner.operations.CampaignDrafts;
import io.upshift.planner.operations.domain.FailureBreakdown;
import io.upshift.planner.operations.jdbc.FailureBreakdownQuery;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A campaign's failure breakdown: its failed and timed-out orgs by Salesforce error code and by instance
 * (pod), largest group first, each with a few example orgs — {@code GET /api/v1/campaigns/{id}/failures}.
 * Readable by every role, like the campaign. A campaign without failures (or a draft) has empty groups.
 */
@RestController
class FailureBreakdownController {

    private final CampaignDrafts campaigns;
    private final FailureBreakdownQuery query;

    FailureBreakdownController(CampaignDrafts campaigns, FailureBreakdownQuery query) {
        this.campaigns = campaigns;
        this.query = query;
    }

    @GetMapping("/api/v1/campaigns/{id}/failures")
    FailureBreakdown failures(@PathVariable UUID id, @RequestParam(defaultValue = "3") @Min(1) @Max(20) int examples) {
        campaigns.get(id);
        return query.breakdown(id, examples);
    }
}
