package io.upshift.planner.operations.web;

import io.upshift.planner.operations.CampaignDrafts;
import io.upshift.security.audit.domain.AuditLog;
import io.upshift.security.audit.web.AuditPages;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A campaign's audit trail: every state-changing call made on it — including the refused ones —
 * with who, when, from where and the answer, newest first: {@code GET /api/v1/campaigns/{id}/audit}.
 */
@RestController
class CampaignAuditController {

    private final CampaignDrafts campaigns;
    private final AuditLog audit;

    CampaignAuditController(CampaignDrafts campaigns, AuditLog audit) {
        this.campaigns = campaigns;
        this.audit = audit;
    }

    /** Pass the answer's {@code next} as {@code before} for the following page. */
    @GetMapping("/api/v1/campaigns/{id}/audit")
    AuditPages.Page trail(@PathVariable UUID id, @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        campaigns.get(id);
        return AuditPages.page(audit, new AuditLog.Query("campaigns", id.toString(), null, null, null, before, limit));
    }
}
