package io.upshift.planner.campaign.jdbc;

import io.upshift.planner.campaign.domain.CancelCodes;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.shared.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of bulk changes to a campaign's org targets: cancel every org not released yet, put
 * failed orgs back in line (retry), move waiting orgs to new windows (reschedule). Orgs are
 * streamed with a cursor, never loaded whole; callers hold the campaign lock.
 */
@Repository
public class TargetStore {

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    TargetStore(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** An org of the campaign with what a notice needs. */
    public record Org(String orgId, int wave, TargetState state, String orgName, String timeZone, Set<DayOfWeek> days,
            LocalTime windowStart, LocalTime windowEnd, List<String> recipients, String locale, String fromVersion,
            Instant plannedStart, Instant plannedEnd) {
    }

    private static final String ORG_COLUMNS = """
            select t.org_id, t.wave_number, t.state, coalesce(o.org_name, t.org_name) as org_name, o.time_zone,
                   o.window_days, o.window_start, o.window_end, coalesce(o.admin_emails, '{}') as admin_emails,
                   o.locale, t.from_version, t.window_start as planned_start, t.window_end as planned_end
            from campaign_target t left join subscriber_org o on o.org_id = t.org_id
            """;

    /**
     * Streams the orgs in the given states (optionally of one wave, optionally only the listed orgs),
     * {@code fetchSize} rows per round trip.
     */
    public void forEach(UUID campaignId, Collection<TargetState> states, Integer wave, List<String> orgIds,
            int fetchSize, Consumer<Org> sink) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(fetchSize);
        streaming.query(ORG_COLUMNS + """
                where t.campaign_id = ? and t.state = any(?::text[]) and (cast(? as int) is null or t.wave_number = ?)
                  and (cast(? as text) is null or t.org_id = any(cast(? as char(18)[])))
                order by t.org_id""",
                rs -> {
                    sink.accept(org(rs));
                },
                campaignId, Sql.array(states.stream().map(Enum::name).toList()), wave, wave,
                orgIds == null || orgIds.isEmpty() ? null : "list",
                orgIds == null || orgIds.isEmpty() ? null : Sql.array(orgIds));
    }

    /**
     * Orgs of the given waves whose window closed before they were released, the earliest first
     * within each wave: at most {@code limit} in all, one index range per wave (V24).
     */
    public List<Org> expired(UUID campaignId, Collection<Integer> waves, Instant now, int limit) {
        List<Org> expired = new ArrayList<>();
        for (int wave : waves) {
            if (expired.size() >= limit) {
                break;
            }
            expired.addAll(jdbc.query(ORG_COLUMNS + """
                    where t.campaign_id = ? and t.wave_number = ? and t.state in ('PLANNED', 'NOTIFIED')
                      and t.window_end <= ?
                    order by t.window_end limit ?""",
                    (rs, i) -> org(rs), campaignId, wave, Sql.ts(now), limit - expired.size()));
        }
        return expired;
    }

    private static Org org(ResultSet rs) throws SQLException {
        return new Org(rs.getString("org_id"), rs.getInt("wave_number"), TargetState.valueOf(rs.getString("state")),
                rs.getString("org_name"), rs.getString("time_zone"), Sql.days(rs.getArray("window_days")),
                rs.getObject("window_start", LocalTime.class), rs.getObject("window_end", LocalTime.class),
                Sql.strings(rs.getArray("admin_emails")), rs.getString("locale"), rs.getString("from_version"),
                Sql.instant(rs, "planned_start"), Sql.instant(rs, "planned_end"));
    }

    /** One org of the campaign with what a notice needs, or empty when the campaign has no such org. */
    public Optional<Org> find(UUID campaignId, String orgId) {
        return jdbc.query(ORG_COLUMNS + "where t.campaign_id = ? and t.org_id = ?", (rs, i) -> org(rs), campaignId,
                orgId).stream().findFirst();
    }

    /**
     * Marks an org removed by a person. A waiting org ends CANCELED with the reason at once; a
     * released one keeps its state until its outcome says what became of it. Returns whether the
     * org was found in {@code expected} and not removed before (nothing is changed otherwise).
     */
    public boolean remove(UUID campaignId, String orgId, TargetState expected, String reason, String by, Instant now) {
        return jdbc.update("""
                update campaign_target set removed_reason = ?, removed_by = ?, removed_at = ?, updated_at = ?,
                       state = case when state in ('PLANNED', 'NOTIFIED') then 'CANCELED' else state end,
                       finished_at = case when state in ('PLANNED', 'NOTIFIED') then ? else finished_at end,
                       error_code = case when state in ('PLANNED', 'NOTIFIED') then 'RemovedFromCampaign'
                                         else error_code end,
                       error_message = case when state in ('PLANNED', 'NOTIFIED') then ? else error_message end
                where campaign_id = ? and org_id = ? and state = ? and removed_reason is null""",
                reason, by, Sql.ts(now), Sql.ts(now), Sql.ts(now), reason, campaignId, orgId, expected.name()) == 1;
    }

    /** Every org not released yet becomes CANCELED; returns how many. */
    public int cancelWaiting(UUID campaignId, String reason, Instant now) {
        return cancelWaiting(campaignId, CancelCodes.CAMPAIGN_CANCELED, reason, now);
    }

    /** Every org not released yet becomes CANCELED with this error code and message; returns how many. */
    public int cancelWaiting(UUID campaignId, String errorCode, String message, Instant now) {
        return jdbc.update("""
                update campaign_target set state = 'CANCELED', finished_at = ?, updated_at = ?, error_code = ?,
                       error_message = ?
                where campaign_id = ? and state in ('PLANNED', 'NOTIFIED')""",
                Sql.ts(now), Sql.ts(now), errorCode, message, campaignId);
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

    /** Moves waiting orgs to new windows, announced by new notices: PLANNED until the notice is published. */
    public void moveWindows(UUID campaignId, List<String> orgIds, List<Instant> starts, List<Instant> ends,
            List<UUID> notices, Instant now) {
        jdbc.update("""
                update campaign_target t set window_start = v.window_start, window_end = v.window_end,
                       release_by = v.window_end - t.expected_ms * interval '1 millisecond',
                       notice_id = v.notice_id, state = 'PLANNED', reschedules = t.reschedules + 1, updated_at = ?
                from unnest(?::char(18)[], ?::timestamptz[], ?::timestamptz[], ?::uuid[])
                     as v(org_id, window_start, window_end, notice_id)
                where t.campaign_id = ? and t.org_id = v.org_id and t.state in ('PLANNED', 'NOTIFIED')""",
                Sql.ts(now), Sql.array(orgIds), Sql.array(starts), Sql.array(ends), Sql.array(notices), campaignId);
    }
}
