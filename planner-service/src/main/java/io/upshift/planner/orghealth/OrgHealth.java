package io.upshift.planner.orghealth;

import io.upshift.planner.orghealth.config.OrgHealthProperties;
import io.upshift.planner.orghealth.domain.ChronicRule;
import io.upshift.planner.orghealth.jdbc.OrgHistory;
import io.upshift.planner.orghealth.jdbc.OrgHistory.CampaignResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each org's health with a package across campaigns: which orgs are chronic (the configured
 * {@link ChronicRule} over the package's last campaigns) and what became of them. Planning asks it which
 * orgs to set apart; the API lists them.
 */
@Service
public class OrgHealth {

    private final OrgHistory history;
    private final ChronicRule rule;

    OrgHealth(OrgHistory history, OrgHealthProperties properties) {
        this.history = history;
        this.rule = properties.rule();
    }

    public ChronicRule rule() {
        return rule;
    }

    /** The package's chronic orgs, judged on its last campaigns other than {@code planning} (may be null). */
    public Set<String> chronicOrgIds(String packageId, UUID planning) {
        List<UUID> last = history.lastCampaigns(packageId, planning, rule.campaigns());
        return rule.chronic(last, history.failures(last));
    }

    /** The package's chronic orgs, each with its results in the campaigns judged (newest first). */
    @Transactional(readOnly = true)
    public ChronicReport chronicOrgs(String packageId) {
        List<UUID> last = history.lastCampaigns(packageId, null, rule.campaigns());
        Map<String, Set<UUID>> failures = history.failures(last);
        Set<String> chronic = rule.chronic(last, failures);
        Map<String, List<CampaignResult>> byOrg = new LinkedHashMap<>();
        chronic.forEach(org -> byOrg.put(org, new java.util.ArrayList<>()));
        history.results(last, chronic).forEach(r -> byOrg.get(r.orgId()).add(r));
        List<ChronicOrg> orgs = byOrg.entrySet().stream()
                .map(e -> new ChronicOrg(e.getKey(), rule.failuresAmong(last, failures.get(e.getKey())), e.getValue()))
                .toList();
        return new ChronicReport(rule, last, orgs);
    }

    /** A chronic org: how many of the campaigns judged it failed in, and its result in each it was part of. */
    public record ChronicOrg(String orgId, int failures, List<CampaignResult> results) {
    }

    /** The chronic orgs of a package, the rule and the campaigns they were judged on (newest first). */
    public record ChronicReport(ChronicRule rule, List<UUID> campaigns, List<ChronicOrg> orgs) {
    }
}
