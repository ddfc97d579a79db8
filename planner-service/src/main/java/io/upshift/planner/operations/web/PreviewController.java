package io.upshift.planner.operations.web;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.operations.CampaignDrafts;
import io.upshift.planner.planning.PlanSummary;
import io.upshift.planner.planning.Planner;
import io.upshift.planner.planning.domain.ExclusionReason;
import io.upshift.planner.planning.jdbc.CampaignExclusions;
import io.upshift.planner.planning.jdbc.EligibilityQuery;
import io.upshift.planner.shared.domain.ConflictException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dry run of a DRAFT campaign: what scheduling it now would plan. The exclusion list outlives the
 * draft: once scheduled it lists what scheduling stored (planning/jdbc/CampaignExclusions). Reads only,
 * in a read-only repeatable-read transaction, so counts, waves and pages agree with each other.
 */
@RestController
@RequestMapping("/api/v1/campaigns/{id}/preview")
class PreviewController {

    private final CampaignDrafts campaigns;
    private final Planner planner;
    private final CampaignExclusions exclusions;
    private final DispatchProperties dispatch;
    private final Clock clock;
    private final TransactionTemplate readOnly;

    PreviewController(CampaignDrafts campaigns, Planner planner, CampaignExclusions exclusions,
            DispatchProperties dispatch, Clock clock, PlatformTransactionManager transactionManager) {
        this.dispatch = dispatch;
        this.campaigns = campaigns;
        this.planner = planner;
        this.exclusions = exclusions;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * Eligible and excluded counts, waves with sizes and projected timing, the timeline, warnings and
     * problems, and — with a deadline — whether the campaign fits it ({@code plan.deadline}).
     */
    @GetMapping
    PreviewView preview(@PathVariable UUID id) {
        return read(() -> {
            Campaign campaign = draft(id);
            Instant now = clock.instant();
            PlanSummary summary = planner.preview(campaign, campaigns.target(campaign), now, dispatch.defaultMaxInFlight());
            return new PreviewView(id, now, summary.eligible(),
                    summary.excluded().values().stream().mapToLong(Long::longValue).sum(), summary);
        });
    }

    /**
     * The excluded orgs with their reasons, by org id (pass {@code next} as {@code after}): for a DRAFT
     * what scheduling it now would exclude (NO_WINDOW and NO_WINDOW_BEFORE_DEADLINE included), once
     * scheduled what scheduling excluded.
     */
    @GetMapping("/exclusions")
    ExclusionPage exclusions(@PathVariable UUID id, @RequestParam(required = false) ExclusionReason reason,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return read(() -> {
            Campaign campaign = campaigns.get(id);
            List<EligibilityQuery.Excluded> page = campaign.state().canBeScheduled()
                    ? planner.previewExclusions(campaign, campaigns.target(campaign), clock.instant(),
                            dispatch.defaultMaxInFlight(), reason, after, limit)
                    : exclusions.page(id, reason, after, limit);
            return new ExclusionPage(page, page.size() < limit ? null : page.getLast().orgId());
        });
    }

    /** The planned orgs with their wave and window, in wave order (optionally of one wave). */
    @GetMapping("/orgs")
    List<Planner.PlannedOrg> orgs(@PathVariable UUID id, @RequestParam(required = false) Integer wave,
            @RequestParam(defaultValue = "0") @Min(0) long offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return read(() -> {
            Campaign campaign = draft(id);
            return planner.previewOrgs(campaign, campaigns.target(campaign), clock.instant(),
                    dispatch.defaultMaxInFlight(), wave, offset, limit);
        });
    }

    private Campaign draft(UUID id) {
        Campaign campaign = campaigns.get(id);
        if (!campaign.state().canBeScheduled()) {
            throw new ConflictException("a preview shows what scheduling a DRAFT would plan; campaign " + id + " is "
                    + campaign.state() + ": its plan is in GET /api/v1/campaigns/" + id, campaign.state().name());
        }
        return campaign;
    }

    private <T> T read(Supplier<T> work) {
        return readOnly.execute(status -> work.get());
    }

    /**
     * @param computedAt the instant the plan was computed for (windows start no earlier than it plus the notice period)
     */
    record PreviewView(UUID campaignId, Instant computedAt, long eligible, long excludedTotal, PlanSummary plan) {
    }

    record ExclusionPage(List<EligibilityQuery.Excluded> items, String next) {
    }
}
