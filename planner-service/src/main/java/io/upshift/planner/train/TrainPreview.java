package io.upshift.planner.train;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.operations.CampaignDrafts;
import io.upshift.planner.planning.PlanSummary;
import io.upshift.planner.planning.Planner;
import io.upshift.planner.planning.jdbc.EligibleOrg;
import io.upshift.planner.shared.domain.TimeWindow;
import io.upshift.planner.train.ReleaseTrains.TierStatus;
import io.upshift.planner.train.domain.DependencyRule;
import io.upshift.planner.train.domain.DependencyRule.BaseFate;
import io.upshift.planner.train.jdbc.TrainStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dry run of a DRAFT train: each tier's plan (its waves, as a campaign preview shows them) and, for a
 * tier that requires another, where each planned org's base stands: met already (released when its window
 * opens), waiting for the base tier (released once the base succeeded there), or DEPENDENCY_NOT_MET — the
 * base tier does not take the org and it lacks the base version, so its push will be canceled
 * ({@code DependencyNotMet}) at its first release round, never attempted. Reads only.
 */
@Component
public class TrainPreview {

    /** The reason a dependent tier's org will be skipped, as the preview names it. */
    public static final String DEPENDENCY_NOT_MET = "DEPENDENCY_NOT_MET";

    private final ReleaseTrains trains;
    private final TrainStore store;
    private final CampaignDrafts campaigns;
    private final Planner planner;
    private final DispatchProperties dispatch;
    private final Clock clock;
    private final TransactionTemplate readOnly;

    TrainPreview(ReleaseTrains trains, TrainStore store, CampaignDrafts campaigns, Planner planner,
            DispatchProperties dispatch, Clock clock, PlatformTransactionManager transactionManager) {
        this.trains = trains;
        this.store = store;
        this.campaigns = campaigns;
        this.planner = planner;
        this.dispatch = dispatch;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public record Preview(UUID trainId, Instant computedAt, List<TierPreview> tiers) {
    }

    /**
     * @param dependency null for a tier that requires nothing
     */
    public record TierPreview(int position, UUID campaignId, String packageId, String targetVersion, PlanSummary plan,
            DependencyPreview dependency) {
    }

    /**
     * Where the planned orgs of a dependent tier stand with their base.
     *
     * @param alreadyMet orgs that have the base at the needed version now
     * @param awaitingBase orgs the base tier will push first: each released after its base succeeded
     * @param excluded orgs that will be skipped, by reason ({@value #DEPENDENCY_NOT_MET})
     * @param notMetByWave of those, how many in each of the tier's waves
     */
    public record DependencyPreview(String requiresPackageId, String minimumVersion, int baseTier, long alreadyMet,
            long awaitingBase, Map<String, Long> excluded, Map<Integer, Long> notMetByWave) {
    }

    public Preview preview(UUID id) {
        return readOnly.execute(status -> {
            List<TierStatus> tiers = trains.drafts(id);
            Instant now = clock.instant();
            Map<UUID, Set<String>> placedByCampaign = new HashMap<>();
            List<TierPreview> previews = tiers.stream().map(t -> {
                Campaign campaign = t.campaign();
                Map<String, Integer> placed = new HashMap<>();
                PlanSummary plan = planner.plan(campaign, campaigns.target(campaign), now, dispatch.defaultMaxInFlight(),
                        new Planner.Sink() {
                            @Override
                            public void placed(EligibleOrg org, int wave, TimeWindow window) {
                                placed.put(org.orgId(), wave);
                            }
                        });
                placedByCampaign.put(campaign.id(), placed.keySet());
                DependencyPreview dependency = null;
                if (t.tier().requires() != null) {
                    Set<String> met = store.orgsMeeting(t.tier().requires());
                    Set<String> inBase = placedByCampaign.getOrDefault(t.tier().requiresCampaignId(), Set.of());
                    long[] counts = new long[3];
                    Map<Integer, Long> notMetByWave = new TreeMap<>();
                    placed.forEach((org, wave) -> {
                        // judged as the dispatcher will, with the base tier scheduled and its push still ahead
                        DependencyRule.Verdict verdict = DependencyRule.judge(
                                inBase.contains(org) ? BaseFate.WAITING : BaseFate.NOT_IN_BASE, met.contains(org));
                        counts[verdict.ordinal()]++;
                        if (verdict == DependencyRule.Verdict.SKIP) {
                            notMetByWave.merge(wave, 1L, Long::sum);
                        }
                    });
                    int baseTier = tiers.stream().filter(b -> b.campaign().id().equals(t.tier().requiresCampaignId()))
                            .findFirst().map(b -> b.tier().position()).orElse(0);
                    dependency = new DependencyPreview(t.tier().requires().packageId(),
                            t.tier().requires().minimum().toString(), baseTier,
                            counts[DependencyRule.Verdict.RELEASE.ordinal()], counts[DependencyRule.Verdict.HOLD.ordinal()],
                            Map.of(DEPENDENCY_NOT_MET, counts[DependencyRule.Verdict.SKIP.ordinal()]), notMetByWave);
                }
                return new TierPreview(t.tier().position(), campaign.id(), campaign.spec().packageId(),
                        campaign.spec().targetVersion(), plan, dependency);
            }).toList();
            return new Preview(id, now, previews);
        });
    }
}
