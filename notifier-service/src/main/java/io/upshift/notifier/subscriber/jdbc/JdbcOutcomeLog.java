package io.upshift.notifier.subscriber.jdbc;

import io.upshift.notifier.subscriber.domain.Outcome;
import io.upshift.notifier.support.jdbc.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every outcome seen, one row per command: the facts publisher reports are computed from. */
@Repository
public class JdbcOutcomeLog {

    private final JdbcClient jdbc;

    JdbcOutcomeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the outcome; false when this command's outcome was recorded before (a duplicate). */
    public boolean record(Outcome o) {
        return jdbc.sql("""
                insert into org_outcome (command_id, campaign_id, org_id, wave_number, status, error_category,
                        error_code, error_message, version_before, version_after, instance, attempts, finished_at)
                values (?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (command_id) do nothing""")
                .params(o.commandId(), o.campaignId(), o.orgId(), o.waveNumber(), o.status().name(), o.errorCategory(),
                        o.errorCode(), o.errorMessage(), o.versionBefore(), o.versionAfter(), o.instance(),
                        o.attempts(), Sql.timestamp(o.finishedAt()))
                .update() == 1;
    }
}
