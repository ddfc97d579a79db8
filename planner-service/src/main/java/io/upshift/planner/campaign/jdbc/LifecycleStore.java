package io.upshift.planner.campaign.jdbc;

import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.shared.jdbc.Sql;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the bulk changes people make: cancel (every org not released yet) and retry (failed
 * and timed-out orgs). Orgs are streamed with a cursor, never loaded whole; callers hold the
 * campaign lock.
 */
@Repository
public class LifecycleStore {

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    LifecycleStore(JdbcTemplate jdbc, DataSource dataSource, PlanningProperties planning) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(planning.batchSize());
    }

    /** An org of the campaign with what a notice needs. */
    public record Org(String orgId, int wave, TargetState state, String orgName, String timeZone, Set<DayOfWeek> days,
            LocalTime windowStart, LocalTime windowEnd, List<String> recipients, String locale, String fromVersion,
            Instant plannedStart, Instant plannedEnd) {
    }

    /** Streams the orgs in the given states (optionally of one wave, optionally only the listed orgs). */
    public void forEach(UUID campaignId, Collection<TargetState> states, Integer wave, List<String> orgIds,
            Consumer<Org> sink) {
        streaming.query("""
                select t.org_id, t.wave_number, t.state, coalesce(o.org_name, t.org_name) as org_name, o.time_zone,
                       o.window_days, o.window_start, o.window_end, coalesce(o.admin_emails, '{}') as admin_emails,
                       o.locale, t.from_version, t.window_start as planned_start, t.window_end as planned_end
                from campaign_target t left join subscriber_org o on o.org_id = t.org_id
                where t.campaign_id = ? and t.state = any(?::text[]) and (cast(? as int) is null or t.wave_number = ?)
                  and (cast(? as text) is null or t.org_id = any(cast(? as char(18)[])))
                order by t.org_id""",
                rs -> {
                    sink.accept(new Org(rs.getString("org_id"), rs.getInt("wave_number"),
                            TargetState.valueOf(rs.getString("state")), rs.getString("org_name"),
                            rs.getString("time_zone"), Sql.days(rs.getArray("window_days")),
                            rs.getObject("window_start", LocalTime.class), rs.getObject("window_end", LocalTime.class),
                            Sql.strings(rs.getArray("admin_emails")), rs.getString("locale"), rs.getString("from_version"),
                            Sql.instant(rs, "planned_start"), Sql.instant(rs, "planned_end")));
                },
                campaignId, Sql.array(states.stream().map(Enum::name).toList()), wave, wave,
                orgIds == null || orgIds.isEmpty() ? null : "list",
                orgIds == null || orgIds.isEmpty() ? null : Sql.array(orgIds));
    }

    /** Every org not released yet becomes CANCELED; returns how many. */
    public int cancelWaiting(UUID campaignId, String reason, Instant now) {
        return jdbc.update("""
                update campaign_target set state = 'CANCELED', finished_at = ?, updated_at = ?, error_code = 'CampaignCanceled',
                       error_message = ?
                where campaign_id = ? and state in ('PLANNED', 'NOTIFIED')""",
                Sql.ts(now), Sql.ts(now), reason, campaignId);
    }

    /** Puts retried orgs back in line in new windows, announced by new notices (PLANNED until published). */
    public void retry(UUID campaignId, List<String> orgIds, List<Instant> starts, List<Instant> ends, List<UUID> notices,
            Instant now) {
        jdbc.update("""
                update campaign_target t set state = 'PLANNED', window_start = v.window_start, window_end = v.window_end,
                       release_by = v.window_end - t.expected_ms * interval '1 millisecond', notice_id = v.notice_id,
                       deadline_at = null, finished_at = null, error_category = null, error_code = null,
                       error_message = null, version_after = null, updated_at = ?
                from unnest(?::char(18)[], ?::timestamptz[], ?::timestamptz[], ?::uuid[])
                     as v(org_id, window_start, window_end, notice_id)
                where t.campaign_id = ? and t.org_id = v.org_id and t.state in ('FAILED', 'TIMED_OUT')""",
                Sql.ts(now), Sql.array(orgIds), Sql.array(starts), Sql.array(ends), Sql.array(notices), campaignId);
    }

}
