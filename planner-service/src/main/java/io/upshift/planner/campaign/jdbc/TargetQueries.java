package io.upshift.planner.campaign.jdbc;

import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.shared.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads campaign targets for people: counts by state, filtered pages, the CSV export, an org's history. */
@Repository
public class TargetQueries {

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;

    TargetQueries(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(5000);
    }

    /**
     * Targets by state, every state present, from the wave counters (#21: a GROUP BY over a running
     * 100,000-org campaign's targets read 100,000 rows per view). The counters lump PLANNED and
     * NOTIFIED together as pending; PLANNED is counted from its partial index (V32), few rows once
     * notices are out. A campaign without waves (a draft) is counted from its targets.
     */
    public Map<TargetState, Long> countByState(UUID campaignId, List<Wave> waves) {
        if (waves.isEmpty()) {
            return countByState(campaignId);
        }
        WaveCounts sum = waves.stream().map(Wave::counts).reduce(WaveCounts.ZERO, WaveCounts::plus);
        long planned = jdbc.sql("select count(*) from campaign_target where campaign_id = ? and state = 'PLANNED'")
                .param(campaignId).query(Long.class).single();
        // two statements, two snapshots: a notice published in between must not make NOTIFIED negative
        planned = Math.min(planned, sum.pending());
        Map<TargetState, Long> counts = new EnumMap<>(TargetState.class);
        counts.put(TargetState.PLANNED, planned);
        counts.put(TargetState.NOTIFIED, sum.pending() - planned);
        counts.put(TargetState.DISPATCHED, (long) sum.dispatched());
        counts.put(TargetState.SUCCEEDED, (long) sum.succeeded());
        counts.put(TargetState.FAILED, (long) sum.failed());
        counts.put(TargetState.SKIPPED, (long) sum.skipped());
        counts.put(TargetState.CANCELED, (long) sum.canceled());
        counts.put(TargetState.TIMED_OUT, (long) sum.timedOut());
        return counts;
    }

    /** Targets by state, every state present, counted from the targets. */
    public Map<TargetState, Long> countByState(UUID campaignId) {
        Map<TargetState, Long> counts = new EnumMap<>(TargetState.class);
        for (TargetState state : TargetState.values()) {
            counts.put(state, 0L);
        }
        jdbc.sql("select state, count(*) as n from campaign_target where campaign_id = ? group by state")
                .param(campaignId)
                .query(rs -> {
                    counts.put(TargetState.valueOf(rs.getString("state")), rs.getLong("n"));
                });
        return counts;
    }

    /** One page of targets, by org id after {@code after}; each filter is optional. */
    public List<Target> page(UUID campaignId, TargetState state, Integer wave, String instance, String after, int limit) {
        return page(campaignId, state, wave, instance, null, null, after, limit);
    }

    /**
     * One page of targets, by org id after {@code after}; each filter is optional. {@code search} is the start
     * of an org id or (any case) of an org name; {@code errorCode} the Salesforce error code, exactly.
     */
    public List<Target> page(UUID campaignId, TargetState state, Integer wave, String instance, String search,
            String errorCode, String after, int limit) {
        String prefix = search == null ? null : likePrefix(search);
        return jdbc.sql("""
                select * from campaign_target
                where campaign_id = ? and (cast(? as text) is null or state = ?) and (cast(? as int) is null or wave_number = ?)
                  and (cast(? as text) is null or instance = ?)
                  and (cast(? as text) is null or org_id like ? or lower(org_name) like ?)
                  and (cast(? as text) is null or error_code = ?) and org_id > ?
                order by org_id limit ?""")
                .params(campaignId, name(state), name(state), wave, wave, instance, instance, prefix, prefix,
                        prefix == null ? null : prefix.toLowerCase(java.util.Locale.ROOT), errorCode, errorCode,
                        after == null ? "" : after, limit)
                .query(TargetQueries::map).list();
    }

    /** A LIKE pattern for "starts with": the text's own wildcards match only themselves. */
    static String likePrefix(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Every target of a campaign in org-id order, streamed (for the CSV export). */
    public void forEach(UUID campaignId, Consumer<Target> sink) {
        streaming.query("select * from campaign_target where campaign_id = ? order by org_id",
                rs -> {
                    sink.accept(map(rs, 0));
                }, campaignId);
    }

    /** An org's campaigns, newest first. */
    public List<History> history(String orgId) {
        return jdbc.sql("""
                select t.*, c.name, c.package_id, p.name as package_name, c.target_version, c.state as campaign_state,
                       c.created_at
                from campaign_target t join campaign c on c.campaign_id = t.campaign_id
                join package p on p.package_id = c.package_id
                where t.org_id = ? order by c.created_at desc""")
                .param(orgId)
                .query((rs, i) -> new History(rs.getObject("campaign_id", UUID.class), rs.getString("name"),
                        rs.getString("package_id"), rs.getString("package_name"), rs.getString("target_version"),
                        rs.getString("campaign_state"), Sql.instant(rs, "created_at"), map(rs, i)))
                .list();
    }

    public boolean orgKnown(String orgId) {
        return jdbc.sql("select exists (select 1 from subscriber_org where org_id = ?)").param(orgId)
                .query(Boolean.class).single();
    }

    private static String name(TargetState state) {
        return state == null ? null : state.name();
    }

    static Target map(ResultSet rs, int row) throws SQLException {
        return new Target(rs.getString("org_id"), rs.getString("org_name"), rs.getString("org_type"),
                rs.getString("instance"), rs.getInt("wave_number"), TargetState.valueOf(rs.getString("state")),
                rs.getString("from_version"), rs.getString("version_after"), Sql.instant(rs, "window_start"),
                Sql.instant(rs, "window_end"), Duration.ofMillis(rs.getLong("expected_ms")), Sql.instant(rs, "release_by"),
                rs.getInt("reschedules"), rs.getInt("attempt"),
                Sql.uuid(rs, "command_id"), Sql.instant(rs, "dispatched_at"), Sql.instant(rs, "finished_at"),
                rs.getString("error_category"), rs.getString("error_code"), rs.getString("error_message"));
    }

    /**
     * One org in one campaign; {@code expectedDuration} is its push forecast and {@code releaseBy}
     * the latest start that still ends in the window (planning/domain/PushForecast).
     */
    public record Target(String orgId, String orgName, String orgType, String instance, int wave, TargetState state,
            String fromVersion, String versionAfter, Instant windowStart, Instant windowEnd, Duration expectedDuration,
            Instant releaseBy, int reschedules,
            int attempt, UUID commandId, Instant dispatchedAt, Instant finishedAt, String errorCategory,
            String errorCode, String errorMessage) {
    }

    /** One campaign in an org's history. */
    public record History(UUID campaignId, String campaignName, String packageId, String packageName,
            String targetVersion, String campaignState, Instant campaignCreatedAt, Target target) {
    }
}
