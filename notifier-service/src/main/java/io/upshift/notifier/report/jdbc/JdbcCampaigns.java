package io.upshift.notifier.report.jdbc;

import io.upshift.notifier.report.domain.CampaignEventFacts;
import io.upshift.notifier.support.jdbc.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the notifier keeps per campaign: its names for report titles, how often it was resumed, its
 * deadline, the planner's last projection against it and the last count of orgs not upgraded before it.
 * The projection and the count keep the newest event's (by its time), so a late duplicate cannot undo them.
 */
@Repository
public class JdbcCampaigns {

    private final JdbcClient jdbc;

    JdbcCampaigns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies the event (names it carries, a resume, a deadline, a projection) and returns how often the campaign has been resumed. */
    public int apply(CampaignEventFacts event) {
        int resumed = event.type() == CampaignEventFacts.Type.RESUMED ? 1 : 0;
        boolean risk = event.aboutRisk();
        boolean tally = switch (event.type()) {
            case HALTED, COMPLETED, CANCELED -> true;
            default -> false;
        };
        return jdbc.sql("""
                insert into campaign as c (campaign_id, campaign_name, package_name, target_version, resumes, last_event_at,
                        deadline, at_risk, orgs_at_risk, projected_finish, risk_at, late_orgs, late_orgs_at)
                values (?::uuid, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::int, ?::timestamptz, ?::timestamptz, ?::int,
                        ?::timestamptz)
                on conflict (campaign_id) do update set
                    campaign_name = coalesce(excluded.campaign_name, c.campaign_name),
                    package_name = coalesce(excluded.package_name, c.package_name),
                    target_version = coalesce(excluded.target_version, c.target_version),
                    resumes = c.resumes + excluded.resumes,
                    last_event_at = greatest(c.last_event_at, excluded.last_event_at),
                    deadline = coalesce(excluded.deadline, c.deadline),
                    at_risk = case when excluded.risk_at >= coalesce(c.risk_at, '-infinity')
                        then excluded.at_risk else c.at_risk end,
                    orgs_at_risk = case when excluded.risk_at >= coalesce(c.risk_at, '-infinity')
                        then excluded.orgs_at_risk else c.orgs_at_risk end,
                    projected_finish = case when excluded.risk_at >= coalesce(c.risk_at, '-infinity')
                        then excluded.projected_finish else c.projected_finish end,
                    risk_at = greatest(excluded.risk_at, c.risk_at),
                    late_orgs = case when excluded.late_orgs_at >= coalesce(c.late_orgs_at, '-infinity')
                        then excluded.late_orgs else c.late_orgs end,
                    late_orgs_at = greatest(excluded.late_orgs_at, c.late_orgs_at)
                returning resumes""")
                .params(event.campaignId(), event.campaignName(), event.packageName(), event.targetVersion(), resumed,
                        Sql.timestamp(event.at()), Sql.timestamp(event.deadline()),
                        event.type() == CampaignEventFacts.Type.AT_RISK, risk ? event.orgsAtRisk() : null,
                        risk ? Sql.timestamp(event.projectedFinish()) : null, risk ? Sql.timestamp(event.at()) : null,
                        tally ? event.orgsAtRisk() : null, tally ? Sql.timestamp(event.at()) : null)
                .query(Integer.class)
                .single();
    }
}
