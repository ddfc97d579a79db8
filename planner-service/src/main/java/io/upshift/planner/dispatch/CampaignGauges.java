package io.upshift.planner.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.GateBaseline;
import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.gate.domain.Gate;
import io.upshift.planner.shared.jdbc.Sql;
import io.upshift.planner.shared.metrics.PlannerMetrics;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The campaign gauges, read from the campaign and wave rows (two small queries) every few seconds:
 * campaigns by state, and for each campaign not finished (or finished within
 * {@code finishedVisibleFor}) its state, its orgs by state, each wave's orgs and state, and each
 * started wave's failure rate as its gate judges it next to the gate's threshold, and whether its
 * projected finish passes its deadline (orgs at risk, slack; dispatch/DeadlineKeeper). Only those
 * campaigns are shown, so the number of series stays bounded.
 *
 * <p>States are published the kube-state-metrics way: one series per possible state, 1 for the
 * current one and 0 for the others, so an alert on "halted" has a series to read even while
 * nothing is halted, and a state change never leaves a stale series behind.
 */
@Component
class CampaignGauges {

    private static final Logger log = LoggerFactory.getLogger(CampaignGauges.class);
    private static final String[] STATES = {"pending", "dispatched", "succeeded", "failed", "skipped", "canceled",
            "timed_out"};
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    // the spec's gate is stored as JSON by CampaignStore; this reader only needs the gate
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final DispatchProperties properties;
    private final Clock clock;
    private final MultiGauge campaigns;
    private final MultiGauge campaignState;
    private final MultiGauge campaignOrgs;
    private final MultiGauge waveOrgs;
    private final MultiGauge waveState;
    private final MultiGauge gateFailureRatio;
    private final MultiGauge gateThresholdRatio;
    private final MultiGauge deadlineAtRisk;
    private final MultiGauge campaignOrgsAtRisk;
    private final MultiGauge deadlineSlack;
    private Instant next = Instant.EPOCH;

    CampaignGauges(JdbcTemplate jdbc, DispatchProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.campaigns = MultiGauge.builder(PlannerMetrics.CAMPAIGNS)
                .description("Campaigns by state").register(meters);
        this.campaignState = MultiGauge.builder(PlannerMetrics.CAMPAIGN_STATE)
                .description("1 for the campaign's current state, 0 for the others").register(meters);
        this.campaignOrgs = MultiGauge.builder(PlannerMetrics.CAMPAIGN_ORGS).baseUnit("orgs")
                .description("Org targets by campaign and state").register(meters);
        this.waveOrgs = MultiGauge.builder(PlannerMetrics.WAVE_ORGS).baseUnit("orgs")
                .description("Org targets by campaign, wave and state").register(meters);
        this.waveState = MultiGauge.builder(PlannerMetrics.WAVE_STATE)
                .description("1 for the wave's current state, 0 for the others").register(meters);
        this.gateFailureRatio = MultiGauge.builder(PlannerMetrics.GATE_FAILURE_RATIO)
                .description("Failures over finished orgs of a started wave, as its gate judges them (0..1)")
                .register(meters);
        this.gateThresholdRatio = MultiGauge.builder(PlannerMetrics.GATE_THRESHOLD_RATIO)
                .description("The failure rate above which the wave's gate halts the campaign (0..1)")
                .register(meters);
        this.deadlineAtRisk = MultiGauge.builder(PlannerMetrics.CAMPAIGN_DEADLINE_AT_RISK)
                .description("1 while the projected finish of a live campaign passes its deadline, 0 otherwise")
                .register(meters);
        this.campaignOrgsAtRisk = MultiGauge.builder(PlannerMetrics.CAMPAIGN_ORGS_AT_RISK)
                .description("Waiting and in-flight orgs not projected upgraded by the campaign's deadline")
                .register(meters);
        this.deadlineSlack = MultiGauge.builder(PlannerMetrics.CAMPAIGN_DEADLINE_SLACK).baseUnit("seconds")
                .description("The campaign's deadline minus its projected finish (negative: late)").register(meters);
    }

    void refreshIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return;
        }
        next = now.plus(properties.gaugeInterval());
        try {
            Map<CampaignState, Long> byState = new EnumMap<>(CampaignState.class);
            jdbc.query("select state, count(*) as campaigns from campaign group by state",
                    rs -> {
                        byState.put(CampaignState.valueOf(rs.getString("state")), rs.getLong("campaigns"));
                    });
            Map<UUID, VisibleCampaign> visible = new LinkedHashMap<>();
            jdbc.query("""
                    select c.campaign_id, c.state as campaign_state, c.spec -> 'gate' as gate,
                           c.spec -> 'schedule' -> 'deadline' as deadline, c.at_risk, c.projected_finish,
                           c.orgs_at_risk, w.wave_number,
                           w.state, w.total, w.pending, w.dispatched, w.succeeded, w.failed, w.skipped, w.canceled,
                           w.timed_out, w.gate_baseline_finished, w.gate_baseline_failures
                    from campaign_wave w join campaign c on c.campaign_id = w.campaign_id
                    where c.finished_at is null or c.finished_at > ?
                    order by c.campaign_id, w.wave_number""",
                    rs -> {
                        UUID id = rs.getObject("campaign_id", UUID.class);
                        VisibleCampaign campaign = visible.get(id);
                        if (campaign == null) {
                            String deadline = rs.getString("deadline");
                            campaign = new VisibleCampaign(id, CampaignState.valueOf(rs.getString("campaign_state")),
                                    JSON.readValue(rs.getString("gate"), GateRule.class), new ArrayList<>(),
                                    new VisibleDeadline(deadline == null || deadline.equals("null") ? null
                                            : JSON.readValue(deadline, Instant.class), rs.getBoolean("at_risk"),
                                            Sql.instant(rs, "projected_finish"), rs.getInt("orgs_at_risk")));
                            visible.put(id, campaign);
                        }
                        campaign.waves().add(new VisibleWave(rs.getInt("wave_number"),
                                WaveState.valueOf(rs.getString("state")),
                                new WaveCounts(rs.getInt("total"), rs.getInt("pending"), rs.getInt("dispatched"),
                                        rs.getInt("succeeded"), rs.getInt("failed"), rs.getInt("skipped"),
                                        rs.getInt("canceled"), rs.getInt("timed_out")),
                                new GateBaseline(rs.getInt("gate_baseline_finished"),
                                        rs.getInt("gate_baseline_failures"))));
                    }, Sql.ts(now.minus(properties.finishedVisibleFor())));
            publish(byState, List.copyOf(visible.values()));
        } catch (RuntimeException e) {
            log.debug("could not refresh campaign gauges: {}", e.toString());
        }
    }

    /** Replaces every gauge's series with what these campaigns show. */
    void publish(Map<CampaignState, Long> campaignsByState, List<VisibleCampaign> visible) {
        List<MultiGauge.Row<?>> campaignCounts = new ArrayList<>();
        for (CampaignState state : CampaignState.values()) {
            campaignCounts.add(MultiGauge.Row.of(Tags.of("state", tag(state)), campaignsByState.getOrDefault(state, 0L)));
        }
        List<MultiGauge.Row<?>> campaignStates = new ArrayList<>();
        List<MultiGauge.Row<?>> campaignOrgRows = new ArrayList<>();
        List<MultiGauge.Row<?>> waveOrgRows = new ArrayList<>();
        List<MultiGauge.Row<?>> waveStates = new ArrayList<>();
        List<MultiGauge.Row<?>> failureRatios = new ArrayList<>();
        List<MultiGauge.Row<?>> thresholds = new ArrayList<>();
        List<MultiGauge.Row<?>> atRisk = new ArrayList<>();
        List<MultiGauge.Row<?>> orgsAtRisk = new ArrayList<>();
        List<MultiGauge.Row<?>> slack = new ArrayList<>();
        for (VisibleCampaign campaign : visible) {
            String id = campaign.id().toString();
            // every shown campaign has the at-risk series (0 without a deadline), so the alert always has one to read;
            // the verdict counts while the campaign lives: a finished one is at risk of nothing
            VisibleDeadline deadline = campaign.deadline();
            boolean watched = deadline.deadline() != null && CampaignState.ACTIVE.contains(campaign.state());
            boolean risky = watched && deadline.atRisk();
            atRisk.add(MultiGauge.Row.of(Tags.of("campaign", id), risky ? 1 : 0));
            orgsAtRisk.add(MultiGauge.Row.of(Tags.of("campaign", id), risky ? deadline.orgsAtRisk() : 0));
            if (watched && deadline.projectedFinish() != null) {
                slack.add(MultiGauge.Row.of(Tags.of("campaign", id),
                        Duration.between(deadline.projectedFinish(), deadline.deadline()).toSeconds()));
            }
            for (CampaignState state : CampaignState.values()) {
                campaignStates.add(MultiGauge.Row.of(Tags.of("campaign", id, "state", tag(state)),
                        state == campaign.state() ? 1 : 0));
            }
            WaveCounts totals = WaveCounts.ZERO;
            for (VisibleWave wave : campaign.waves()) {
                totals = totals.plus(wave.counts());
                String number = String.valueOf(wave.number());
                long[] counts = byState(wave.counts());
                for (int i = 0; i < STATES.length; i++) {
                    waveOrgRows.add(MultiGauge.Row.of(Tags.of("campaign", id, "wave", number, "state", STATES[i]),
                            counts[i]));
                }
                for (WaveState state : WaveState.values()) {
                    waveStates.add(MultiGauge.Row.of(Tags.of("campaign", id, "wave", number, "state", tag(state)),
                            state == wave.state() ? 1 : 0));
                }
                if (wave.state() != WaveState.PENDING) {
                    Gate.Decision decision = Gate.evaluate(campaign.gate(), wave.counts(), wave.baseline());
                    double ratio = decision.finished() == 0 ? 0 : (double) decision.failures() / decision.finished();
                    Tags tags = Tags.of("campaign", id, "wave", number);
                    failureRatios.add(MultiGauge.Row.of(tags, ratio));
                    thresholds.add(MultiGauge.Row.of(tags,
                            campaign.gate().failureThresholdPercent().divide(HUNDRED).doubleValue()));
                }
            }
            long[] counts = byState(totals);
            for (int i = 0; i < STATES.length; i++) {
                campaignOrgRows.add(MultiGauge.Row.of(Tags.of("campaign", id, "state", STATES[i]), counts[i]));
            }
        }
        campaigns.register(campaignCounts, true);
        campaignState.register(campaignStates, true);
        campaignOrgs.register(campaignOrgRows, true);
        waveOrgs.register(waveOrgRows, true);
        waveState.register(waveStates, true);
        gateFailureRatio.register(failureRatios, true);
        gateThresholdRatio.register(thresholds, true);
        deadlineAtRisk.register(atRisk, true);
        campaignOrgsAtRisk.register(orgsAtRisk, true);
        deadlineSlack.register(slack, true);
    }

    /** Counts in the order of {@link #STATES}. */
    private static long[] byState(WaveCounts c) {
        return new long[] {c.pending(), c.dispatched(), c.succeeded(), c.failed(), c.skipped(), c.canceled(),
                c.timedOut()};
    }

    private static String tag(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** A campaign the gauges show, with its gate, its waves in order and its deadline watch. */
    record VisibleCampaign(UUID id, CampaignState state, GateRule gate, List<VisibleWave> waves,
            VisibleDeadline deadline) {

        VisibleCampaign(UUID id, CampaignState state, GateRule gate, List<VisibleWave> waves) {
            this(id, state, gate, waves, VisibleDeadline.NONE);
        }
    }

    /** A campaign's deadline (null: none) and the planner's last projection against it. */
    record VisibleDeadline(Instant deadline, boolean atRisk, Instant projectedFinish, int orgsAtRisk) {

        static final VisibleDeadline NONE = new VisibleDeadline(null, false, null, 0);
    }

    record VisibleWave(int number, WaveState state, WaveCounts counts, GateBaseline baseline) {
    }
}
