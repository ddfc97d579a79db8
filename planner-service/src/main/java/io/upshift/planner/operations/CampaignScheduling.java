package io.upshift.planner.operations;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.GateBaseline;
import io.upshift.planner.campaign.domain.TargetVersion;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.PackageCatalog;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.campaign.kafka.CampaignEvents;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.planning.PlanSummary;
import io.upshift.planner.planning.Planner;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.planning.domain.ExclusionReason;
import io.upshift.planner.planning.domain.PlanBuilder;
import io.upshift.planner.planning.domain.PushForecast;
import io.upshift.planner.planning.domain.WaveProjection;
import io.upshift.planner.planning.jdbc.CampaignExclusions;
import io.upshift.planner.planning.jdbc.EligibilityQuery;
import io.upshift.planner.planning.jdbc.EligibleOrg;
import io.upshift.planner.planning.jdbc.TargetWriter;
import io.upshift.planner.planning.kafka.ScheduledNotices;
import io.upshift.planner.shared.domain.ConflictException;
import io.upshift.planner.shared.domain.TimeWindow;
import io.upshift.planner.shared.domain.UnprocessableException;
import io.upshift.planner.shared.domain.UnprocessableException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * DRAFT → SCHEDULED: plans the campaign, stores its waves and targets and sends every org its
 * advance notice. (Pause, resume, cancel, approve and retry live in {@link CampaignControls}.) It
 * locks the campaign row, checks the state machine and the version the caller read, changes the
 * campaign and writes its messages to the outbox in one transaction.
 */
@Service
public class CampaignScheduling {

    private final CampaignStore store;
    private final WaveStore waves;
    private final PackageCatalog catalog;
    private final Planner planner;
    private final TargetWriter targets;
    private final EligibilityQuery eligibility;
    private final CampaignExclusions exclusions;
    private final ScheduledNotices notices;
    private final CampaignEvents events;
    private final PlanningProperties planning;
    private final DispatchProperties dispatch;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate transactions;

    CampaignScheduling(CampaignStore store, WaveStore waves, PackageCatalog catalog, Planner planner,
            TargetWriter targets, EligibilityQuery eligibility, CampaignExclusions exclusions,
            ScheduledNotices notices, CampaignEvents events, PlanningProperties planning, DispatchProperties dispatch,
            JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactionManager) {
        this.dispatch = dispatch;
        this.store = store;
        this.waves = waves;
        this.catalog = catalog;
        this.planner = planner;
        this.targets = targets;
        this.eligibility = eligibility;
        this.exclusions = exclusions;
        this.notices = notices;
        this.events = events;
        this.planning = planning;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * DRAFT → SCHEDULED by {@code scheduledBy}: plans every eligible org into its wave and window,
     * stores the targets, and sends each org its advance notice (SubscriberNotice SCHEDULED). Refused
     * (422, nothing written) when the earliest start lies inside the notice period or no org is eligible.
     */
    public Campaign schedule(UUID id, Integer expectedVersion, String scheduledBy) {
        return transactions.execute(status -> {
            Campaign campaign = store.lockForChange(id, expectedVersion);
            if (!campaign.state().canBeScheduled()) {
                throw campaign.illegal("schedule");
            }
            // one planning at a time per package: "in another campaign of the package" must see the other's targets
            jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended(?, 7))", Object.class,
                    campaign.spec().packageId());
            Instant now = clock.instant();
            TargetVersion target = catalog.target(campaign.spec());
            List<Reason> refused = new ArrayList<>();
            if (!target.pushable()) {
                refused.add(Reason.of("targetVersion", target.number() + " is "
                        + (target.beta() ? "a beta" : "deprecated") + " now: it cannot be pushed"));
            }
            planning.scheduleProblems(campaign.spec(), now).forEach(p -> refused.add(Reason.of(p.field(), p.message())));
            if (!refused.isEmpty()) {
                throw new UnprocessableException("campaign " + id + " cannot be scheduled", refused);
            }
            PlanSummary summary = plan(campaign, target, now);
            if (!summary.problems().isEmpty()) {
                throw new UnprocessableException("campaign " + id + " cannot be scheduled", summary.problems().stream()
                        .map(p -> Reason.of(p.field(), p.message())).toList());
            }
            List<Wave> planned = summary.waves().stream().map(CampaignScheduling::wave).toList();
            waves.insert(id, planned);
            // the waves run with the soak time they were planned with (shortened to fit a deadline)
            Campaign toRun = summary.deadline() != null && summary.deadline().soakShortened()
                    ? campaign.redefined(Planner.withSoak(campaign.spec(), summary.deadline().plannedSoak()),
                            campaign.packageName(), campaign.targetVersionId())
                    : campaign;
            Campaign scheduled = store.update(toRun.scheduled(now, scheduledBy, summary.start()), now);
            store.savePlanSummary(id, summary);
            WaveCounts totals = planned.stream().map(Wave::counts).reduce(WaveCounts.ZERO, WaveCounts::plus);
            events.emit(scheduled, CampaignEvents.Type.SCHEDULED, null, totals,
                    summary.eligible() + " orgs in " + planned.size() + " waves from " + summary.start(), now);
            return scheduled;
        });
    }

    private PlanSummary plan(Campaign campaign, TargetVersion target, Instant now) {
        List<TargetWriter.PlannedTarget> chunk = new ArrayList<>(planning.batchSize());
        Map<ExclusionReason, List<EligibleOrg>> windowless = new EnumMap<>(ExclusionReason.class);
        int[] windowlessCount = {0};
        Runnable flush = () -> {
            // the org stream is a cursor on this connection: COPY runs between its fetches, never during one
            targets.write(campaign.id(), chunk, now);
            windowless.forEach((reason, orgs) -> exclusions.record(campaign.id(), orgs, reason));
            chunk.clear();
            windowless.clear();
            windowlessCount[0] = 0;
        };
        PlanSummary summary;
        try {
            summary = planner.plan(campaign, target, now, dispatch.defaultMaxInFlight(), new Planner.Sink() {
            @Override
            public void placed(EligibleOrg org, int wave, TimeWindow window) {
                // its SCHEDULED notice is not written here: the relay builds it from the target (ScheduledNotices)
                chunk.add(new TargetWriter.PlannedTarget(org, wave, window,
                        PushForecast.of(org.lastPush(), campaign.spec().pacing().expectedUpgradeDuration())));
                if (chunk.size() >= planning.batchSize()) {
                    flush.run();
                }
            }

            @Override
            public void excluded(EligibleOrg org, ExclusionReason reason) {
                windowless.computeIfAbsent(reason, r -> new ArrayList<>()).add(org);
                if (++windowlessCount[0] >= planning.batchSize()) {
                    flush.run();
                }
            }
            });
        } catch (PlanBuilder.InventoryChangedException e) {
            throw new ConflictException(e.getMessage() + "; schedule again", campaign.state().name());
        }
        flush.run();
        notices.owed(campaign.id());
        targets.analyse();
        // the exclusion list stays readable once scheduled: what the query excluded joins the windowless orgs
        eligibility.recordExcluded(campaign.id(), campaign.spec(), target);
        return summary;
    }

    /** A planned wave as scheduling stores it: PENDING, every org waiting (a rehearsal starts from the same). */
    public static Wave wave(WaveProjection p) {
        int size = Math.toIntExact(p.size());
        return new Wave(p.number(), p.kind().name(), WaveState.PENDING, p.projectedStart(), p.projectedEnd(),
                new WaveCounts(size, size, 0, 0, 0, 0, 0, 0), GateBaseline.NONE, null,
                null, null, null, null, null, p.pilotList());
    }
}
