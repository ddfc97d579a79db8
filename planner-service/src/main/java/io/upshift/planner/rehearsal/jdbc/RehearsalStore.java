package io.upshift.planner.rehearsal.jdbc;

import io.upshift.planner.shared.domain.NotFoundException;
import io.upshift.planner.shared.jdbc.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rehearsal table: the only rows a rehearsal writes. The report is stored as the API shows it (JSON). */
@Repository
public class RehearsalStore {

    private final JdbcClient jdbc;

    RehearsalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored rehearsal; {@code report} and {@code overrides} are JSON text. */
    public record Row(UUID id, UUID campaignId, String state, int seeds, long firstSeed, Duration approvalDelay,
            String overrides, String requestedBy, Instant requestedAt, Instant finishedAt, Long elapsedMs,
            String report, String error) {
    }

    public void insert(UUID id, UUID campaignId, int seeds, long firstSeed, Duration approvalDelay, String overrides,
            String requestedBy, Instant now) {
        jdbc.sql("""
                insert into rehearsal (rehearsal_id, campaign_id, state, seeds, first_seed, approval_delay_ms,
                                       overrides, requested_by, requested_at)
                values (?, ?, 'RUNNING', ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(id, campaignId, seeds, firstSeed, approvalDelay.toMillis(), overrides, requestedBy, Sql.ts(now))
                .update();
    }

    public void done(UUID id, String report, long elapsedMs, Instant now) {
        jdbc.sql("update rehearsal set state = 'DONE', report = ?::jsonb, elapsed_ms = ?, finished_at = ? "
                + "where rehearsal_id = ?").params(report, elapsedMs, Sql.ts(now), id).update();
    }

    public void failed(UUID id, String error, Instant now) {
        jdbc.sql("update rehearsal set state = 'FAILED', error = ?, finished_at = ? where rehearsal_id = ?")
                .params(error, Sql.ts(now), id).update();
    }

    public Row get(UUID id) {
        return jdbc.sql("select * from rehearsal where rehearsal_id = ?").params(id).query(RehearsalStore::row)
                .optional().orElseThrow(() -> new NotFoundException("rehearsal", id));
    }

    public List<Row> ofCampaign(UUID campaignId, int limit) {
        return jdbc.sql("select * from rehearsal where campaign_id = ? order by requested_at desc limit ?")
                .params(campaignId, limit).query(RehearsalStore::row).list();
    }

    private static Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(Sql.uuid(rs, "rehearsal_id"), Sql.uuid(rs, "campaign_id"), rs.getString("state"),
                rs.getInt("seeds"), rs.getLong("first_seed"), Duration.ofMillis(rs.getLong("approval_delay_ms")),
                rs.getString("overrides"), rs.getString("requested_by"), Sql.instant(rs, "requested_at"),
                Sql.instant(rs, "finished_at"), (Long) rs.getObject("elapsed_ms"), rs.getString("report"),
                rs.getString("error"));
    }
}
