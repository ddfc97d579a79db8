package io.upshift.notifier.report.jdbc;

import io.upshift.notifier.report.domain.CampaignEventFacts;
import io.upshift.notifier.support.jdbc.Sql;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which wave of each campaign waits for approval, and since when (V3 {@code awaiting_approval}). The planner asks
 * for one wave at a time; the wait ends when that wave (or a later one) starts, passes or halts, or the campaign
 * halts, is canceled or completes. Events of one campaign arrive in order (the topic is keyed by campaign), and an
 * event of an earlier wave (the previous wave's WAVE_PASSED, emitted just before the request) ends nothing.
 */
@Repository
public class JdbcAwaitingApprovals {

    private final JdbcClient jdbc;

    JdbcAwaitingApprovals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void apply(CampaignEventFacts event) {
        switch (event.type()) {
            case WAVE_AWAITING_APPROVAL -> jdbc.sql("""
                    insert into awaiting_approval (campaign_id, wave_number, since) values (?::uuid, ?, ?)
                    on conflict (campaign_id) do update set wave_number = excluded.wave_number, since = excluded.since
                    where excluded.since >= awaiting_approval.since""")
                    .params(event.campaignId(), event.waveNumber(), Sql.timestamp(event.at()))
                    .update();
            case WAVE_STARTED, WAVE_PASSED, WAVE_HALTED -> jdbc.sql("""
                    delete from awaiting_approval where campaign_id = ?::uuid and wave_number <= ?""")
                    .params(event.campaignId(), event.waveNumber())
                    .update();
            case HALTED, CANCELED, COMPLETED -> jdbc.sql("delete from awaiting_approval where campaign_id = ?::uuid")
                    .param(event.campaignId())
                    .update();
            default -> {
                // nothing else starts or ends a wait for approval
            }
        }
    }

    /**
     * Since when each campaign's wave has been waiting, by campaign id, and — with no instant (null) — every
     * other campaign that had an event since {@code activeSince}: a campaign that does not wait shows 0, so the
     * series an alert watches exists before the first wait (an absent series cannot be told from a broken one).
     */
    public Map<String, Instant> waitingSince(Instant activeSince) {
        Map<String, Instant> waiting = new HashMap<>();
        jdbc.sql("""
                select coalesce(a.campaign_id, c.campaign_id)::text as campaign_id, a.since
                from campaign c full join awaiting_approval a on a.campaign_id = c.campaign_id
                where a.since is not null or c.last_event_at >= ?""")
                .param(Sql.timestamp(activeSince))
                .query(rs -> {
                    waiting.put(rs.getString("campaign_id"), Sql.instant(rs, "since"));
                });
        return waiting;
    }
}
