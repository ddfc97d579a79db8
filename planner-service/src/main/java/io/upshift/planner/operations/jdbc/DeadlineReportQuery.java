package io.upshift.planner.operations.jdbc;

import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.operations.domain.DeadlineOutcome;
import io.upshift.planner.operations.domain.DeadlineTally;
import io.upshift.planner.planning.domain.ExclusionReason;
import io.upshift.planner.shared.jdbc.Sql;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads what the deadline report needs, and nothing else: a scheduled campaign's targets
 * ({@code campaign_target}) and the orgs scheduling excluded ({@code campaign_exclusion}). The selected
 * orgs are both, less the NOT_SELECTED exclusions: those are the package's orgs the selection left out,
 * which no deadline was ever promised for. Counts are grouped in the database; the per-org rows are
 * streamed with a cursor (call it in a transaction), so a campaign of a million orgs is never held.
 * Whether a target finished late is decided once, in {@link #LATE}, for both.
 */
@Repository
public class DeadlineReportQuery {

    /** The exclusion reason of orgs the selection left out: not selected, so not in the report. */
    public static final String LEFT_OUT = ExclusionReason.NOT_SELECTED.name();

    /**
     * A SUCCEEDED target finished after the deadline (an unknown finish counts as late: it cannot be shown
     * to be in time); never late without a deadline.
     */
    private static final String LATE = """
            (t.state = 'SUCCEEDED' and cast(:deadline as timestamptz) is not null
             and coalesce(t.finished_at > cast(:deadline as timestamptz), true))""";

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;

    DeadlineReportQuery(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(5000);
        this.streaming = new NamedParameterJdbcTemplate(cursor);
    }

    /** The report's counts, and how many orgs of the package the selection left out (not in the counts). */
    public Counts counts(UUID campaignId, Instant deadline) {
        MapSqlParameterSource params = params(campaignId, deadline);
        DeadlineTally tally = new DeadlineTally();
        jdbc.query("select t.state, t.error_code, " + LATE + " as late, count(*) as n from campaign_target t"
                + " where t.campaign_id = :campaignId group by 1, 2, 3", params,
                rs -> {
                    tally.addTargets(DeadlineOutcome.ofTarget(TargetState.valueOf(rs.getString("state")),
                            rs.getString("error_code"), rs.getBoolean("late")), rs.getLong("n"));
                });
        long[] leftOut = {0};
        jdbc.query("select reason, count(*) as n from campaign_exclusion where campaign_id = :campaignId group by reason",
                params, rs -> {
                    if (LEFT_OUT.equals(rs.getString("reason"))) {
                        leftOut[0] += rs.getLong("n");
                    } else {
                        tally.addExclusions(DeadlineOutcome.ofExclusion(rs.getString("reason")), rs.getLong("n"));
                    }
                });
        return new Counts(tally, leftOut[0]);
    }

    /** Every selected org once, targets and exclusions together, in org-id order; streamed. */
    public void forEach(UUID campaignId, Instant deadline, Consumer<Row> sink) {
        streaming.query("""
                select t.org_id, t.org_name, t.org_type, t.instance, o.time_zone, t.state, t.error_code,
                       t.error_message, t.finished_at, t.wave_number, cast(null as text) as exclusion_reason,
                       %s as late
                from campaign_target t left join subscriber_org o on o.org_id = t.org_id
                where t.campaign_id = :campaignId
                union all
                select e.org_id, e.org_name, e.org_type, e.instance, o.time_zone, null, null, null,
                       cast(null as timestamptz), cast(null as int), e.reason, false
                from campaign_exclusion e left join subscriber_org o on o.org_id = e.org_id
                where e.campaign_id = :campaignId and e.reason <> :leftOut
                order by org_id""".formatted(LATE), params(campaignId, deadline).addValue("leftOut", LEFT_OUT),
                rs -> {
                    String state = rs.getString("state");
                    sink.accept(new Row(rs.getString("org_id"), rs.getString("org_name"), rs.getString("org_type"),
                            rs.getString("instance"), rs.getString("time_zone"),
                            state == null ? null : TargetState.valueOf(state), rs.getString("error_code"),
                            rs.getString("error_message"), Sql.instant(rs, "finished_at"),
                            Sql.integer(rs, "wave_number"), rs.getString("exclusion_reason"), rs.getBoolean("late")));
                });
    }

    private static MapSqlParameterSource params(UUID campaignId, Instant deadline) {
        return new MapSqlParameterSource("campaignId", campaignId)
                .addValue("deadline", Sql.ts(deadline), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /**
     * @param tally the selected orgs by outcome
     * @param notSelected orgs of the package the selection left out: not selected, so not counted in the report
     */
    public record Counts(DeadlineTally tally, long notSelected) {
    }

    /**
     * One selected org: a target ({@code state} set) or an excluded org ({@code exclusionReason} set).
     *
     * @param timeZone the org's zone as the inventory has it now (null for an org unknown to it)
     * @param late whether a SUCCEEDED target finished after the deadline
     */
    public record Row(String orgId, String orgName, String orgType, String instance, String timeZone,
            TargetState state, String errorCode, String errorMessage, Instant finishedAt, Integer wave,
            String exclusionReason, boolean late) {

        public DeadlineOutcome.Classified classified() {
            return state == null ? DeadlineOutcome.ofExclusion(exclusionReason)
                    : DeadlineOutcome.ofTarget(state, errorCode, late);
        }
    }
}
