package io.upshift.planner.rehearsal;

import io.upshift.planner.campaign.domain.BlastRadius;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.TargetVersion;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.dispatch.domain.ReleaseLimits;
import io.upshift.planner.gate.domain.WaveProgression;
import io.upshift.planner.operations.CampaignDrafts;
import io.upshift.planner.operations.CampaignScheduling;
import io.upshift.planner.planning.PlanSummary;
import io.upshift.planner.planning.Planner;
import io.upshift.planner.planning.domain.PushForecast;
import io.upshift.planner.planning.domain.WaveProjection;
import io.upshift.planner.planning.jdbc.EligibleOrg;
import io.upshift.planner.rehearsal.domain.MonteCarlo;
import io.upshift.planner.rehearsal.domain.Overrides;
import io.upshift.planner.rehearsal.domain.PastPush;
import io.upshift.planner.rehearsal.domain.RehearsalPlan;
import io.upshift.planner.rehearsal.domain.RehearsalReport;
import io.upshift.planner.rehearsal.domain.Twin;
import io.upshift.planner.rehearsal.domain.TwinFit;
import io.upshift.planner.rehearsal.domain.TwinOrg;
import io.upshift.planner.rehearsal.jdbc.HistoryQuery;
import io.upshift.planner.rehearsal.jdbc.RehearsalStore;
import io.upshift.planner.shared.domain.ConflictException;
import io.upshift.planner.shared.domain.InvalidInputException;
import io.upshift.planner.shared.domain.TimeWindow;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rehearses a DRAFT campaign: plans it as scheduling would (the planner's own pass, nothing written),
 * fits a twin from the package's history, runs the plan against the twin once per seed and stores the
 * report in the rehearsal's own row. Runs one rehearsal at a time in the background (they use every
 * core while they run); the API answers 202 at once.
 */
@Service
public class Rehearsals {

    public static final int MAX_SEEDS = 1000;
    private static final Logger log = LoggerFactory.getLogger(Rehearsals.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final CampaignDrafts drafts;
    private final Planner planner;
    private final HistoryQuery history;
    private final RehearsalStore store;
    private final DispatchProperties dispatch;
    private final Clock clock;
    private final TransactionTemplate readOnly;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rehearsal");
        t.setDaemon(true);
        return t;
    });

    Rehearsals(CampaignDrafts drafts, Planner planner, HistoryQuery history, RehearsalStore store,
            DispatchProperties dispatch, Clock clock, PlatformTransactionManager transactions) {
        this.drafts = drafts;
        this.planner = planner;
        this.history = history;
        this.store = store;
        this.dispatch = dispatch;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * What a rehearsal is asked for.
     *
     * @param seeds runs (default 100)
     * @param firstSeed the first run's seed (default 1): the same seeds give the same report
     * @param approvalDelay how long a person takes to approve a wave (default 1 hour)
     */
    public record Request(Integer seeds, Long firstSeed, Duration approvalDelay, Overrides overrides) {

        Request normalized() {
            return new Request(seeds == null ? MonteCarlo.DEFAULT_SEEDS : seeds, firstSeed == null ? 1L : firstSeed,
                    approvalDelay == null ? Duration.ofHours(1) : approvalDelay,
                    overrides == null ? Overrides.NONE : overrides);
        }
    }

    /** Checks the request, records the rehearsal and starts it; returns its id. */
    public UUID start(UUID campaignId, Request request, String requestedBy) {
        Request r = (request == null ? new Request(null, null, null, null) : request).normalized();
        if (r.seeds() < 1 || r.seeds() > MAX_SEEDS) {
            throw new InvalidInputException("seeds", "must be from 1 to " + MAX_SEEDS + ", got " + r.seeds());
        }
        if (r.approvalDelay().isNegative()) {
            throw new InvalidInputException("approvalDelay", "cannot be negative");
        }
        Campaign campaign = drafts.get(campaignId);
        if (!campaign.state().canBeScheduled()) {
            throw new ConflictException("a rehearsal runs a DRAFT campaign's plan; campaign " + campaignId + " is "
                    + campaign.state(), campaign.state().name());
        }
        CampaignSpec spec = specOf(campaign, r.overrides());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        store.insert(id, campaignId, r.seeds(), r.firstSeed(), r.approvalDelay(),
                r.overrides().none() ? null : JSON.writeValueAsString(r.overrides()), requestedBy, now);
        worker.execute(() -> run(id, campaign, spec, r, now));
        return id;
    }

    private static CampaignSpec specOf(Campaign campaign, Overrides overrides) {
        CampaignSpec spec;
        try {
            spec = overrides.apply(campaign.spec());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("overrides", e.getMessage());
        }
        List<CampaignSpec.Problem> problems = spec.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException("overrides", problems.getFirst().field() + ": "
                    + problems.getFirst().message());
        }
        return spec;
    }

    private void run(UUID id, Campaign draft, CampaignSpec spec, Request request, Instant now) {
        try {
            Instant began = clock.instant();
            Campaign variant = new Campaign(draft.id(), spec, draft.packageName(), draft.targetVersionId(), draft.state(),
                    draft.version(), draft.createdAt(), draft.updatedAt(), draft.scheduledAt(), draft.scheduledBy(),
                    draft.startsAt(), draft.startedAt(), draft.finishedAt(), draft.stateReason());
            RehearsalReport report = rehearse(variant, request, now);
            store.done(id, JSON.writeValueAsString(report), Duration.between(began, clock.instant()).toMillis(),
                    clock.instant());
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("rehearsal {} of campaign {} failed", id, draft.id(), e);
            store.failed(id, String.valueOf(e.getMessage()), clock.instant());
        }
    }

    /** Plans, fits and runs; reads only. */
    RehearsalReport rehearse(Campaign campaign, Request request, Instant now) {
        Inputs inputs = readOnly.execute(status -> inputs(campaign, request, now));
        return MonteCarlo.rehearse(inputs.plan(), inputs.twin(), request.seeds(), request.firstSeed());
    }

    private record Inputs(RehearsalPlan plan, Twin twin) {
    }

    private Inputs inputs(Campaign campaign, Request request, Instant now) {
        CampaignSpec spec = campaign.spec();
        TargetVersion target = drafts.target(campaign);
        Duration expectation = spec.pacing().expectedUpgradeDuration();
        List<TwinOrg> orgs = new ArrayList<>();
        PlanSummary summary = planner.plan(campaign, target, now, dispatch.defaultMaxInFlight(),
                (EligibleOrg org, int wave, TimeWindow window) -> orgs.add(new TwinOrg(org.candidate(), wave, window,
                        PushForecast.of(org.lastPush(), expectation).expected())));
        List<RehearsalPlan.PlannedWave> waves = summary.waves().stream()
                .map((WaveProjection w) -> new RehearsalPlan.PlannedWave(w.number(), w.kind(), w.size(),
                        WaveProgression.WaveStatus.of(CampaignScheduling.wave(w), spec))).toList();
        BlastRadius bound = summary.blastRadius();
        Duration soak = summary.deadline() != null ? summary.deadline().plannedSoak()
                : spec.strategy().minimumWaveDuration();
        RehearsalPlan.Rules rules = new RehearsalPlan.Rules(summary.start(), spec.targetVersion(), spec.gate(),
                spec.strategy().approvalRequired(), spec.schedule().urgent(), soak,
                new ReleaseLimits(spec.pacing().maxCommandsPerMinute(), bound.maxInFlight(),
                        spec.pacing().maxInFlightPerInstance(), spec.pacing().maxCommandsPerMinutePerInstance(),
                        dispatch.maxReleasesPerRound()),
                spec.orgTimeout(), spec.schedule().deadline(), spec.schedule().earliestStart(),
                spec.schedule().noticePeriod(), request.approvalDelay(), dispatch.interval(),
                DispatchProperties.WAKE_UP_SPACING, bound.orgs(),
                bound.statement());
        List<PastPush> past = history.pushes(spec.packageId(), campaign.id());
        Twin twin = TwinFit.fit(past, spec.targetVersion(), expectation);
        return new Inputs(new RehearsalPlan(orgs, waves, rules, planner.upgradeWindows(spec)), twin);
    }

    public RehearsalStore.Row get(UUID id) {
        return store.get(id);
    }

    public List<RehearsalStore.Row> ofCampaign(UUID campaignId) {
        drafts.get(campaignId);
        return store.ofCampaign(campaignId, 50);
    }

    public static RehearsalReport report(RehearsalStore.Row row) {
        return row.report() == null ? null : JSON.readValue(row.report(), RehearsalReport.class);
    }

    public static Overrides overrides(String json) {
        return JSON.readValue(json, Overrides.class);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
