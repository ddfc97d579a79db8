package io.upshift.planner.campaign.domain;

import io.upshift.planner.campaign.domain.CampaignSpec.Canary;
import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import io.upshift.planner.campaign.domain.CampaignSpec.Ramp;
import io.upshift.planner.campaign.domain.CampaignSpec.RampType;
import io.upshift.planner.campaign.domain.CampaignSpec.Schedule;
import io.upshift.planner.campaign.domain.CampaignSpec.Selection;
import io.upshift.planner.campaign.domain.CampaignSpec.Strategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Mother of campaign definitions for unit tests, around a fixed instant. */
public final class Specs {

    public static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    private Specs() {
    }

    public static GateRule gate(int thresholdPercent, int minimumFinished) {
        return new GateRule(BigDecimal.valueOf(thresholdPercent), minimumFinished,
                Set.of(TargetState.FAILED, TargetState.TIMED_OUT));
    }

    public static Strategy sandboxesThenCanaryThenDoubling(int canary) {
        return new Strategy(true, new Canary(canary, null), new Ramp(RampType.DOUBLING, List.of()), false,
                Duration.ZERO);
    }

    public static Strategy percentages(BigDecimal canaryPercent, int... cumulative) {
        return new Strategy(false, canaryPercent == null ? null : new Canary(null, canaryPercent),
                new Ramp(RampType.PERCENTAGES, java.util.Arrays.stream(cumulative).mapToObj(BigDecimal::valueOf).toList()),
                false, Duration.ZERO);
    }

    public static CampaignSpec spec() {
        return new CampaignSpec("Push 4.2.1", "033000000000001AAA", "4.2.1", Selection.ALL,
                sandboxesThenCanaryThenDoubling(10),
                new Schedule(null, Duration.ofHours(72), true, List.of()),
                new Pacing(600, 100, 20, null, Duration.ofMinutes(10)), gate(5, 10), Duration.ofHours(4), null, "alice");
    }
}
