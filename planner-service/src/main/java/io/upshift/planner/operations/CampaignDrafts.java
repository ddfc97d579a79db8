package io.upshift.planner.operations;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.TargetVersion;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.PackageCatalog;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.planning.jdbc.EligibilityQuery;
import io.upshift.planner.shared.domain.NotFoundException;
import io.upshift.planner.shared.domain.UnprocessableException;
import io.upshift.planner.shared.domain.UnprocessableException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, edits and reads campaign definitions. A definition is checked in full before anything
 * is stored: unknown package or version → 404; a beta or deprecated target, a downgrade, a start
 * inside the notice period or a selection without one eligible org → 422 with the reasons.
 */
@Service
public class CampaignDrafts {

    private final CampaignStore store;
    private final PackageCatalog catalog;
    private final EligibilityQuery eligibility;
    private final PlanningProperties planning;
    private final Clock clock;
    private final TransactionTemplate transactions;

    CampaignDrafts(CampaignStore store, PackageCatalog catalog, EligibilityQuery eligibility,
            PlanningProperties planning, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.catalog = catalog;
        this.eligibility = eligibility;
        this.planning = planning;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public Campaign create(CampaignSpec spec) {
        UUID id = UUID.randomUUID();
        return transactions.execute(status -> {
            Instant now = clock.instant();
            TargetVersion target = check(id, spec, now);
            Campaign campaign = Campaign.draft(id, spec.withTargetVersion(target.number()), target.packageName(),
                    target.versionId(), now);
            store.insert(campaign);
            return campaign;
        });
    }

    /**
     * Replaces the definition of a draft; {@code expectedVersion} (If-Match) guards against lost
     * updates. The creator stays who it was, whatever the new definition says.
     */
    public Campaign replace(UUID id, CampaignSpec spec, Integer expectedVersion) {
        return transactions.execute(status -> {
            Campaign current = store.lockForChange(id, expectedVersion).requireEditable();
            Instant now = clock.instant();
            TargetVersion target = check(id, spec, now);
            return store.update(current.redefined(spec.withTargetVersion(target.number()), target.packageName(),
                    target.versionId()), now);
        });
    }

    /** Sets a draft's {@code selection.orgIds} (an uploaded org file), guarded by If-Match like a replace. */
    public Campaign selectOrgs(UUID id, List<String> orgIds, Integer expectedVersion) {
        return transactions.execute(status -> {
            Campaign current = store.lockForChange(id, expectedVersion).requireEditable();
            Instant now = clock.instant();
            CampaignSpec spec = current.spec().withOrgIds(orgIds);
            TargetVersion target = check(id, spec, now);
            return store.update(current.redefined(spec, target.packageName(), target.versionId()), now);
        });
    }

    public Campaign get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("campaign", id));
    }

    public List<Campaign> list(CampaignState state, String packageId, int offset, int limit) {
        return store.list(state, packageId, offset, limit);
    }

    /** The campaign's target version as the catalogue knows it now. */
    public TargetVersion target(Campaign campaign) {
        return catalog.target(campaign.spec());
    }

    /** Everything that must hold before a definition is stored. */
    TargetVersion check(UUID id, CampaignSpec spec, Instant now) {
        List<Reason> reasons = new ArrayList<>();
        spec.problems().forEach(p -> reasons.add(Reason.of(p.field(), p.message())));
        if (!reasons.isEmpty()) {
            throw new UnprocessableException("the campaign definition does not hold together", reasons);
        }
        TargetVersion target = catalog.target(spec);
        if (target.beta()) {
            reasons.add(Reason.of("targetVersion", target.number() + " is a beta version: betas cannot be pushed"));
        }
        if (target.deprecated()) {
            reasons.add(Reason.of("targetVersion", target.number() + " is deprecated: push a current version"));
        }
        CampaignSpec.VersionRange range = spec.selection().installedVersion();
        if (range != null && range.min() != null
                && PackageVersionNumber.parseLenient(range.min()).orElseThrow().compareTo(target.version()) >= 0) {
            reasons.add(Reason.of("selection.installedVersion.min", "selects orgs on " + range.min()
                    + " or later, not older than the target " + target.number() + ": that would be a downgrade"));
        }
        planning.scheduleProblems(spec, now).forEach(p -> reasons.add(Reason.of(p.field(), p.message())));
        if (!reasons.isEmpty()) {
            throw new UnprocessableException("the campaign cannot push " + target.number(), reasons);
        }
        EligibilityQuery.Counts counts = eligibility.count(id, spec, target);
        if (counts.eligibleTotal() == 0) {
            List<Reason> why = new ArrayList<>();
            counts.excluded().forEach((reason, n) -> why.add(Reason.of("selection",
                    n + (n == 1 ? " org: " : " orgs: ") + reason.description() + " (" + reason.name() + ")")));
            if (why.isEmpty()) {
                why.add(Reason.of("selection", "the selection holds no org with the package"));
            }
            throw new UnprocessableException("no org is eligible for " + target.number(), why);
        }
        return target;
    }
}
