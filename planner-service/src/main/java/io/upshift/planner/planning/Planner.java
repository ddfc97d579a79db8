package io.upshift.planner.planning;

import io.upshift.planner.campaign.domain.BlastRadius;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import io.upshift.planner.campaign.domain.TargetVersion;
import io.upshift.planner.orghealth.OrgHealth;
import io.upshift.planner.orghealth.domain.ChronicRule;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.planning.domain.DeadlineFit;
import io.upshift.planner.planning.domain.ExclusionReason;
import io.upshift.planner.planning.domain.Placement;
import io.upshift.planner.planning.domain.PlanBuilder;
import io.upshift.planner.planning.domain.Pool;
import io.upshift.planner.planning.domain.WaveKind;
import io.upshift.planner.planning.domain.WavePlanner;
import io.upshift.planner.planning.domain.WaveProjection;
import io.upshift.planner.planning.domain.UpgradeWindows;
import io.upshift.planner.planning.domain.WaveSlot;
import io.upshift.planner.planning.domain.WindowPlanner;
import io.upshift.planner.planning.jdbc.EligibilityQuery;
import io.upshift.planner.planning.jdbc.EligibleOrg;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * Plans a campaign: eligibility (SQL), waves and windows (the plain-Java domain, see
 * planning/domain/DESIGN.md), streaming every eligible org through once. The same pass serves a
 * preview (nothing written) and scheduling (each placed org handed to a sink that writes it).
 * Callers provide the transaction (the org stream is a database cursor), and the in-flight cap of
 * campaigns that set none (dispatch's setting: the projection and the blast radius use the caps the
 * dispatcher will apply, see {@link BlastRadius}).
 */
@Service
public class Planner {

    private final EligibilityQuery eligibility;
    private final PlanningProperties properties;
    private final ChronicRule chronicRule;

    Planner(EligibilityQuery eligibility, PlanningProperties properties, OrgHealth health) {
        this.eligibility = eligibility;
        this.properties = properties;
        this.chronicRule = health.rule();
    }

    /** Receives each eligible org with its wave and window, in wave order. */
    @FunctionalInterface
    public interface Sink {
        void placed(EligibleOrg org, int wave, TimeWindow window);

        /** An org the query found eligible that planning could not place (NO_WINDOW, NO_WINDOW_BEFORE_DEADLINE). */
        default void excluded(EligibleOrg org, ExclusionReason reason) {
        }
    }

    public PlanSummary plan(Campaign campaign, TargetVersion target, Instant now, int defaultMaxInFlight, Sink sink) {
        CampaignSpec spec = campaign.spec();
        BlastRadius blastRadius = BlastRadius.of(spec, defaultMaxInFlight);
        EligibilityQuery.Counts counts = eligibility.count(campaign.id(), spec, target);
        Instant start = start(spec, now);
        List<WaveSlot> slots = WavePlanner.plan(spec.strategy(), counts.pilots(), counts.eligible().get(Pool.SANDBOXES),
                counts.eligible().get(Pool.MAIN), counts.eligible().get(Pool.CHRONIC));
        Pacing pacing = spec.pacing().withMaxInFlight(blastRadius.maxInFlight());
        UpgradeWindows windows = upgradeWindows(spec);
        Duration requestedSoak = spec.strategy().minimumWaveDuration();
        Duration soak = soakToPlan(campaign, target, slots, start, pacing, windows);
        PlanBuilder builder = new PlanBuilder(slots, spec.strategy().sandboxesFirst(), start, pacing, soak, windows);
        Map<ExclusionReason, Long> excluded = new EnumMap<>(ExclusionReason.class);
        excluded.putAll(counts.excluded());
        long[] placed = {0};
        eligibility.streamEligible(campaign.id(), spec, target, org -> {
            Placement placement;
            try {
                placement = builder.place(org.candidate());
            } catch (DateTimeException badZone) {
                placement = new Placement.Excluded(ExclusionReason.NO_WINDOW);
            }
            switch (placement) {
                case Placement.Placed p -> {
                    placed[0]++;
                    sink.placed(org, p.wave(), p.window());
                }
                case Placement.Excluded e -> {
                    excluded.merge(e.reason(), 1L, Long::sum);
                    sink.excluded(org, e.reason());
                }
            }
        });
        List<WaveProjection> waves = builder.projections().stream().filter(w -> w.size() > 0).toList();
        return summary(spec, placed[0], excluded, waves, start, now, blastRadius, properties, requestedSoak, soak,
                chronicRule);
    }

    /**
     * The soak time to plan with: the campaign's, unless it has a deadline the projection with that soak
     * misses — then the longest that fits, down to zero (waves are compressed to fit, not skipped). Finding
     * it reads the eligible orgs once more, grouped, and replays the projection from the groups.
     */
    private Duration soakToPlan(Campaign campaign, TargetVersion target, List<WaveSlot> slots, Instant start,
            Pacing pacing, UpgradeWindows windows) {
        CampaignSpec spec = campaign.spec();
        Duration requested = spec.strategy().minimumWaveDuration();
        if (spec.schedule().deadline() == null || !requested.isPositive() || slots.isEmpty()) {
            return requested;
        }
        PlanBuilder dry = new PlanBuilder(slots, spec.strategy().sandboxesFirst(), start, pacing, requested, windows)
                .recordingGroups();
        eligibility.streamEligible(campaign.id(), spec, target, org -> {
            try {
                dry.place(org.candidate());
            } catch (DateTimeException badZone) {
                // not planned in the real pass either (NO_WINDOW)
            }
        });
        return dry.longestSoakEndingBy(spec.schedule().deadline());
    }

    /** A dry run: the summary only. */
    public PlanSummary preview(Campaign campaign, TargetVersion target, Instant now, int defaultMaxInFlight) {
        return plan(campaign, target, now, defaultMaxInFlight, (org, wave, window) -> {
        });
    }

    /** One page of the preview's planned orgs (optionally of one wave), in wave order. */
    public List<PlannedOrg> previewOrgs(Campaign campaign, TargetVersion target, Instant now, int defaultMaxInFlight,
            Integer wave, long offset, int limit) {
        List<PlannedOrg> page = new ArrayList<>(limit);
        long[] seen = {0};
        plan(campaign, target, now, defaultMaxInFlight, (org, w, window) -> {
            if (wave != null && wave != w) {
                return;
            }
            if (seen[0]++ >= offset && page.size() < limit) {
                page.add(new PlannedOrg(org.orgId(), org.orgName(), org.orgType().name(), org.instance(),
                        org.installedVersion(), org.zoneOrUtc(), w, window.start(), window.end(), placement(org)));
            }
        });
        return page;
    }

    /**
     * One page of the preview's excluded orgs, by org id after {@code after}, optionally of one reason:
     * those the eligibility query excludes and those planning finds no window for (NO_WINDOW, or none
     * before the deadline: NO_WINDOW_BEFORE_DEADLINE), merged.
     */
    public List<EligibilityQuery.Excluded> previewExclusions(Campaign campaign, TargetVersion target, Instant now,
            int defaultMaxInFlight, ExclusionReason reason, String after, int limit) {
        List<EligibilityQuery.Excluded> page = new ArrayList<>(limit);
        if (reason == null || !PLANNING_REASONS.contains(reason)) {
            page.addAll(eligibility.excluded(campaign.id(), campaign.spec(), target, reason, after, limit));
        }
        if (reason == null || PLANNING_REASONS.contains(reason)) {
            // only planning knows them: plan, keeping the first {@code limit} after {@code after} by org id
            TreeMap<String, EligibilityQuery.Excluded> windowless = new TreeMap<>();
            plan(campaign, target, now, defaultMaxInFlight, new Sink() {
                @Override
                public void placed(EligibleOrg org, int wave, TimeWindow window) {
                }

                @Override
                public void excluded(EligibleOrg org, ExclusionReason why) {
                    if ((reason == null || reason == why) && (after == null || org.orgId().compareTo(after) > 0)) {
                        windowless.put(org.orgId(), new EligibilityQuery.Excluded(org.orgId(), org.orgName(),
                                org.orgType().name(), org.instance(), org.installedVersion(), why));
                        if (windowless.size() > limit) {
                            windowless.pollLastEntry();
                        }
                    }
                }
            });
            page.addAll(windowless.values());
        }
        page.sort(Comparator.comparing(EligibilityQuery.Excluded::orgId));
        return page.size() > limit ? List.copyOf(page.subList(0, limit)) : page;
    }

    /** The first instant any window may start: the earliest start, but never before the notice period ends. */
    public static Instant start(CampaignSpec spec, Instant now) {
        return TimeWindow.ceilMillis(spec.schedule().firstStart(now));
    }

    /**
     * Where a campaign may upgrade each org: its schedule's rules (org windows, campaign window,
     * deadline) over the window planner. Planning and every move use this one answer.
     */
    public UpgradeWindows upgradeWindows(CampaignSpec spec) {
        return UpgradeWindows.of(windowPlanner(spec), spec.schedule());
    }

    /**
     * The definition with the soak time planning chose: what scheduling stores when it shortened the soak
     * to fit the deadline, so that the waves run as planned (the gate's wave progression reads it).
     */
    public static CampaignSpec withSoak(CampaignSpec spec, Duration soak) {
        return new CampaignSpec(spec.name(), spec.packageId(), spec.targetVersion(), spec.selection(),
                spec.strategy().withMinimumWaveDuration(soak), spec.schedule(),
                spec.pacing(), spec.gate(), spec.orgTimeout(), spec.supportContact(), spec.createdBy());
    }

    /**
     * The window planner for a campaign: its blackouts and the ISV-wide ones, the configured window
     * lengths. An org's window is {@link #upgradeWindows}'s answer, which adds the campaign window and
     * the deadline: ask that, not this.
     */
    public WindowPlanner windowPlanner(CampaignSpec spec) {
        return new WindowPlanner(blackouts(spec), properties.minimumWindow(), properties.maximumWindow());
    }

    /** The campaign's blackouts and the ISV-wide ones. */
    public List<TimeWindow> blackouts(CampaignSpec spec) {
        return Stream.concat(
                spec.schedule().blackouts().stream().map(b -> new TimeWindow(b.start(), b.end())),
                properties.blackouts().stream().map(b -> new TimeWindow(b.start(), b.end())))
                .toList();
    }

    private static PlanSummary summary(CampaignSpec spec, long eligible, Map<ExclusionReason, Long> excluded,
            List<WaveProjection> waves, Instant start, Instant now, BlastRadius blastRadius,
            PlanningProperties properties, Duration requestedSoak, Duration soak, ChronicRule chronicRule) {
        List<String> warnings = new ArrayList<>();
        waves.stream().filter(w -> w.kind() == WaveKind.CHRONIC).findFirst().ifPresent(w -> warnings.add("wave "
                + w.number() + " (chronic) holds the " + w.size() + " orgs that failed in at least "
                + chronicRule.failures() + " of the package's last " + chronicRule.campaigns() + " campaigns: they go"
                + " after every other wave, and their failures judge only that wave"
                + (spec.strategy().chronicOrgs().approvalRequired() ? ", which waits for approval" : "")
                + " (strategy.chronicOrgs; who: the preview's orgs of wave " + w.number() + ")"));
        List<PlanSummary.Problem> problems = new ArrayList<>();
        properties.scheduleProblems(spec, now).forEach(p -> problems.add(new PlanSummary.Problem(p.field(), p.message())));
        if (eligible == 0) {
            problems.add(new PlanSummary.Problem("selection", "no org is eligible"
                    + (excluded.isEmpty() ? " (the selection is empty)" : ": " + describe(excluded))));
        }
        int minimum = spec.gate().minimumFinished();
        waves.stream().filter(w -> (w.kind() == WaveKind.SANDBOX || w.kind() == WaveKind.CANARY) && w.size() < minimum).findFirst().ifPresent(w ->
                warnings.add("wave " + w.number() + " (" + w.kind().name().toLowerCase() + ") has " + w.size()
                        + " orgs, fewer than the " + minimum + " finished orgs the gate asks for: it is judged whole, on fewer orgs"));
        Instant firstWindow = waves.stream().map(WaveProjection::firstWindowStart).min(Instant::compareTo).orElse(null);
        Instant lastWindow = waves.stream().map(WaveProjection::lastWindowEnd).max(Instant::compareTo).orElse(null);
        Instant end = waves.isEmpty() ? null : waves.getLast().projectedEnd();
        if (spec.strategy().approvalRequired() && waves.size() > 1) {
            warnings.add("waves after the first wait for approval; the projected end assumes approvals come at once");
        }
        if (blastRadius.orgs() == null) {
            warnings.add(blastRadius.statement());
        }
        DeadlineFit fit = null;
        Instant deadline = spec.schedule().deadline();
        if (deadline != null) {
            fit = DeadlineFit.of(deadline, eligible, firstWindow != null ? firstWindow : start, end,
                    excluded.getOrDefault(ExclusionReason.NO_WINDOW_BEFORE_DEADLINE, 0L),
                    spec.pacing().expectedUpgradeDuration(), blastRadius.maxInFlight(), requestedSoak, soak);
            if (fit.soakShortened()) {
                warnings.add("soak time shortened from " + DeadlineFit.human(requestedSoak) + " to "
                        + DeadlineFit.human(soak) + " per wave to fit the deadline (strategy.minimumWaveDuration;"
                        + " canary and ramp stay)");
            }
            if (!fit.fits()) {
                // scheduling stays allowed: the runtime watches the risk and reports it
                warnings.add("the campaign does not fit its deadline " + deadline + ": " + fit.statement());
            }
        }
        return new PlanSummary(eligible, excluded, waves, start, firstWindow, lastWindow, end, warnings, problems,
                blastRadius, fit);
    }

    static String describe(Map<ExclusionReason, Long> excluded) {
        return String.join(", ", excluded.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().description() + " (" + e.getKey().name() + ")").toList());
    }

    /** The reasons only planning knows (the eligibility query cannot list them). */
    private static final Set<ExclusionReason> PLANNING_REASONS = EnumSet.of(ExclusionReason.NO_WINDOW,
            ExclusionReason.NO_WINDOW_BEFORE_DEADLINE);

    /**
     * Why an org is in a wave of its own kind, for the preview: a pilot list's wave or the chronic orgs' last
     * wave; null for an org placed by rank (sandbox, canary, ramp).
     */
    private String placement(EligibleOrg org) {
        return switch (org.pool()) {
            case PILOT -> "PILOT_LIST: on a pilot list the strategy gives a wave before the canary";
            case CHRONIC -> "CHRONIC: failed in at least " + chronicRule.failures() + " of the package's last "
                    + chronicRule.campaigns() + " campaigns; set apart for the last wave (strategy.chronicOrgs)";
            default -> null;
        };
    }

    /**
     * An org as a preview lists it.
     *
     * @param placement why the org is in a pilot or chronic wave (null: placed by rank)
     */
    public record PlannedOrg(String orgId, String orgName, String orgType, String instance, String installedVersion,
            String timeZone, int wave, Instant windowStart, Instant windowEnd, String placement) {
    }
}
