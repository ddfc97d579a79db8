package io.upshift.planner.campaign.jdbc;

import io.upshift.planner.campaign.domain.GateBaseline;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.shared.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Wave rows and their counters. Counters move by deltas in the transaction that moves the targets
 * (always with the campaign row locked), so they never drift from the targets; rare bulk changes
 * (cancel, retry) recount instead.
 */
@Repository
public class WaveStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    WaveStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public void insert(UUID campaignId, List<Wave> waves) {
        template.batchUpdate("""
                insert into campaign_wave (campaign_id, wave_number, kind, state, planned_start, planned_end, total, pending,
                                           pilot_list)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", waves, waves.size(), (ps, w) -> {
            ps.setObject(1, campaignId);
            ps.setInt(2, w.number());
            ps.setString(3, w.kind());
            ps.setString(4, w.state().name());
            ps.setObject(5, Sql.ts(w.plannedStart()));
            ps.setObject(6, Sql.ts(w.plannedEnd()));
            ps.setInt(7, w.counts().total());
            ps.setInt(8, w.counts().pending());
            ps.setString(9, w.pilotList());
        });
    }

    public List<Wave> list(UUID campaignId) {
        return jdbc.sql("select * from campaign_wave where campaign_id = ? order by wave_number").param(campaignId)
                .query(WaveStore::map).list();
    }

    /** Adds per-wave count changes (e.g. 40 orgs DISPATCHED → SUCCEEDED in wave 3). */
    public void add(UUID campaignId, Map<Integer, WaveCounts> deltas) {
        deltas.forEach((wave, d) -> {
            if (d.equals(WaveCounts.ZERO)) {
                return;
            }
            jdbc.sql("""
                    update campaign_wave set total = total + ?, pending = pending + ?, dispatched = dispatched + ?,
                           succeeded = succeeded + ?, failed = failed + ?, skipped = skipped + ?,
                           canceled = canceled + ?, timed_out = timed_out + ?
                    where campaign_id = ? and wave_number = ?""")
                    .params(d.total(), d.pending(), d.dispatched(), d.succeeded(), d.failed(), d.skipped(),
                            d.canceled(), d.timedOut(), campaignId, wave)
                    .update();
        });
    }

    /** Recounts every wave of a campaign from its targets. */
    public void recount(UUID campaignId) {
        jdbc.sql("""
                update campaign_wave w set total = c.total, pending = c.pending, dispatched = c.dispatched,
                       succeeded = c.succeeded, failed = c.failed, skipped = c.skipped, canceled = c.canceled,
                       timed_out = c.timed_out
                from (select wv.wave_number, count(t.org_id) as total,
                             count(*) filter (where t.state in ('PLANNED', 'NOTIFIED')) as pending,
                             count(*) filter (where t.state = 'DISPATCHED') as dispatched,
                             count(*) filter (where t.state = 'SUCCEEDED') as succeeded,
                             count(*) filter (where t.state = 'FAILED') as failed,
                             count(*) filter (where t.state = 'SKIPPED') as skipped,
                             count(*) filter (where t.state = 'CANCELED') as canceled,
                             count(*) filter (where t.state = 'TIMED_OUT') as timed_out
                      from campaign_wave wv
                      left join campaign_target t on t.campaign_id = wv.campaign_id and t.wave_number = wv.wave_number
                      where wv.campaign_id = ? group by wv.wave_number) c
                where w.campaign_id = ? and w.wave_number = c.wave_number""")
                .params(campaignId, campaignId).update();
    }

    public void start(UUID campaignId, int wave, Instant now) {
        jdbc.sql("""
                update campaign_wave set state = 'RUNNING', started_at = coalesce(started_at, ?), finished_at = null,
                       state_reason = null
                where campaign_id = ? and wave_number = ?""").params(Sql.ts(now), campaignId, wave).update();
    }

    public void finish(UUID campaignId, int wave, WaveState state, String reason, Instant now) {
        jdbc.sql("""
                update campaign_wave set state = ?, finished_at = ?, state_reason = ?
                where campaign_id = ? and wave_number = ?""")
                .params(state.name(), Sql.ts(now), reason, campaignId, wave).update();
    }

    /** A person resumed a halted wave: it runs again, and its gate judges only what finishes from now on. */
    public void resume(UUID campaignId, int wave, GateBaseline baseline) {
        jdbc.sql("""
                update campaign_wave set state = 'RUNNING', finished_at = null, state_reason = null,
                       gate_baseline_finished = ?, gate_baseline_failures = ?
                where campaign_id = ? and wave_number = ?""")
                .params(baseline.finished(), baseline.failures(), campaignId, wave).update();
    }

    public void setBaseline(UUID campaignId, int wave, GateBaseline baseline) {
        jdbc.sql("""
                update campaign_wave set gate_baseline_finished = ?, gate_baseline_failures = ?
                where campaign_id = ? and wave_number = ?""")
                .params(baseline.finished(), baseline.failures(), campaignId, wave).update();
    }

    public void requestApproval(UUID campaignId, int wave, Instant now) {
        jdbc.sql("update campaign_wave set approval_requested_at = ? where campaign_id = ? and wave_number = ?")
                .params(Sql.ts(now), campaignId, wave).update();
    }

    public void approve(UUID campaignId, int wave, String by, Instant now) {
        jdbc.sql("update campaign_wave set approved_at = ?, approved_by = ? where campaign_id = ? and wave_number = ?")
                .params(Sql.ts(now), by, campaignId, wave).update();
    }

    static Wave map(ResultSet rs, int row) throws SQLException {
        WaveCounts counts = new WaveCounts(rs.getInt("total"), rs.getInt("pending"), rs.getInt("dispatched"),
                rs.getInt("succeeded"), rs.getInt("failed"), rs.getInt("skipped"), rs.getInt("canceled"),
                rs.getInt("timed_out"));
        return new Wave(rs.getInt("wave_number"), rs.getString("kind"), WaveState.valueOf(rs.getString("state")),
                Sql.instant(rs, "planned_start"), Sql.instant(rs, "planned_end"), counts,
                new GateBaseline(rs.getInt("gate_baseline_finished"), rs.getInt("gate_baseline_failures")),
                Sql.instant(rs, "approval_requested_at"), Sql.instant(rs, "approved_at"), rs.getString("approved_by"),
                Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"), rs.getString("state_reason"),
                rs.getString("pilot_list"));
    }

    /** The counts of a single state change, for {@link #add}. */
    public static WaveCounts move(TargetState from, TargetState to, int n) {
        return WaveCounts.ZERO.move(from, to, n);
    }
}
