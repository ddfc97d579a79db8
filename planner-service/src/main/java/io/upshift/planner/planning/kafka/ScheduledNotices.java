package io.upshift.planner.planning.kafka;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.PackageCatalog;
import io.upshift.planner.outbox.DeferredMessages;
import io.upshift.planner.outbox.OutgoingMessage;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.shared.domain.TimeWindow;
import io.upshift.planner.shared.jdbc.Sql;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A scheduled campaign's advance notices (SubscriberNotice SCHEDULED), built from its targets when
 * the outbox relay sends them rather than written to the outbox when the campaign is scheduled: a
 * target written PLANNED with no notice id (V33) owes its subscriber the notice. Scheduling a million
 * orgs then writes a million target rows and no outbox rows (#21, decision 2).
 *
 * <p>None lost, none sent twice, as with outbox rows: a target owes its notice until the relay marks
 * it NOTIFIED after the broker acknowledged it, in the relay's transaction; a crash in between sends
 * it again with the same notice id — derived from the campaign and the org, not drawn at random — and
 * the notifier keeps the first of a notice id. A target whose state moved on before it was announced
 * sends no SCHEDULED notice: a cancel sends CANCELED, a move sets a notice id and sends RESCHEDULED,
 * both through the outbox. The notice says what the target and the inventory say when it is sent
 * (the window, the admins' addresses of that moment).
 */
@Component
public class ScheduledNotices implements DeferredMessages {

    /** Targets of one campaign owing their notice, the earliest window first (V33's partial index). */
    private static final String DUE = """
            select t.campaign_id, t.org_id, coalesce(o.org_name, t.org_name) as org_name, o.time_zone,
                   coalesce(o.admin_emails, '{}') as admin_emails, o.locale, t.from_version, t.window_start, t.window_end,
                   t.chronic
            from campaign_target t left join subscriber_org o on o.org_id = t.org_id
            where t.campaign_id = ? and t.state = 'PLANNED' and t.notice_id is null
            order by t.window_start limit ?""";

    private final JdbcTemplate jdbc;
    private final CampaignStore campaigns;
    private final PackageCatalog catalog;
    private final PlanningProperties planning;

    ScheduledNotices(JdbcTemplate jdbc, CampaignStore campaigns, PackageCatalog catalog, PlanningProperties planning) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.planning = planning;
    }

    /** The id of an org's SCHEDULED notice in a campaign: the same each time the relay builds it. */
    public static UUID noticeId(UUID campaignId, String orgId) {
        return UUID.nameUUIDFromBytes(("scheduled-notice/" + campaignId + "/" + orgId.strip())
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Records, in the scheduling transaction, that a campaign's targets owe their notices: the relay
     * reads the targets of listed campaigns only, so never a schedule that has not committed yet.
     */
    public void owed(UUID campaignId) {
        jdbc.update("insert into notice_backlog (campaign_id) values (?) on conflict do nothing", campaignId);
    }

    @Override
    public List<OutgoingMessage> due(int limit) {
        List<OutgoingMessage> due = new ArrayList<>();
        for (UUID campaignId : jdbc.queryForList("select campaign_id from notice_backlog order by campaign_id",
                UUID.class)) {
            if (due.size() >= limit) {
                break;
            }
            Announcer announcer = announcer(campaignId);
            List<OutgoingMessage> owed = jdbc.query(DUE, (rs, i) -> {
                String orgId = rs.getString("org_id").strip();
                return Notices.notice(noticeId(campaignId, orgId), Notices.Kind.SCHEDULED, announcer.campaign(),
                        new Notices.Recipient(orgId, rs.getString("org_name"), rs.getString("time_zone"),
                                Sql.strings(rs.getArray("admin_emails")), rs.getString("locale"),
                                rs.getString("from_version"), rs.getBoolean("chronic")),
                        new TimeWindow(Sql.instant(rs, "window_start"), Sql.instant(rs, "window_end")),
                        announcer.releaseNotesUrl(), announcer.supportContact());
            }, campaignId, limit - due.size());
            if (owed.isEmpty()) {
                // committed and owing none: a campaign is scheduled once, and later moves announce themselves
                jdbc.update("delete from notice_backlog where campaign_id = ?", campaignId);
            }
            due.addAll(owed);
        }
        return due;
    }

    @Override
    public void markSent(List<OutgoingMessage> messages, Instant now) {
        // only a target still owing this notice: one cancelled or moved meanwhile keeps its newer state
        jdbc.update("""
                update campaign_target t set state = 'NOTIFIED', notice_id = v.notice_id, updated_at = ?
                from unnest(?::uuid[], ?::char(18)[], ?::uuid[]) as v(campaign_id, org_id, notice_id)
                where t.campaign_id = v.campaign_id and t.org_id = v.org_id
                  and t.state = 'PLANNED' and t.notice_id is null""",
                Sql.ts(now), Sql.array(messages.stream().map(OutgoingMessage::campaignId).toList()),
                Sql.array(messages.stream().map(OutgoingMessage::orgId).toList()),
                Sql.array(messages.stream().map(OutgoingMessage::ref).toList()));
    }

    @Override
    public long pending() {
        Long owed = jdbc.queryForObject("""
                select count(*) from notice_backlog b
                join campaign_target t on t.campaign_id = b.campaign_id and t.state = 'PLANNED' and t.notice_id is null""",
                Long.class);
        return owed == null ? 0 : owed;
    }

    private Announcer announcer(UUID campaignId) {
        Campaign campaign = campaigns.find(campaignId)
                .orElseThrow(() -> new IllegalStateException("targets of an unknown campaign " + campaignId));
        return new Announcer(campaign, catalog.target(campaign.spec()).releaseNotesUrl(),
                planning.supportContactOf(campaign.spec()));
    }

    private record Announcer(Campaign campaign, String releaseNotesUrl, String supportContact) {
    }
}
