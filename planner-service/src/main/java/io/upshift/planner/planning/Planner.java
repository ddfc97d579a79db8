package io.upshift.planner.planning;

import io.upshift.planner.campaign.domain.BlastRadius;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.TargetVersion;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.planning.domain.ExclusionReason;
import io.upshift.planner.planning.domain.Placement;
import io.upshift.planner.planning.domain.PlanBuilder;
import io.upshift.planner.planning.domain.Pool;
import io.upshift.planner.planning.domain.WaveKind;
import io.upshift.planner.planning.domain.WavePlanner;
import io.upshift.planner.planning.domain.WaveProjection;
import io.upshift.planner.planning.domain.WaveSlot;
import io.upshift.planner.planning.domain.WindowPlanner;
import io.upshift.planner.planning.jdbc.EligibilityQuery;
import io.upshift.planner.planning.jdbc.EligibleOrg;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

    Planner(EligibilityQuery eligibility, PlanningProperties properties) {
        this.eligibility = eligibility;
        this.properties = properties;
    }

    /** Receives each eligible org with its wave and window, in wave order. */
    @FunctionalInterface
    public interface Sink {
        void placed(EligibleOrg org, int wave, TimeWindow window);

        /** An org the query found eligible that planning could not place (NO_WINDOW). */
        default void excluded(EligibleOrg org, ExclusionReason reason) {
        }
    }

    public PlanSummary plan(Campaign campaign, TargetVersion target, Instant now, int defaultMaxInFlight, Sink sink) {
        CampaignSpec spec = campaign.spec();
        BlastRadius blastRadius = BlastRadius.of(spec, defaultMaxInFlight);
        EligibilityQuery.Counts counts = eligibility.count(campaign.id(), spec, target);
        Instant start = start(spec, now);
        List<WaveSlot> slots = WavePlanner.plan(spec.strategy(), counts.eligible().get(Pool.SANDBOXES),
                counts.eligible().get(Pool.MAIN));
        PlanBuilder builder = new PlanBuilder(slots, spec.strategy().sandboxesFirst(), start,
                spec.pacing().withMaxInFlight(blastRadius.maxInFlight()),
                spec.strategy().minimumWaveDuration(), windowPlanner(spec),
                spec.schedule().respectMaintenanceWindows());
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
        return summary(spec, placed[0], excluded, waves, start, now, blastRadius, properties);
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
                        org.installedVersion(), org.zoneOrUtc(), w, window.start(), window.end()));
            }
        });
        return page;
    }

    /**
     * One page of the preview's excluded orgs, by org id after {@code after}, optionally of one reason:
     * those the eligibility query excludes and those planning finds no window for (NO_WINDOW), merged.
     */
    public List<EligibilityQuery.Excluded> previewExclusions(Campaign campaign, TargetVersion target, Instant now,
            int defaultMaxInFlight, ExclusionReason reason, String after, int limit) {
        List<EligibilityQuery.Excluded> page = new ArrayList<>(limit);
        if (reason != ExclusionReason.NO_WINDOW) {
            page.addAll(eligibility.excluded(campaign.id(), campaign.spec(), target, reason, after, limit));
        }
        if (reason == null || reason == ExclusionReason.NO_WINDOW) {
            // only planning knows them: plan, keeping the first {@code limit} after {@code after} by org id
            TreeMap<String, EligibilityQuery.Excluded> windowless = new TreeMap<>();
            plan(campaign, target, now, defaultMaxInFlight, new Sink() {
                @Override
                public void placed(EligibleOrg org, int wave, TimeWindow window) {
                }

                @Override
                public void excluded(EligibleOrg org, ExclusionReason why) {
                    if (after == null || org.orgId().compareTo(after) > 0) {
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

    /** The window planner for a campaign: its blackouts and the ISV-wide ones, the configured window lengths. */
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
            PlanningProperties properties) {
        List<String> warnings = new ArrayList<>();
        List<PlanSummary.Problem> problems = new ArrayList<>();
        properties.scheduleProblems(spec, now).forEach(p -> problems.add(new PlanSummary.Problem(p.field(), p.message())));
        if (eligible == 0) {
            problems.add(new PlanSummary.Problem("selection", "no org is eligible"
                    + (excluded.isEmpty() ? " (the selection is empty)" : ": " + describe(excluded))));
        }
        int minimum = spec.gate().minimumFinished();
        waves.stream().filter(w -> w.kind() != WaveKind.RAMP && w.size() < minimum).findFirst().ifPresent(w ->
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
        return new PlanSummary(eligible, excluded, waves, start, firstWindow, lastWindow, end, warnings, problems,
                blastRadius);
    }

    static String describe(Map<ExclusionReason, Long> excluded) {
        return String.join(", ", excluded.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().description() + " (" + e.getKey().name() + ")").toList());
    }

    /** An org as a preview lists it. */
    public record PlannedOrg(String orgId, String orgName, String orgType, String instance, String installedVersion,
            String timeZone, int wave, Instant windowStart, Instant windowEnd) {
    }
}
