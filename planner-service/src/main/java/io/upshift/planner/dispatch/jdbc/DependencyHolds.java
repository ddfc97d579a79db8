package io.upshift.planner.dispatch.jdbc;

import io.upshift.planner.campaign.domain.CancelCodes;
import io.upshift.planner.shared.jdbc.Sql;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The release's check of a release train's per-org rule (train/domain/DependencyRule, in SQL so that
 * it holds on every round: after a retry, a resume, a requeue to a later window, a planner restart):
 * a target of a dependent tier is released only where its base is met — the inventory has the base
 * package at the needed version (Upshift writes what it pushed there as outcomes apply), or the base
 * tier's push to the org SUCCEEDED or found it already on the target — and ends CANCELED
 * ({@link CancelCodes#DEPENDENCY_NOT_MET}) once the base can no longer be met there.
 */
@Repository
public class DependencyHolds {

    /** The base package is installed in org {@code t.org_id} at or above tier {@code d}'s minimum. */
    private static final String INSTALLED_MEETS_MINIMUM = """
            exists (select 1 from installed_package ip
                    where ip.package_id = d.requires_package_id and ip.org_id = t.org_id and ip.installed and not ip.beta
                      and (ip.major, ip.minor, ip.patch, ip.build) >= (d.min_major, d.min_minor, d.min_patch, d.min_build))""";

    /**
     * A target {@code t} that waits for its base: it belongs to a tier with a requirement not met in its
     * org. Never a candidate for release. One fragment, beside {@code DispatchStore.BLOCKED_BY_SUBSCRIBER}.
     */
    static final String AWAITING_DEPENDENCY = """
            exists (select 1 from train_tier d where d.campaign_id = t.campaign_id and d.requires_campaign_id is not null
                      and not\s""" + INSTALLED_MEETS_MINIMUM + """
                      and not exists (select 1 from campaign_target b
                                      where b.campaign_id = d.requires_campaign_id and b.org_id = t.org_id
                                        and b.state in ('SUCCEEDED', 'SKIPPED')))""";

    private final JdbcTemplate jdbc;

    DependencyHolds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the campaign is a train tier that requires another (most campaigns are not: one index probe). */
    public boolean dependent(UUID campaignId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from train_tier where campaign_id = ? and requires_campaign_id is not null)",
                Boolean.class, campaignId));
    }

    /**
     * Ends the waiting targets of a dependent tier whose base can no longer be met CANCELED with
     * DependencyNotMet: the base tier, scheduled, left the org out, or its push there FAILED, TIMED_OUT or
     * was CANCELED, and the inventory does not have the base at the needed version. Returns each one's
     * wave and the state it left.
     */
    public List<DispatchStore.Canceled> cancelNotMet(UUID campaignId, Instant now) {
        return jdbc.query("""
                with unmet as (
                  select t.org_id, t.wave_number, t.state,
                         'the train''s tier needs package ' || d.requires_package_id || ' at ' || d.min_version
                           || ' or later, and ' || case when b.org_id is null
                             then 'the base tier (campaign ' || d.requires_campaign_id || ') left this org out'
                             else 'its push in the base tier (campaign ' || d.requires_campaign_id || ') ended '
                                  || b.state || coalesce(' (' || b.error_code || ')', '') end as message
                  from campaign_target t
                  join train_tier d on d.campaign_id = t.campaign_id and d.requires_campaign_id is not null
                  join campaign bc on bc.campaign_id = d.requires_campaign_id and bc.state <> 'DRAFT'
                  left join campaign_target b on b.campaign_id = d.requires_campaign_id and b.org_id = t.org_id
                  where t.campaign_id = ? and t.state in ('PLANNED', 'NOTIFIED')
                    and (b.org_id is null or b.state in ('FAILED', 'TIMED_OUT', 'CANCELED'))
                    and not\s""" + INSTALLED_MEETS_MINIMUM + """
                  for update of t)
                update campaign_target t set state = 'CANCELED', finished_at = ?, updated_at = ?,
                       error_code = ?, error_message = u.message
                from unmet u where t.campaign_id = ? and t.org_id = u.org_id
                returning u.wave_number, u.state""",
                (rs, i) -> new DispatchStore.Canceled(rs.getInt(1), rs.getString(2)), campaignId, Sql.ts(now), Sql.ts(now),
                CancelCodes.DEPENDENCY_NOT_MET, campaignId);
    }
}
