package io.upshift.notifier.report.jdbc;

import io.upshift.notifier.report.domain.CampaignEventFacts;
import io.upshift.notifier.support.jdbc.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the notifier keeps per campaign: its names for report titles and how often it was resumed. */
@Repository
public class JdbcCampaigns {

    private final JdbcClient jdbc;

    JdbcCampaigns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies the event (names it carries, a resume) and returns how often the campaign has been resumed. */
    public int apply(CampaignEventFacts event) {
        int resumed = event.type() == CampaignEventFacts.Type.RESUMED ? 1 : 0;
        return jdbc.sql("""
                insert into campaign as c (campaign_id, campaign_name, package_name, target_version, resumes, last_event_at)
                values (?::uuid, ?, ?, ?, ?, ?)
                on conflict (campaign_id) do update set
                    campaign_name = coalesce(excluded.campaign_name, c.campaign_name),
                    package_name = coalesce(excluded.package_name, c.package_name),
                    target_version = coalesce(excluded.target_version, c.target_version),
                    resumes = c.resumes + excluded.resumes,
                    last_event_at = greatest(c.last_event_at, excluded.last_event_at)
                returning resumes""")
                .params(event.campaignId(), event.campaignName(), event.packageName(), event.targetVersion(), resumed,
                        Sql.timestamp(event.at()))
                .query(Integer.class)
                .single();
    }
}
