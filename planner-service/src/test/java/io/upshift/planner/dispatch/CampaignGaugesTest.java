package io.upshift.planner.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.GateBaseline;
import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.dispatch.CampaignGauges.VisibleCampaign;
import io.upshift.planner.dispatch.CampaignGauges.VisibleWave;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.shared.metrics.PlannerMetrics;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the campaign gauges publish for given campaigns and waves (the database part is covered by the ITs). */
class CampaignGaugesTest {

    private static final UUID CAMPAIGN = UUID.fromString("c4d9aebb-aa7e-4db6-8df7-d8b51686c2c7");
    private static final GateRule GATE = new GateRule(BigDecimal.valueOf(5), 10, Set.of(TargetState.FAILED));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CampaignGauges gauges = new CampaignGauges(null,
            new DispatchProperties(Duration.ofSeconds(1), 2000, 5000, 5000, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofSeconds(1), 50),
            Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC), meters);

    @Test
    void showsEveryCampaignStateWithOneForTheCurrentOne() {
        gauges.publish(Map.of(CampaignState.HALTED, 1L, CampaignState.COMPLETED, 4L),
                List.of(campaign(CampaignState.HALTED, wave(1, WaveState.HALTED, counts(0, 0, 30, 10, 0)))));

        assertThat(value(PlannerMetrics.CAMPAIGNS, "state", "completed")).isEqualTo(4);
        assertThat(value(PlannerMetrics.CAMPAIGNS, "state", "draft")).isZero();
        assertThat(meters.find(PlannerMetrics.CAMPAIGNS).gauges()).hasSize(CampaignState.values().length);
        assertThat(value(PlannerMetrics.CAMPAIGN_STATE, "campaign", CAMPAIGN.toString(), "state", "halted")).isEqualTo(1);
        assertThat(value(PlannerMetrics.CAMPAIGN_STATE, "campaign", CAMPAIGN.toString(), "state", "running")).isZero();
        assertThat(value(PlannerMetrics.WAVE_STATE, "wave", "1", "state", "halted")).isEqualTo(1);
        assertThat(value(PlannerMetrics.WAVE_STATE, "wave", "1", "state", "passed")).isZero();
    }

    @Test
    void showsTheGatesFailureRateNextToItsThresholdForStartedWavesOnly() {
        // given a running canary where 3 of 40 finished orgs failed and 2 timed out (not counted by this gate)
        gauges.publish(Map.of(CampaignState.RUNNING, 1L), List.of(campaign(CampaignState.RUNNING,
                wave(1, WaveState.PASSED, counts(0, 0, 100, 0, 0)),
                wave(2, WaveState.RUNNING, counts(10, 5, 35, 3, 2)),
                wave(3, WaveState.PENDING, counts(200, 0, 0, 0, 0)))));

        assertThat(value(PlannerMetrics.GATE_FAILURE_RATIO, "wave", "2")).isEqualTo(3.0 / 40);
        assertThat(value(PlannerMetrics.GATE_THRESHOLD_RATIO, "wave", "2")).isEqualTo(0.05);
        assertThat(value(PlannerMetrics.GATE_FAILURE_RATIO, "wave", "1")).isZero();
        assertThat(meters.find(PlannerMetrics.GATE_FAILURE_RATIO).tag("wave", "3").gauge()).isNull();
    }

    @Test
    void judgesOnlyWhatFinishedAfterAResume() {
        // given a wave resumed after 5 of 20 failed: since then 1 of 10 failed
        VisibleWave resumed = new VisibleWave(1, WaveState.RUNNING, counts(0, 0, 24, 6, 0), new GateBaseline(20, 5));

        gauges.publish(Map.of(), List.of(campaign(CampaignState.RUNNING, resumed)));

        assertThat(value(PlannerMetrics.GATE_FAILURE_RATIO, "wave", "1")).isEqualTo(0.1);
    }

    @Test
    void countsOrgsByWaveAndByCampaign() {
        gauges.publish(Map.of(), List.of(campaign(CampaignState.RUNNING,
                wave(1, WaveState.PASSED, counts(0, 0, 90, 10, 0)),
                wave(2, WaveState.RUNNING, counts(150, 20, 30, 0, 0)))));

        assertThat(value(PlannerMetrics.WAVE_ORGS, "wave", "2", "state", "pending")).isEqualTo(150);
        assertThat(value(PlannerMetrics.WAVE_ORGS, "wave", "2", "state", "dispatched")).isEqualTo(20);
        assertThat(value(PlannerMetrics.CAMPAIGN_ORGS, "state", "succeeded")).isEqualTo(120);
        assertThat(value(PlannerMetrics.CAMPAIGN_ORGS, "state", "failed")).isEqualTo(10);
    }

    @Test
    void dropsTheSeriesOfCampaignsNoLongerShown() {
        gauges.publish(Map.of(), List.of(campaign(CampaignState.RUNNING, wave(1, WaveState.RUNNING, counts(1, 1, 1, 1, 1)))));

        gauges.publish(Map.of(CampaignState.COMPLETED, 1L), List.of());

        assertThat(meters.find(PlannerMetrics.WAVE_ORGS).gauges()).isEmpty();
        assertThat(meters.find(PlannerMetrics.CAMPAIGN_STATE).gauges()).isEmpty();
        assertThat(meters.find(PlannerMetrics.GATE_FAILURE_RATIO).gauges()).isEmpty();
        assertThat(value(PlannerMetrics.CAMPAIGNS, "state", "completed")).isEqualTo(1);
    }

    @Test
    void saysWhetherALiveCampaignsProjectionPassesItsDeadline() {
        Instant deadline = Instant.parse("2026-03-02T16:00:00Z");
        UUID late = UUID.fromString("5e7a1b8c-1d6e-4d83-9a51-0b7bb3b0f2a1");
        UUID finished = UUID.fromString("7f0c2a4e-2b1d-4c5e-8f9a-3d6b7c8e9f01");
        UUID none = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        UUID halted = UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a");

        gauges.publish(Map.of(), List.of(
                new VisibleCampaign(late, CampaignState.RUNNING, GATE, List.of(),
                        new CampaignGauges.VisibleDeadline(deadline, true, deadline.plusSeconds(5400), 340)),
                new VisibleCampaign(finished, CampaignState.COMPLETED, GATE, List.of(),
                        new CampaignGauges.VisibleDeadline(deadline, true, deadline.plusSeconds(60), 12)),
                new VisibleCampaign(halted, CampaignState.HALTED, GATE, List.of(),
                        new CampaignGauges.VisibleDeadline(deadline, true, null, 80)),
                new VisibleCampaign(none, CampaignState.RUNNING, GATE, List.of())));

        assertThat(value(PlannerMetrics.CAMPAIGN_DEADLINE_AT_RISK, "campaign", late.toString())).isEqualTo(1);
        assertThat(value(PlannerMetrics.CAMPAIGN_ORGS_AT_RISK, "campaign", late.toString())).isEqualTo(340);
        assertThat(value(PlannerMetrics.CAMPAIGN_DEADLINE_SLACK, "campaign", late.toString())).isEqualTo(-5400);
        // a finished campaign is at risk of nothing any more
        assertThat(value(PlannerMetrics.CAMPAIGN_DEADLINE_AT_RISK, "campaign", finished.toString())).isZero();
        assertThat(meters.find(PlannerMetrics.CAMPAIGN_DEADLINE_SLACK).tag("campaign", finished.toString()).gauge())
                .isNull();
        // a halted one cannot finish: at risk, no slack
        assertThat(value(PlannerMetrics.CAMPAIGN_DEADLINE_AT_RISK, "campaign", halted.toString())).isEqualTo(1);
        assertThat(value(PlannerMetrics.CAMPAIGN_ORGS_AT_RISK, "campaign", halted.toString())).isEqualTo(80);
        assertThat(meters.find(PlannerMetrics.CAMPAIGN_DEADLINE_SLACK).tag("campaign", halted.toString()).gauge())
                .isNull();
        // one without a deadline still has a series, so the alert always has something to read
        assertThat(value(PlannerMetrics.CAMPAIGN_DEADLINE_AT_RISK, "campaign", none.toString())).isZero();
        assertThat(value(PlannerMetrics.CAMPAIGN_ORGS_AT_RISK, "campaign", none.toString())).isZero();

        gauges.publish(Map.of(), List.of());
        assertThat(meters.find(PlannerMetrics.CAMPAIGN_DEADLINE_AT_RISK).gauges()).isEmpty();
    }

    private double value(String name, String... tags) {
        Gauge gauge = meters.find(name).tags(tags).gauge();
        assertThat(gauge).as("%s %s", name, List.of(tags)).isNotNull();
        return gauge.value();
    }

    private static VisibleCampaign campaign(CampaignState state, VisibleWave... waves) {
        return new VisibleCampaign(CAMPAIGN, state, GATE, List.of(waves));
    }

    private static VisibleWave wave(int number, WaveState state, WaveCounts counts) {
        return new VisibleWave(number, state, counts, GateBaseline.NONE);
    }

    private static WaveCounts counts(int pending, int dispatched, int succeeded, int failed, int timedOut) {
        return new WaveCounts(pending + dispatched + succeeded + failed + timedOut, pending, dispatched, succeeded,
                failed, 0, 0, timedOut);
    }
}
