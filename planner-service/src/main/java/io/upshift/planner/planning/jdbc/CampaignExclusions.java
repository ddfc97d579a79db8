package io.upshift.planner.planning.jdbc;

import io.upshift.planner.planning.domain.ExclusionReason;
import io.upshift.planner.shared.jdbc.CopyWriter;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * What scheduling decided about the orgs it did not plan ({@code campaign_exclusion}): written once
 * when a campaign is scheduled — the query's exclusions by {@link EligibilityQuery#recordExcluded},
 * the orgs planning found no window for here, with COPY — and read by the exclusion list from then on.
 */
@Repository
public class CampaignExclusions {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    CampaignExclusions(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Stores orgs planning excluded (NO_WINDOW, NO_WINDOW_BEFORE_DEADLINE), in the caller's transaction;
     * between cursor fetches only.
     */
    public void record(UUID campaignId, List<EligibleOrg> orgs, ExclusionReason reason) {
        if (orgs.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (CopyWriter copy = CopyWriter.open(connection, "campaign_exclusion",
                "campaign_id, org_id, reason, org_name, org_type, instance, installed_version")) {
            for (EligibleOrg org : orgs) {
                copy.uuid(campaignId).text(org.orgId()).text(reason.name()).text(org.orgName())
                        .text(org.orgType().name()).text(org.instance()).text(org.installedVersion()).endRow();
            }
            copy.finish();
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One page of a scheduled campaign's excluded orgs, by org id after {@code after}, optionally of one reason. */
    public List<EligibilityQuery.Excluded> page(UUID campaignId, ExclusionReason reason, String after, int limit) {
        return jdbc.query("""
                select org_id, org_name, org_type, instance, installed_version, reason from campaign_exclusion
                where campaign_id = ? and (cast(? as text) is null or reason = ?) and org_id > ?
                order by org_id limit ?""",
                (rs, i) -> new EligibilityQuery.Excluded(rs.getString("org_id"), rs.getString("org_name"),
                        rs.getString("org_type"), rs.getString("instance"), rs.getString("installed_version"),
                        ExclusionReason.valueOf(rs.getString("reason"))),
                campaignId, reason == null ? null : reason.name(), reason == null ? null : reason.name(),
                after == null ? "" : after, limit);
    }
}
