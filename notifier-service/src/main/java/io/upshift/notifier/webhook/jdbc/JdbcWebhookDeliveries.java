package io.upshift.notifier.webhook.jdbc;

import io.upshift.notifier.support.jdbc.Sql;
import io.upshift.notifier.webhook.domain.WebhookDeliveries;
import io.upshift.notifier.webhook.domain.WebhookDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code webhook_delivery} and {@code webhook_wave_counts} (V3). */
@Repository
class JdbcWebhookDeliveries implements WebhookDeliveries {

    private final JdbcClient jdbc;

    JdbcWebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(WebhookDelivery d, Instant now) {
        return jdbc.sql("""
                insert into webhook_delivery (id, webhook, event_id, event_type, campaign_id, body, status, attempts,
                        next_attempt_at, created_at)
                values (?, ?, ?::uuid, ?, ?::uuid, ?, 'PENDING', 0, ?, ?)
                on conflict (id) do nothing""")
                .params(d.id(), d.webhook(), d.id().substring(0, d.id().indexOf('/')), d.eventType(), d.campaignId(),
                        d.body(), Sql.timestamp(now), Sql.timestamp(now))
                .update() == 1;
    }

    @Override
    public List<WebhookDelivery> claim(Instant now, int limit, Duration lease, String owner) {
        return jdbc.sql("""
                update webhook_delivery w set status = 'SENDING', next_attempt_at = ?, claimed_by = ?
                from (select id from webhook_delivery
                      where status in ('PENDING', 'SENDING') and next_attempt_at <= ?
                      order by next_attempt_at limit ? for update skip locked) due
                where w.id = due.id
                returning w.id, w.webhook, w.event_type, w.campaign_id::text as campaign_id, w.body, w.attempts,
                          w.created_at""")
                .params(Sql.timestamp(now.plus(lease)), owner, Sql.timestamp(now), limit)
                .query((rs, n) -> new WebhookDelivery(rs.getString("id"), rs.getString("webhook"),
                        rs.getString("event_type"), rs.getString("campaign_id"), rs.getString("body"),
                        rs.getInt("attempts"), Sql.instant(rs, "created_at")))
                .list();
    }

    @Override
    public void record(String id, String owner, Outcome outcome) {
        switch (outcome) {
            case Outcome.Delivered d -> close(id, owner, "DELIVERED", d.status(), d.attempts(), d.at(), null);
            case Outcome.GaveUp g -> close(id, owner, "GAVE_UP", g.status(), g.attempts(), g.at(), g.error());
            case Outcome.Retry r -> jdbc.sql("""
                    update webhook_delivery set status = 'PENDING', attempts = ?, next_attempt_at = ?, last_status = ?,
                        last_error = ?, claimed_by = null
                    where id = ? and status = 'SENDING' and claimed_by = ?""")
                    .params(r.attempts(), Sql.timestamp(r.nextAttemptAt()), r.status(), truncate(r.error()), id, owner)
                    .update();
        }
    }

    private void close(String id, String owner, String status, Integer httpStatus, int attempts, Instant at,
            String error) {
        jdbc.sql("""
                update webhook_delivery set status = ?, attempts = ?, last_status = ?, last_error = ?, finished_at = ?
                where id = ? and status = 'SENDING' and claimed_by = ?""")
                .params(status, attempts, httpStatus, truncate(error), Sql.timestamp(at), id, owner)
                .update();
    }

    @Override
    public long pending() {
        return jdbc.sql("select count(*) from webhook_delivery where status in ('PENDING', 'SENDING')")
                .query(Long.class).single();
    }

    @Override
    public Optional<String> waveCounts(String campaignId, int wave) {
        return jdbc.sql("select counts from webhook_wave_counts where campaign_id = ?::uuid and wave_number = ?")
                .params(campaignId, wave)
                .query(String.class)
                .optional();
    }

    @Override
    public void rememberWaveCounts(String campaignId, int wave, String countsJson, Instant at) {
        jdbc.sql("""
                insert into webhook_wave_counts (campaign_id, wave_number, counts, at) values (?::uuid, ?, ?, ?)
                on conflict (campaign_id, wave_number) do update set counts = excluded.counts, at = excluded.at
                where excluded.at >= webhook_wave_counts.at""")
                .params(campaignId, wave, countsJson, Sql.timestamp(at))
                .update();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
