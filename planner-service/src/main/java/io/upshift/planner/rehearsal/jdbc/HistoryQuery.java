package io.upshift.planner.rehearsal.jdbc;

import io.upshift.planner.rehearsal.domain.PastPush;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The package's history a twin is fitted from: every finished command of its last
 * {@link #HISTORY_CAMPAIGNS} started campaigns (the rehearsed one excepted), oldest first, with the
 * org's pod and the version pushed. Gateway calls per command are not stored by the planner
 * (attempts is 0: unknown), so the twin's refused-call rate is a default the report names.
 */
@Repository
public class HistoryQuery {

    public static final int HISTORY_CAMPAIGNS = 10;

    private final JdbcClient jdbc;

    HistoryQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<PastPush> pushes(String packageId, UUID except) {
        return jdbc.sql("""
                with recent as (
                  select k.campaign_id, k.target_version from campaign k
                  where k.package_id = ? and k.campaign_id <> ? and k.started_at is not null
                  order by k.started_at desc limit ?)
                select c.campaign_id::text as campaign_id, c.org_id, t.instance, r.target_version,
                       c.outcome_status, c.error_code,
                       case when c.finished_at >= c.started_at
                            then (extract(epoch from c.finished_at - c.started_at) * 1000)::bigint end as ms
                from recent r
                join campaign_command c on c.campaign_id = r.campaign_id
                join campaign_target t on t.campaign_id = c.campaign_id and t.org_id = c.org_id
                where c.outcome_status in ('SUCCEEDED', 'FAILED', 'TIMED_OUT')
                order by c.issued_at, c.command_id""")
                .params(packageId, except, HISTORY_CAMPAIGNS)
                .query((rs, i) -> {
                    // wasNull() speaks of the column read last: ask it right after reading ms
                    long ms = rs.getLong("ms");
                    Duration duration = rs.wasNull() ? null : Duration.ofMillis(ms);
                    return new PastPush(rs.getString("campaign_id"), rs.getString("org_id").strip(),
                            rs.getString("instance"), rs.getString("target_version"), rs.getString("outcome_status"),
                            rs.getString("error_code"), 0, duration);
                }).list();
    }
}
