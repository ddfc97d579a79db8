package io.upshift.planner.orghealth.web;

import io.upshift.planner.inventory.jdbc.PackageRepository;
import io.upshift.planner.orghealth.OrgHealth;
import io.upshift.planner.orghealth.jdbc.OrgHistory;
import io.upshift.planner.shared.domain.InvalidInputException;
import io.upshift.planner.shared.domain.NotFoundException;
import io.upshift.planner.shared.domain.SalesforceIds;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Org health across a package's campaigns: {@code GET /api/v1/packages/{id}/chronic-orgs} (the orgs that fail
 * again and again, with their last errors) and {@code GET /api/v1/packages/{id}/laggards?behind=M} (orgs more than
 * M released versions behind the newest, with why). Reads: every role may call them.
 */
@RestController
class OrgHealthController {

    private static final int MAX_PAGE = 1000;

    private final OrgHealth health;
    private final OrgHistory history;
    private final PackageRepository packages;

    OrgHealthController(OrgHealth health, OrgHistory history, PackageRepository packages) {
        this.health = health;
        this.history = history;
        this.packages = packages;
    }

    @GetMapping("/api/v1/packages/{packageId}/chronic-orgs")
    ChronicOrgsView chronicOrgs(@PathVariable String packageId) {
        String id = knownPackage(packageId);
        OrgHealth.ChronicReport report = health.chronicOrgs(id);
        return new ChronicOrgsView(report.rule().failures(), report.rule().campaigns(), report.campaigns(),
                report.orgs().stream().map(o -> new ChronicOrgView(o.orgId(), o.failures(),
                        o.results().stream().filter(r -> r.errorCode() != null || r.errorMessage() != null)
                                .findFirst().map(OrgHealthController::result).orElse(null),
                        o.results().stream().map(OrgHealthController::result).toList())).toList());
    }

    @GetMapping("/api/v1/packages/{packageId}/laggards")
    LaggardsView laggards(@PathVariable String packageId, @RequestParam(defaultValue = "1") String behind,
            @RequestParam(required = false) String after, @RequestParam(defaultValue = "100") String limit) {
        String id = knownPackage(packageId);
        int m = number("behind", behind, 0, 10_000);
        int size = number("limit", limit, 1, MAX_PAGE);
        String from = null;
        if (after != null && !after.isBlank()) {
            try {
                from = SalesforceIds.orgId(after);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("after", "is not an org id: " + e.getMessage());
            }
        }
        List<OrgHistory.Laggard> page = history.laggards(id, m, from, size);
        String next = page.size() == size ? page.getLast().orgId() : null;
        return new LaggardsView(history.newestRelease(id), m, page.stream().map(l -> new LaggardView(l.orgId(),
                l.orgName(), l.installedVersion(), l.versionsBehind(), l.reason().name(), l.reason().description(),
                l.lastCampaignId(), l.lastState(), l.lastExclusion(), l.lastErrorCode(), l.lastErrorMessage()))
                .toList(), next);
    }

    private String knownPackage(String text) {
        String id;
        try {
            id = SalesforceIds.normalize(text, SalesforceIds.PACKAGE_PREFIX, "package id");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("packageId", e.getMessage());
        }
        packages.find(id).orElseThrow(() -> new NotFoundException("package", id));
        return id;
    }

    private static int number(String field, String text, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number, got '" + text + "'");
        }
        if (n < min || n > max) {
            throw new InvalidInputException(field, "must be from " + min + " to " + max + ", got " + n);
        }
        return n;
    }

    private static ResultView result(OrgHistory.CampaignResult r) {
        return new ResultView(r.campaignId(), r.targetVersion(), r.state(), r.errorCategory(), r.errorCode(),
                r.errorMessage(), r.finishedAt(), r.pushDuration() == null ? null : r.pushDuration().toMillis());
    }

    /**
     * @param failureThreshold K: failures that make an org chronic
     * @param campaignsConsidered N: the package's last campaigns judged
     * @param campaigns those campaigns, newest first
     */
    record ChronicOrgsView(int failureThreshold, int campaignsConsidered, List<UUID> campaigns,
            List<ChronicOrgView> orgs) {
    }

    /** A chronic org with its last error and its result in each campaign judged that included it. */
    record ChronicOrgView(String orgId, int failures, ResultView lastError, List<ResultView> results) {
    }

    record ResultView(UUID campaignId, String targetVersion, String state, String errorCategory, String errorCode,
            String errorMessage, Instant finishedAt, Long pushDurationMs) {
    }

    record LaggardsView(String newestRelease, int behind, List<LaggardView> items, String next) {
    }

    record LaggardView(String orgId, String orgName, String installedVersion, int versionsBehind, String reason,
            String reasonDescription, UUID lastCampaignId, String lastState, String lastExclusion,
            String lastErrorCode, String lastErrorMessage) {
    }
}
