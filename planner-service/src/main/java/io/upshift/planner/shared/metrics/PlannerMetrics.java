package io.upshift.planner.shared.metrics;

/**
 * The planner's campaign metrics, in one place. Prometheus renders dots as underscores, adds the
 * base unit and {@code _total} to counters. Tags stay bounded: campaign and wave at most, plus
 * small enums (state, status, error category, result).
 */
public final class PlannerMetrics {

    /** Gauge: org targets by campaign and state, for campaigns that are not finished (or finished lately). */
    public static final String CAMPAIGN_ORGS = "upshift.planner.campaign.orgs";
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
