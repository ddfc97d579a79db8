package io.upshift.notifier.email.jdbc;

import io.upshift.notifier.email.domain.DeliveryRecord;
import io.upshift.notifier.email.domain.EmailCount;
import io.upshift.notifier.email.domain.EmailFacts;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.EmailQueue;
import io.upshift.notifier.email.domain.EmailStatus;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.support.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The email queue in PostgreSQL: idempotent inserts, SKIP LOCKED claims with a lease. */
@Repository
class JdbcEmailQueue implements EmailQueue {

    /** Facts are written by this class only; unknown fields are tolerated so an older replica can read a newer row. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;

    JdbcEmailQueue(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
    }

    @Override
    public List<EmailKind> queue(List<NewEmail> emails, Instant now) {
        List<EmailKind> added = new ArrayList<>();
        for (NewEmail email : emails) {
            int inserted = jdbc.sql("""
                    insert into email (id, kind, campaign_id, org_id, dedup_key, facts, status, due_at, next_attempt_at,
                                       expires_at, created_at)
                    values (?, ?, ?::uuid, ?, ?, ?::jsonb, 'PENDING', ?, ?, ?, ?)
                    on conflict on constraint email_once do nothing""")
                    .params(UUID.randomUUID(), email.kind().name(), email.campaignId(), email.orgId(), email.dedupKey(),
                            JSON.writeValueAsString(email.facts()), Sql.timestamp(email.dueAt()),
                            Sql.timestamp(email.dueAt()), Sql.timestamp(email.expiresAt()), Sql.timestamp(now))
                    .update();
            if (inserted == 1) {
                added.add(email.kind());
            }
        }
        return added;
    }

    @Override
    public int cancelPendingReminders(String campaignId, String orgId, Instant now) {
        return jdbc.sql("""
                update email set status = 'CANCELED', finished_at = ?, last_error = 'window moved or canceled'
                where campaign_id = ?::uuid and org_id = ? and kind = 'REMINDER' and status = 'PENDING'""")
                .params(Sql.timestamp(now), campaignId, orgId)
                .update();
    }

    @Override
    public int cancelPendingReminders(String campaignId, Instant now) {
        return jdbc.sql("""
                update email set status = 'CANCELED', finished_at = ?, last_error = 'campaign canceled'
                where campaign_id = ?::uuid and kind = 'REMINDER' and status = 'PENDING'""")
                .params(Sql.timestamp(now), campaignId)
                .update();
    }

    @Override
    public List<QueuedEmail> claim(Instant now, int limit, Duration lease, String claimer) {
        // One statement: the sub-select skips rows another replica holds, the update leases the rest.
        // A SENDING row whose lease ran out belonged to a sender that died mid-send: it is claimed again.
        return jdbc.sql("""
                update email e set status = 'SENDING', next_attempt_at = ?, claimed_by = ?
                from (select id from email
                      where status in ('PENDING', 'SENDING') and next_attempt_at <= ?
                      order by next_attempt_at
                      limit ?
                      for update skip locked) due
                where e.id = due.id
                returning e.id, e.kind, e.campaign_id, e.org_id, e.dedup_key, e.facts::text as facts, e.due_at,
                          e.expires_at, e.attempts, e.created_at""")
                .params(Sql.timestamp(now.plus(lease)), claimer, Sql.timestamp(now), limit)
                .query(JdbcEmailQueue::queued)
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing(QueuedEmail::dueAt))
                .toList();
    }

    @Override
    public void record(List<DeliveryRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            List<Object[]> sent = new ArrayList<>();
            List<Object[]> retry = new ArrayList<>();
            List<Object[]> closed = new ArrayList<>();
            for (DeliveryRecord record : records) {
                switch (record) {
                    case DeliveryRecord.Sent s -> sent.add(new Object[] {Sql.timestamp(s.at()), s.attempts(),
                            s.messageId(), Sql.textArray(s.sentTo()), s.subject(), s.id()});
                    case DeliveryRecord.Retry r -> retry.add(new Object[] {Sql.timestamp(r.at()), r.attempts(),
                            truncate(r.error()), r.id()});
                    case DeliveryRecord.Closed c -> closed.add(new Object[] {c.status().name(), Sql.timestamp(c.at()),
                            c.attempts(), truncate(c.error()), c.id()});
                }
            }
            // Only rows still SENDING are written: a row is never moved back from a final state.
            if (!sent.isEmpty()) {
                template.batchUpdate("""
                        update email set status = 'SENT', finished_at = ?, attempts = ?, message_id = ?, sent_to = ?,
                               subject = ?, last_error = null
                        where id = ? and status = 'SENDING'""", sent);
            }
            if (!retry.isEmpty()) {
                template.batchUpdate("""
                        update email set status = 'PENDING', next_attempt_at = ?, attempts = ?, last_error = ?,
                               claimed_by = null
                        where id = ? and status = 'SENDING'""", retry);
            }
            if (!closed.isEmpty()) {
                template.batchUpdate("""
                        update email set status = ?, finished_at = ?, attempts = ?, last_error = ?
                        where id = ? and status = 'SENDING'""", closed);
            }
        });
    }

    @Override
    public Optional<Instant> oldestUnsentDue(Instant now) {
        return jdbc.sql("""
                select min(due_at) from email
                where status in ('PENDING', 'SENDING') and due_at <= ?""")
                .param(Sql.timestamp(now))
                .query((rs, n) -> Sql.instant(rs, "min"))
                .optional();
    }

    @Override
    public List<EmailCount> counts(String campaignId) {
        return jdbc.sql("""
                select kind, status, count(*) as n from email where campaign_id = ?::uuid
                group by kind, status order by kind, status""")
                .param(campaignId)
                .query((rs, n) -> new EmailCount(EmailKind.valueOf(rs.getString("kind")),
                        EmailStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list();
    }

    private static QueuedEmail queued(ResultSet rs, int row) throws SQLException {
        EmailKind kind = EmailKind.valueOf(rs.getString("kind"));
        EmailFacts facts = JSON.readValue(rs.getString("facts"), kind.factsType());
        return new QueuedEmail(rs.getObject("id", UUID.class), kind, rs.getString("campaign_id"),
                rs.getString("org_id"), rs.getString("dedup_key"), facts, Sql.instant(rs, "due_at"),
                Sql.instant(rs, "expires_at"), rs.getInt("attempts"), Sql.instant(rs, "created_at"));
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}
