package io.upshift.planner.planning.jdbc;

import io.upshift.planner.planning.domain.PushForecast;
import io.upshift.planner.shared.domain.TimeWindow;
import io.upshift.planner.shared.jdbc.CopyWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/** Writes a campaign's planned targets with COPY, in the caller's transaction. */
@Repository
public class TargetWriter {

    private final DataSource dataSource;

    TargetWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A planned org: PLANNED, in its wave and window, released by its forecast. It is written with no
     * notice id: it owes its subscriber the SCHEDULED notice, which the outbox relay builds from it
     * ({@code planning/kafka/ScheduledNotices}).
     */
    public record PlannedTarget(EligibleOrg org, int wave, TimeWindow window, PushForecast forecast) {
    }

    /** Writes one chunk of a campaign's targets; call {@link #analyse()} once the last chunk is written. */
    public long write(UUID campaignId, List<PlannedTarget> targets, Instant now) {
        if (targets.isEmpty()) {
            return 0;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (CopyWriter copy = CopyWriter.open(connection, "campaign_target", """
                campaign_id, org_id, wave_number, state, org_name, org_type, instance, from_version, window_start,
                window_end, expected_ms, release_by, updated_at, chronic""")) {
            for (PlannedTarget t : targets) {
                copy.uuid(campaignId).text(t.org().orgId()).number(t.wave()).text("PLANNED").text(t.org().orgName())
                        .text(t.org().orgType().name()).text(t.org().instance()).text(t.org().installedVersion())
                        .instant(t.window().start()).instant(t.window().end())
                        .number(t.forecast().expected().toMillis()).instant(t.forecast().releaseBy(t.window()))
                        .instant(now).bool(t.org().chronic()).endRow();
            }
            return copy.finish();
        }
    }

    /**
     * Refreshes the table's statistics once a campaign's targets are written. Until autovacuum gets
     * round to it, PostgreSQL believes the new campaign's rows do not exist: it then chose to walk
     * the whole campaign per row when the outbox relay marked notices published (15 s for one batch
     * of 500 with 100,000 targets of a second campaign, measured in bench/, ISSUE-8). ANALYZE
     * samples a fixed number of rows, so it costs about the same for 1,000 targets as for
     * 1,000,000 — once per campaign, not once per chunk.
     */
    public void analyse() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze campaign_target");
        } catch (SQLException e) {
            throw new UncategorizedSQLException("analyze campaign_target", null, e);
        }
    }
}
