package io.upshift.planner.shared.metrics;

/**
 * The planner's campaign metrics, in one place. Prometheus renders dots as underscores, adds the
 * base unit and {@code _total} to counters. Tags stay bounded: campaign and wave at most, plus
 * small enums (state, status, error category, result).
 */
public final class PlannerMetrics {

    /** Gauge: org targets by campaign and state, for campaigns that are not finished (or finished lately). */
    public static final String CAMPAIGN_ORGS = "upshift.planner.campaign.orgs";
    /** Gauge: campaigns by state, all of them (drafts and long-finished ones included). */
    public static final String CAMPAIGNS = "upshift.planner.campaigns";
    /** Gauge: 1 for a campaign's current state and 0 for the others, by campaign and state (shown campaigns). */
    public static final String CAMPAIGN_STATE = "upshift.planner.campaign.state";
    /** Gauge: org targets by campaign, wave and state (shown campaigns). */
    public static final String WAVE_ORGS = "upshift.planner.wave.orgs";
    /** Gauge: 1 for a wave's current state and 0 for the others, by campaign, wave and state (shown campaigns). */
    public static final String WAVE_STATE = "upshift.planner.wave.state";
    /** Gauge: failures over finished orgs of each started wave as its gate judges them (0..1), by campaign and wave. */
    public static final String GATE_FAILURE_RATIO = "upshift.planner.gate.failure.ratio";
    /** Gauge: the failure rate above which a wave's gate halts the campaign (0..1), by campaign and wave. */
    public static final String GATE_THRESHOLD_RATIO = "upshift.planner.gate.threshold.ratio";
    /**
     * Gauge: 1 while a live campaign's projected finish passes its deadline (or it is paused or halted with
     * orgs waiting), 0 otherwise, by campaign (every shown campaign, 0 without a deadline).
     */
    public static final String CAMPAIGN_DEADLINE_AT_RISK = "upshift.planner.campaign.deadline.at.risk";
    /** Gauge: waiting and in-flight orgs not projected upgraded by the deadline, by campaign (shown campaigns). */
    public static final String CAMPAIGN_ORGS_AT_RISK = "upshift.planner.campaign.orgs.at.risk";
    /**
     * Gauge (seconds): the deadline minus the projected finish, negative when late, by campaign (live campaigns
     * with a deadline and a projected finish).
     */
    public static final String CAMPAIGN_DEADLINE_SLACK = "upshift.planner.campaign.deadline.slack";
    /** Counter: orgs canceled because their campaign's deadline passed before they were upgraded, by campaign. */
    public static final String TARGETS_CANCELED_AT_DEADLINE = "upshift.planner.targets.canceled.at.deadline";
    /** Counter: UpgradeCommands released by the dispatcher, by campaign. */
    public static final String COMMANDS_RELEASED = "upshift.planner.commands.released";
    /** Counter: outcomes applied, by status and error category. */
    public static final String OUTCOMES_APPLIED = "upshift.planner.outcomes.applied";
    /** Counter: outcomes that changed nothing, by reason (duplicate, stale, foreign campaign). */
    public static final String OUTCOMES_IGNORED = "upshift.planner.outcomes.ignored";
    /** Timer: from a command's release to its outcome being applied. */
    public static final String OUTCOME_LATENCY = "upshift.planner.outcome.latency";
    /** Counter: gate evaluations, by result (too_few_finished, within_threshold, tripped). */
    public static final String GATE_EVALUATIONS = "upshift.planner.gate.evaluations";
    /** Counter: gate trips, by campaign and wave. */
    public static final String GATE_TRIPS = "upshift.planner.gate.trips";
    /** Counter: orgs the planner marked TIMED_OUT because no outcome came in time. */
    public static final String TARGETS_TIMED_OUT = "upshift.planner.targets.timed.out";
    /** Counter: orgs moved to their next window because theirs closed before dispatch. */
    public static final String TARGETS_RESCHEDULED = "upshift.planner.targets.rescheduled";
    /** Gauge: age of the oldest unsent outbox row, in seconds (0 when none). */
    public static final String OUTBOX_LAG = "upshift.planner.outbox.lag";
    /** Gauge: unsent outbox rows. */
    public static final String OUTBOX_PENDING = "upshift.planner.outbox.pending";
    /** Counter: outbox rows published, by kind. */
    public static final String OUTBOX_PUBLISHED = "upshift.planner.outbox.published";
    /** Timer: one pass of the campaign loop (start, timeouts, windows, gates, dispatch) over all campaigns. */
    public static final String DISPATCH_LOOP = "upshift.planner.dispatch.loop";

    private PlannerMetrics() {
    }
}
