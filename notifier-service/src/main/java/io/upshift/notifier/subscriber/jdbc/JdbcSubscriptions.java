package io.upshift.notifier.subscriber.jdbc;

import io.upshift.notifier.subscriber.domain.Subscription;
import io.upshift.notifier.subscriber.domain.SubscriptionLookup;
import io.upshift.notifier.support.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Subscriptions (what we know of each org of a campaign) in PostgreSQL. */
@Repository
public class JdbcSubscriptions implements SubscriptionLookup {

    private final JdbcClient jdbc;

    JdbcSubscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Subscription> find(String campaignId, String orgId) {
        return jdbc.sql("select * from subscription where campaign_id = ?::uuid and org_id = ?")
                .params(campaignId, orgId)
                .query(JdbcSubscriptions::subscription)
                .optional();
    }

    public void save(Subscription s, Instant now) {
        jdbc.sql("""
                insert into subscription (campaign_id, org_id, org_name, package_name, recipients, locale, time_zone,
                        support_contact, current_version, target_version, release_notes_url, window_start, window_end,
                        canceled, last_notice_id, updated_at)
                values (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid, ?)
                on conflict (campaign_id, org_id) do update set
                    org_name = excluded.org_name, package_name = excluded.package_name, recipients = excluded.recipients,
                    locale = excluded.locale, time_zone = excluded.time_zone, support_contact = excluded.support_contact,
                    current_version = excluded.current_version, target_version = excluded.target_version,
                    release_notes_url = excluded.release_notes_url, window_start = excluded.window_start,
                    window_end = excluded.window_end, canceled = excluded.canceled,
                    last_notice_id = excluded.last_notice_id, updated_at = excluded.updated_at""")
                .params(s.campaignId(), s.orgId(), s.orgName(), s.packageName(), Sql.textArray(s.recipients()),
                        s.locale(), s.timeZone().getId(), s.supportContact(), s.currentVersion(), s.targetVersion(),
                        s.releaseNotesUrl(), Sql.timestamp(s.windowStart()), Sql.timestamp(s.windowEnd()), s.canceled(),
                        s.lastNoticeId(), Sql.timestamp(now))
                .update();
    }

    /** Records whether the planner called the org chronic for the campaign's package (publisher reports count them). */
    public void markChronic(String campaignId, String orgId, boolean chronic) {
        jdbc.sql("update subscription set chronic = ? where campaign_id = ?::uuid and org_id = ?")
                .params(chronic, campaignId, orgId)
                .update();
    }

    private static Subscription subscription(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getString("campaign_id"), rs.getString("org_id"), rs.getString("org_name"),
                rs.getString("package_name"), Sql.list(rs, "recipients"), rs.getString("locale"),
                ZoneId.of(rs.getString("time_zone")), rs.getString("support_contact"), rs.getString("current_version"),
                rs.getString("target_version"), rs.getString("release_notes_url"), Sql.instant(rs, "window_start"),
                Sql.instant(rs, "window_end"), rs.getBoolean("canceled"), rs.getString("last_notice_id"));
    }
}
