package io.upshift.planner.orghealth.jdbc;

import io.upshift.planner.orghealth.domain.LaggardReason;
import io.upshift.planner.shared.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads each org's history with a package from what campaigns already store (campaign_target, its last
 * command): no table of its own. Every read is bounded by the package's last few campaigns or by a page.
 */
@Repository
public class OrgHistory {

    private final NamedParameterJdbcTemplate jdbc;

    OrgHistory(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** The package's last {@code n} campaigns that started, newest first, leaving out {@code except} (may be null). */
    public List<UUID> lastCampaigns(String packageId, UUID except, int n) {
        return jdbc.queryForList("""
                select campaign_id from campaign
                where package_id = :packageId and started_at is not null
                  and (cast(:except as uuid) is null or campaign_id <> cast(:except as uuid))
                order by started_at desc, campaign_id limit :n""",
                new MapSqlParameterSource("packageId", packageId).addValue("except", except).addValue("n", n),
                UUID.class);
    }

    /** Org id → the campaigns among {@code campaigns} it failed in (FAILED or TIMED_OUT). */
    public Map<String, Set<UUID>> failures(List<UUID> campaigns) {
        Map<String, Set<UUID>> failed = new HashMap<>();
        if (campaigns.isEmpty()) {
            return failed;
        }
        jdbc.query("""
                select org_id, campaign_id from campaign_target
                where campaign_id = any(cast(:campaigns as uuid[])) and state in ('FAILED', 'TIMED_OUT')""",
                new MapSqlParameterSource("campaigns", Sql.array(campaigns)),
                rs -> {
                    failed.computeIfAbsent(rs.getString("org_id"), k -> new HashSet<>())
                            .add(rs.getObject("campaign_id", UUID.class));
                });
        return failed;
    }

    /** What became of the given orgs in the given campaigns, newest campaign first per org. */
    public List<CampaignResult> results(List<UUID> campaigns, Set<String> orgIds) {
        if (campaigns.isEmpty() || orgIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                select t.org_id, t.campaign_id, c.target_version, t.state, t.error_category, t.error_code,
                       t.error_message, t.finished_at, k.started_at as push_started, k.finished_at as push_finished
                from campaign_target t join campaign c on c.campaign_id = t.campaign_id
                left join campaign_command k on k.command_id = t.command_id
                where t.campaign_id = any(cast(:campaigns as uuid[])) and t.org_id = any(cast(:orgs as char(18)[]))
                order by t.org_id, c.started_at desc""",
                new MapSqlParameterSource("campaigns", Sql.array(campaigns))
                        .addValue("orgs", Sql.array(orgIds)),
                (rs, i) -> result(rs));
    }

    private static CampaignResult result(ResultSet rs) throws SQLException {
        Instant started = instant(rs.getTimestamp("push_started"));
        Instant finished = instant(rs.getTimestamp("push_finished"));
        return new CampaignResult(rs.getString("org_id"), rs.getObject("campaign_id", UUID.class),
                rs.getString("target_version"), rs.getString("state"), rs.getString("error_category"),
                rs.getString("error_code"), rs.getString("error_message"), instant(rs.getTimestamp("finished_at")),
                started != null && finished != null && !finished.isBefore(started)
                        ? Duration.between(started, finished) : null);
    }

    /**
     * One page of the orgs with the package installed that are more than {@code behind} released versions
     * behind the newest release, most behind first, then by org id after {@code after}.
     */
    public List<Laggard> laggards(String packageId, int behind, String after, int limit) {
        return jdbc.query("""
                with released as (
                  select major, minor, patch, build from package_version
                  where package_id = :packageId and release_state = 'RELEASED'),
                counted as (
                  select ip.org_id, o.org_name, ip.installed_version, coalesce(o.excluded, false) as excluded,
                         ip.push_blocked, o.status = 'INACTIVE' as inactive,
                         (select count(*) from released r
                          where (r.major, r.minor, r.patch, r.build) > (ip.major, ip.minor, ip.patch, ip.build)) as behind
                  from installed_package ip join subscriber_org o on o.org_id = ip.org_id
                  where ip.package_id = :packageId and ip.installed and not ip.beta)
                select x.*, last.target_state, last.exclusion, last.campaign_id, last.error_code, last.error_message
                from counted x
                left join lateral (
                  select * from (
                    select c.campaign_id, c.created_at, t.state as target_state, null as exclusion, t.error_code,
                           t.error_message
                    from campaign_target t join campaign c on c.campaign_id = t.campaign_id
                    where t.org_id = x.org_id and c.package_id = :packageId
                    union all
                    select c.campaign_id, c.created_at, null, e.reason, null, null
                    from campaign_exclusion e join campaign c on c.campaign_id = e.campaign_id
                    where e.org_id = x.org_id and c.package_id = :packageId) h
                  order by h.created_at desc limit 1) last on true
                where x.behind > :behind and x.org_id > coalesce(cast(:after as text), '')
                order by x.org_id limit :limit""",
                new MapSqlParameterSource("packageId", packageId).addValue("behind", behind).addValue("after", after)
                        .addValue("limit", limit),
                (rs, i) -> new Laggard(rs.getString("org_id"), rs.getString("org_name"),
                        rs.getString("installed_version"), rs.getInt("behind"),
                        LaggardReason.of(rs.getBoolean("excluded"), rs.getBoolean("push_blocked"),
                                rs.getBoolean("inactive"), rs.getString("target_state"), rs.getString("exclusion")),
                        rs.getObject("campaign_id", UUID.class), rs.getString("target_state"),
                        rs.getString("exclusion"), rs.getString("error_code"), rs.getString("error_message")));
    }

    /** The newest released version of the package, or null. */
    public String newestRelease(String packageId) {
        List<String> newest = jdbc.queryForList("""
                select version_number from package_version where package_id = :packageId and release_state = 'RELEASED'
                order by major desc, minor desc, patch desc, build desc limit 1""",
                new MapSqlParameterSource("packageId", packageId), String.class);
        return newest.isEmpty() ? null : newest.getFirst();
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /**
     * An org's result in one campaign of the package.
     *
     * @param pushDuration how long its last push ran (executor's start to finish), null when none ran
     */
    public record CampaignResult(String orgId, UUID campaignId, String targetVersion, String state,
            String errorCategory, String errorCode, String errorMessage, Instant finishedAt, Duration pushDuration) {
    }

    /**
     * An org behind the newest release.
     *
     * @param lastCampaignId its last campaign of the package (targeted or excluded), null when none
     * @param lastState its state there when it was a target, else null
     * @param lastExclusion the reason that campaign excluded it, else null
     */
    public record Laggard(String orgId, String orgName, String installedVersion, int versionsBehind,
            LaggardReason reason, UUID lastCampaignId, String lastState, String lastExclusion, String lastErrorCode,
            String lastErrorMessage) {
    }
}
