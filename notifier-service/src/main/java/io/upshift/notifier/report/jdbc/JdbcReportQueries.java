package io.upshift.notifier.report.jdbc;

import io.upshift.notifier.report.domain.CampaignInfo;
import io.upshift.notifier.report.domain.FailedOrg;
import io.upshift.notifier.report.domain.ReportFigures;
import io.upshift.notifier.report.domain.ReportQueries;
import io.upshift.notifier.support.jdbc.Sql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Report figures straight from SQL, so a campaign of a million orgs is summed in the database
 * rather than in memory. Every query counts each org's latest outcome only: a failed org that a
 * person retried and that then succeeded counts as succeeded.
 */
@Repository
class JdbcReportQueries implements ReportQueries {

    /** Each org's latest outcome in the campaign, optionally in one wave (:wave is null for all). */
    private static final String LATEST = """
            with latest as (
                select distinct on (o.org_id) o.org_id, o.wave_number, o.status, o.error_code, o.error_message,
                       o.instance, o.attempts, o.finished_at
                from org_outcome o
                where o.campaign_id = :campaign::uuid and (cast(:wave as int) is null or o.wave_number = :wave)
                order by o.org_id, o.finished_at desc, o.command_id desc)
            """;

    private final JdbcClient jdbc;

    JdbcReportQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<CampaignInfo> campaign(String campaignId) {
        return jdbc.sql("""
                        select campaign_name, package_name, target_version, deadline, at_risk, orgs_at_risk,
                               projected_finish, risk_at, late_orgs, late_orgs_at
                        from campaign where campaign_id = ?::uuid""")
                .param(campaignId)
                .query((rs, n) -> new CampaignInfo(rs.getString("campaign_name"), rs.getString("package_name"),
                        rs.getString("target_version"), Sql.instant(rs, "deadline"),
                        rs.getBoolean("at_risk") ? new CampaignInfo.Risk(Sql.nullableInt(rs, "orgs_at_risk"),
                                Sql.instant(rs, "projected_finish"), Sql.instant(rs, "risk_at")) : null,
                        Sql.nullableInt(rs, "late_orgs"), Sql.instant(rs, "late_orgs_at")))
                .optional()
                .or(() -> jdbc.sql("""
                        select null as campaign_name, max(package_name) as package_name, max(target_version) as target_version
                        from subscription where campaign_id = ?::uuid having count(*) > 0""")
                        .param(campaignId)
                        .query((rs, n) -> new CampaignInfo(null, rs.getString("package_name"),
                                rs.getString("target_version")))
                        .optional());
    }

    @Override
    public int finishedOrgs(String campaignId, Integer wave) {
        return jdbc.sql(LATEST + "select count(*) from latest where status in ('SUCCEEDED', 'FAILED', 'SKIPPED')")
                .param("campaign", campaignId)
                .param("wave", wave)
                .query(Integer.class)
                .single();
    }

    @Override
    public ReportFigures figures(String campaignId, Integer wave, int worstPods) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        jdbc.sql(LATEST + "select status, count(*) as n from latest group by status order by status")
                .param("campaign", campaignId)
                .param("wave", wave)
                .query(rs -> {
                    byStatus.put(rs.getString("status"), rs.getInt("n"));
                });
        List<ReportFigures.ErrorCount> byError = jdbc.sql(LATEST + """
                select coalesce(error_code, 'Unknown') as code, count(*) as n from latest
                where status in ('FAILED', 'TIMED_OUT')
                group by 1 order by n desc, code""")
                .param("campaign", campaignId)
                .param("wave", wave)
                .query((rs, n) -> new ReportFigures.ErrorCount(rs.getString("code"), rs.getInt("n")))
                .list();
        List<ReportFigures.PodFigures> pods = jdbc.sql(LATEST + """
                select pod, finished, failed from (
                    select coalesce(instance, 'unknown') as pod, count(*) as finished,
                           count(*) filter (where status in ('FAILED', 'TIMED_OUT')) as failed
                    from latest group by 1) per_pod
                where failed > 0
                order by failed desc, failed::float / finished desc, pod
                limit :limit""")
                .param("campaign", campaignId)
                .param("wave", wave)
                .param("limit", worstPods)
                .query((rs, n) -> new ReportFigures.PodFigures(rs.getString("pod"), rs.getInt("finished"),
                        rs.getInt("failed")))
                .list();
        // the planner says in each org's advance notice whether it was chronic (subscription.chronic, V4)
        int chronic = jdbc.sql(LATEST + """
                select count(*) from latest l
                join subscription s on s.campaign_id = :campaign::uuid and s.org_id = l.org_id
                where l.status in ('FAILED', 'TIMED_OUT') and s.chronic""")
                .param("campaign", campaignId)
                .param("wave", wave)
                .query(Integer.class)
                .single();
        return new ReportFigures(byStatus, byError, pods, chronic);
    }

    @Override
    public List<FailedOrg> failedOrgs(String campaignId, Integer wave, int limit) {
        return jdbc.sql(LATEST + """
                select l.*, s.org_name from latest l
                left join subscription s on s.campaign_id = :campaign::uuid and s.org_id = l.org_id
                where l.status in ('FAILED', 'TIMED_OUT')
                order by l.wave_number, l.org_id
                limit :limit""")
                .param("campaign", campaignId)
                .param("wave", wave)
                .param("limit", limit)
                .query((rs, n) -> new FailedOrg(rs.getString("org_id"), rs.getString("org_name"),
                        rs.getString("instance"), rs.getInt("wave_number"), rs.getString("status"),
                        rs.getString("error_code"), rs.getString("error_message"), rs.getInt("attempts"),
                        Sql.instant(rs, "finished_at")))
                .list();
    }
}
