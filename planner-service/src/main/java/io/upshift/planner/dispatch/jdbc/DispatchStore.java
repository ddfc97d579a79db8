package io.upshift.planner.dispatch.jdbc;

import io.upshift.planner.campaign.domain.CancelCodes;
import io.upshift.planner.shared.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The dispatcher's SQL: every statement works on a whole round (a batch of orgs) of one campaign,
 * never one query per org. Callers hold the campaign row lock.
 */
@Repository
public class DispatchStore {

    private final JdbcTemplate jdbc;

    DispatchStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An org that may be released now, unless it was excluded from campaigns since it was scheduled
     * ({@code subscriber_org.excluded}, read at release: such an org is canceled, never released).
     */
    public record Candidate(String orgId, String orgName, String orgType, String instance, String fromVersion,
            int wave, Instant windowStart, Instant windowEnd, int attempt, boolean excluded, String excludedNote) {
    }

    /** The error code of an org the planner timed out ({@link #timeOut}). */
    public static final String PLANNER_TIMEOUT = "PlannerTimeout";

    /** What a planner timeout leaves behind: TIMED_OUT by the planner, the push's fate still unknown. */
    static final String OVERDUE = "state = 'TIMED_OUT' and error_code = '" + PLANNER_TIMEOUT + "'";

    /** A released org with its new command. */
    public record Release(Candidate target, UUID commandId, int attempt) {
    }

    /**
     * Orgs in flight per instance: DISPATCHED ones, and those the planner timed out whose outcome is
     * still unknown (their push may be running at Salesforce; dispatch/DESIGN.md, "Per-org timeout").
     */
    public Map<String, Integer> inFlightByInstance(UUID campaignId) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("""
                select instance, count(*) as n from (
                  select instance from campaign_target where campaign_id = ? and state = 'DISPATCHED'
                  union all
                  select instance from campaign_target where campaign_id = ? and\s""" + OVERDUE + """
                ) f group by instance""",
                rs -> {
                    counts.put(rs.getString("instance"), rs.getInt("n"));
                }, campaignId, campaignId);
        return counts;
    }

    /**
     * When each org in flight (DISPATCHED) was released, for the deadline projection: at most
     * {@code limit}, from the in-flight index (they are as many as the in-flight cap allows).
     */
    public List<Instant> inFlightSince(UUID campaignId, int limit) {
        return jdbc.query("""
                select dispatched_at from campaign_target where campaign_id = ? and state = 'DISPATCHED'
                  and dispatched_at is not null limit ?""",
                (rs, i) -> Sql.instant(rs, "dispatched_at"), campaignId, limit);
    }

    /** Orgs the planner timed out whose outcome is still unknown: they count against the in-flight cap. */
    public int overdue(UUID campaignId) {
        Integer n = jdbc.queryForObject("select count(*) from campaign_target where campaign_id = ? and " + OVERDUE,
                Integer.class, campaignId);
        return n == null ? 0 : n;
    }

    /**
     * What the rate caps need: commands released after {@code since} and when the last round
     * released, in all and per instance (per instance only where rounds were logged by instance).
     */
    public record RecentReleases(int since, Instant last, Map<String, Integer> sinceByInstance,
            Map<String, Instant> lastByInstance) {

        public static final RecentReleases NONE = new RecentReleases(0, null, Map.of(), Map.of());
    }

    public RecentReleases recentReleases(UUID campaignId, Instant since) {
        int[] total = {0};
        Instant[] last = {null};
        Map<String, Integer> sinceByInstance = new HashMap<>();
        Map<String, Instant> lastByInstance = new HashMap<>();
        jdbc.query("""
                select instance, coalesce(sum(released) filter (where released_at > ?), 0) as since,
                       max(released_at) as last
                from dispatch_release where campaign_id = ? group by instance""",
                rs -> {
                    String instance = rs.getString("instance");
                    int n = rs.getInt("since");
                    Instant at = Sql.instant(rs, "last");
                    total[0] += n;
                    last[0] = last[0] == null || at.isAfter(last[0]) ? at : last[0];
                    if (instance != null) {
                        sinceByInstance.put(instance, n);
                        lastByInstance.put(instance, at);
                    }
                }, Sql.ts(since), campaignId);
        return new RecentReleases(total[0], last[0], sinceByInstance, lastByInstance);
    }

    /**
     * NOTIFIED orgs of releasable waves whose window is open, least slack first (the latest instant
     * each push can start and still end in its window: planning/domain/PushForecast). With a
     * per-instance cap, no instance contributes more than it has room for: {@code rooms} names the
     * instances whose room is known, every other instance has {@code otherRoom} (null: no per-instance cap).
     * Each candidate says whether its org is excluded from campaigns now.
     */
    public List<Candidate> candidates(UUID campaignId, List<Integer> waves, Instant now, int limit,
            Map<String, Integer> rooms, Integer otherRoom) {
        String open = """
                select t.org_id, t.org_name, t.org_type, t.instance, t.from_version, t.wave_number, t.window_start,
                       t.window_end, t.release_by, t.attempt, coalesce(o.excluded, false) as excluded,
                       o.excluded_note
                from campaign_target t left join subscriber_org o on o.org_id = t.org_id
                where t.campaign_id = ? and t.state = 'NOTIFIED' and t.window_start <= ? and t.window_end > ?
                  and t.wave_number = any(?::int[])
                  and not\s""" + BLOCKED_BY_SUBSCRIBER + " and not " + DependencyHolds.AWAITING_DEPENDENCY;
        if (otherRoom == null) {
            return jdbc.query(open + " order by t.release_by, t.org_id limit ?", DispatchStore::candidate,
                    campaignId, Sql.ts(now), Sql.ts(now), Sql.array(waves), limit);
        }
        // Each instance's first (room) orgs, read in index order per instance
        // (campaign_target_releasable_by_instance): the instances themselves come from a skip scan of
        // that index, one probe each, instead of ranking every waiting org of the campaign.
        List<String> instances = new ArrayList<>(rooms.keySet());
        List<Integer> counts = instances.stream().map(rooms::get).toList();
        return jdbc.query("""
                with recursive pods(instance) as (
                  select min(instance) from campaign_target where campaign_id = ? and state = 'NOTIFIED'
                  union all
                  select (select min(n.instance) from campaign_target n
                          where n.campaign_id = ? and n.state = 'NOTIFIED' and n.instance > p.instance)
                  from pods p where p.instance is not null)
                select c.* from pods p
                left join unnest(?::text[], ?::int[]) as f(instance, room) on f.instance = p.instance
                cross join lateral (""" + open + """
                   and t.instance = p.instance
                  order by t.release_by, t.org_id
                  limit greatest(coalesce(f.room, ?), 0)) c
                where p.instance is not null
                order by c.release_by, c.org_id limit ?""", DispatchStore::candidate,
                campaignId, campaignId, Sql.array(instances), Sql.array(counts), campaignId, Sql.ts(now), Sql.ts(now),
                Sql.array(waves), otherRoom, limit);
    }

    /**
     * Marks the released orgs DISPATCHED with their commands; returns how many rows changed. Each
     * org's deadline is {@code earliestDeadline} (release + orgTimeout) or its window's end plus its
     * expected push duration, whichever is later: the executor may start the push until the window
     * closes (dispatch/DESIGN.md, "Per-org timeout").
     */
    public int markDispatched(UUID campaignId, List<Release> releases, Instant now, Instant earliestDeadline) {
        return jdbc.update("""
                update campaign_target t set state = 'DISPATCHED', command_id = v.command_id, attempt = v.attempt,
                       dispatched_at = ?,
                       deadline_at = greatest(?::timestamptz, t.window_end + t.expected_ms * interval '1 millisecond'),
                       finished_at = null, error_category = null, error_code = null,
                       error_message = null, version_after = null, updated_at = ?
                from unnest(?::char(18)[], ?::uuid[], ?::int[]) as v(org_id, command_id, attempt)
                where t.campaign_id = ? and t.org_id = v.org_id and t.state = 'NOTIFIED'""",
                Sql.ts(now), Sql.ts(earliestDeadline), Sql.ts(now),
                Sql.array(releases.stream().map(r -> r.target().orgId()).toList()),
                Sql.array(releases.stream().map(Release::commandId).toList()),
                Sql.array(releases.stream().map(Release::attempt).toList()), campaignId);
    }

    /** Records the commands issued, so their outcomes can be recognised and applied once. */
    public void insertCommands(UUID campaignId, List<Release> releases, Instant now) {
        jdbc.update("""
                insert into campaign_command (command_id, campaign_id, org_id, wave_number, attempt, issued_at,
                                              not_before, not_after)
                select v.command_id, ?, v.org_id, v.wave, v.attempt, ?, v.not_before, v.not_after
                from unnest(?::uuid[], ?::char(18)[], ?::int[], ?::int[], ?::timestamptz[], ?::timestamptz[])
                     as v(command_id, org_id, wave, attempt, not_before, not_after)""",
                campaignId, Sql.ts(now),
                Sql.array(releases.stream().map(Release::commandId).toList()),
                Sql.array(releases.stream().map(r -> r.target().orgId()).toList()),
                Sql.array(releases.stream().map(r -> r.target().wave()).toList()),
                Sql.array(releases.stream().map(Release::attempt).toList()),
                Sql.array(releases.stream().map(r -> r.target().windowStart()).toList()),
                Sql.array(releases.stream().map(r -> r.target().windowEnd()).toList()));
    }

    /**
     * Logs a round's releases for the rate caps: one row, or one row per instance when a
     * per-instance rate is set ({@code byInstance}).
     */
    public void logRelease(UUID campaignId, Instant now, List<Release> releases, boolean byInstance) {
        // one round trip: the rate caps only ever look one minute back, so older rounds go as this one is logged
        jdbc.update("""
                with forgotten as (delete from dispatch_release where campaign_id = ? and released_at < ?)
                insert into dispatch_release (campaign_id, released_at, instance, released)
                select ?, ?, v.instance, count(*) from unnest(?::text[]) as v(instance) group by v.instance""",
                campaignId, Sql.ts(now.minus(Duration.ofMinutes(2))), campaignId, Sql.ts(now),
                Sql.array(releases.stream().map(r -> byInstance ? r.target().instance() : null).toList()));
    }

    /**
     * Orgs excluded from campaigns after scheduling end CANCELED with the reason, instead of being
     * released; returns the waves of those canceled.
     */
    public List<Integer> cancelExcluded(UUID campaignId, List<Candidate> excluded, Instant now) {
        return jdbc.query("""
                update campaign_target t set state = 'CANCELED', finished_at = ?, updated_at = ?, error_code = 'Excluded',
                       error_message = v.message
                from unnest(?::char(18)[], ?::text[]) as v(org_id, message)
                where t.campaign_id = ? and t.org_id = v.org_id and t.state = 'NOTIFIED'
                returning t.wave_number""",
                (rs, i) -> rs.getInt(1), Sql.ts(now), Sql.ts(now),
                Sql.array(excluded.stream().map(Candidate::orgId).toList()),
                Sql.array(excluded.stream().map(c -> "excluded from campaigns after scheduling"
                        + (c.excludedNote() == null || c.excludedNote().isBlank() ? "" : ": " + c.excludedNote())).toList()),
                campaignId);
    }

    /** Marks orgs whose outcome is overdue TIMED_OUT; returns the waves of those marked. */
    public List<Integer> timeOut(UUID campaignId, Instant now, int limit, String message) {
        return jdbc.query("""
                update campaign_target set state = 'TIMED_OUT', finished_at = ?, updated_at = ?,
                       error_code = 'PlannerTimeout', error_message = ?
                where campaign_id = ? and org_id in (
                  select org_id from campaign_target
                  where campaign_id = ? and state = 'DISPATCHED' and deadline_at <= ? limit ?)
                  and state = 'DISPATCHED'
                returning wave_number""",
                (rs, i) -> rs.getInt(1), Sql.ts(now), Sql.ts(now), message, campaignId, campaignId, Sql.ts(now), limit);
    }

    /**
     * Ends the not yet released orgs whose subscriber now blocks pushes of the campaign's package
     * CANCELED with the reason (a block can appear after scheduling); returns each one's wave and the
     * state it left. Starts from the package's blocked orgs (a partial index: they are few).
     */
    public List<Canceled> cancelBlockedBySubscriber(UUID campaignId, Instant now) {
        return jdbc.query("""
                with blocked as (
                  select t.org_id, t.wave_number, t.state from campaign_target t
                  join campaign c on c.campaign_id = t.campaign_id
                  join installed_package ip on ip.package_id = c.package_id and ip.org_id = t.org_id and ip.push_blocked
                  where t.campaign_id = ? and t.state in ('PLANNED', 'NOTIFIED')
                  for update of t)
                update campaign_target t set state = 'CANCELED', finished_at = ?, updated_at = ?,
                       error_code = 'BlockedBySubscriber',
                       error_message = 'the subscriber blocks push upgrades of this package (PushUpgradeCustomization)'
                from blocked b where t.campaign_id = ? and t.org_id = b.org_id
                returning b.wave_number, b.state""",
                (rs, i) -> new Canceled(rs.getInt(1), rs.getString(2)), campaignId, Sql.ts(now), Sql.ts(now),
                campaignId);
    }

    /** An org canceled before release: its wave and the state it was in. */
    public record Canceled(int wave, String from) {
    }

    /** Orgs for which no window is left are canceled. */
    public void cancelWithoutWindow(UUID campaignId, List<String> orgIds, Instant now) {
        cancelUnreleased(campaignId, orgIds, CancelCodes.NO_WINDOW, "no maintenance window is left outside the blackouts", now);
    }

    /** Orgs not yet released are canceled with an error code (NoWindow, DeadlinePassed) and its message. */
    public void cancelUnreleased(UUID campaignId, List<String> orgIds, String errorCode, String message, Instant now) {
        jdbc.update("""
                update campaign_target set state = 'CANCELED', finished_at = ?, updated_at = ?, error_code = ?,
                       error_message = ?
                where campaign_id = ? and org_id = any(?::char(18)[]) and state in ('PLANNED', 'NOTIFIED')""",
                Sql.ts(now), Sql.ts(now), errorCode, message, campaignId, Sql.array(orgIds));
    }

    /**
     * The release's re-check of the subscriber's push block (PushUpgradeCustomization, stored on the org's
     * installation by the sync or an import): a target {@code t} whose subscriber blocks pushes of the
     * campaign's package is never a candidate. One fragment, so other release re-checks sit beside it.
     */
    static final String BLOCKED_BY_SUBSCRIBER = """
            exists (select 1 from installed_package ip
                    where ip.org_id = t.org_id and ip.push_blocked
                      and ip.package_id = (select c.package_id from campaign c where c.campaign_id = t.campaign_id))""";

    private static Candidate candidate(ResultSet rs, int row) throws SQLException {
        return new Candidate(rs.getString("org_id"), rs.getString("org_name"), rs.getString("org_type"),
                rs.getString("instance"), rs.getString("from_version"), rs.getInt("wave_number"),
                Sql.instant(rs, "window_start"), Sql.instant(rs, "window_end"), rs.getInt("attempt"),
                rs.getBoolean("excluded"), rs.getString("excluded_note"));
    }

}
