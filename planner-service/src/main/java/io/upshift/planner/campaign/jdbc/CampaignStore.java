package io.upshift.planner.campaign.jdbc;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.shared.domain.ConflictException;
import io.upshift.planner.shared.domain.NotFoundException;
import io.upshift.planner.shared.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Campaign rows. The definition is kept as JSON (it mirrors {@link CampaignSpec}); every change
 * goes through {@link #update} with the version read, so a concurrent change loses with a 409.
 */
@Repository
public class CampaignStore {

    // storage has its own mapper: the API's JSON settings may change without touching stored rows
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SELECT = """
            select c.*, p.name as package_name from campaign c join package p on p.package_id = c.package_id
            """;

    private final JdbcClient jdbc;

    CampaignStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Campaign campaign) {
        jdbc.sql("""
                insert into campaign (campaign_id, name, package_id, target_version_id, target_version, state, spec,
                                      version, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)""")
                .params(campaign.id(), campaign.spec().name(), campaign.spec().packageId(), campaign.targetVersionId(),
                        campaign.spec().targetVersion(), campaign.state().name(), JSON.writeValueAsString(campaign.spec()),
                        campaign.version(), campaign.spec().createdBy(), Sql.ts(campaign.createdAt()),
                        Sql.ts(campaign.updatedAt()))
                .update();
    }

    public Optional<Campaign> find(UUID id) {
        return jdbc.sql(SELECT + " where c.campaign_id = ?").param(id).query(CampaignStore::map).optional();
    }

    /** Reads and locks the campaign row until the transaction ends: every change of a campaign starts here. */
    public Optional<Campaign> lock(UUID id) {
        return jdbc.sql(SELECT + " where c.campaign_id = ? for update of c").param(id).query(CampaignStore::map)
                .optional();
    }

    /**
     * Locks the campaign a person changes: 404 when there is none, 409 when the caller read an older
     * version than the current one (If-Match).
     */
    public Campaign lockForChange(UUID id, Integer expectedVersion) {
        return lock(id).orElseThrow(() -> new NotFoundException("campaign", id)).requireVersion(expectedVersion);
    }

    /** Like {@link #lock}, but gives up at once when another transaction (or replica) holds it. */
    public Optional<Campaign> tryLock(UUID id) {
        return jdbc.sql(SELECT + " where c.campaign_id = ? for update of c skip locked").param(id)
                .query(CampaignStore::map).optional();
    }

    /**
     * Writes a changed campaign if nobody changed it since {@code changed.version()} was read, and
     * returns it with its new version; otherwise 409.
     */
    public Campaign update(Campaign changed, Instant now) {
        int rows = jdbc.sql("""
                update campaign set name = ?, target_version_id = ?, target_version = ?, state = ?, spec = ?::jsonb,
                       version = version + 1, updated_at = ?, scheduled_at = ?, scheduled_by = ?, starts_at = ?,
                       started_at = ?,
                       finished_at = ?, state_reason = ?
                where campaign_id = ? and version = ?""")
                .params(changed.spec().name(), changed.targetVersionId(), changed.spec().targetVersion(),
                        changed.state().name(), JSON.writeValueAsString(changed.spec()), Sql.ts(now),
                        Sql.ts(changed.scheduledAt()), changed.scheduledBy(), Sql.ts(changed.startsAt()),
                        Sql.ts(changed.startedAt()), Sql.ts(changed.finishedAt()), changed.stateReason(), changed.id(),
                        changed.version())
                .update();
        if (rows == 0) {
            Campaign current = find(changed.id()).orElseThrow();
            throw new ConflictException("campaign " + changed.id() + " was changed concurrently (version "
                    + current.version() + ", not " + changed.version() + "); read it again", current.state().name());
        }
        return changed.stored(now);
    }

    /** Stores what planning found when the campaign was scheduled (JSON). */
    public void savePlanSummary(UUID id, Object summary) {
        jdbc.sql("update campaign set plan_summary = ?::jsonb where campaign_id = ?")
                .params(JSON.writeValueAsString(summary), id).update();
    }

    /** What planning found when the campaign was scheduled, as JSON, if it was. */
    public Optional<String> planSummary(UUID id) {
        return jdbc.sql("select plan_summary::text from campaign where campaign_id = ? and plan_summary is not null")
                .param(id).query(String.class).optional();
    }

    public List<Campaign> list(CampaignState state, String packageId, int offset, int limit) {
        return jdbc.sql(SELECT + """
                 where (cast(? as text) is null or c.state = ?) and (cast(? as text) is null or c.package_id = ?)
                 order by c.created_at desc, c.campaign_id limit ? offset ?""")
                .params(state == null ? null : state.name(), state == null ? null : state.name(), packageId, packageId,
                        limit, offset)
                .query(CampaignStore::map).list();
    }

    /** Campaigns the campaign loop looks after: scheduled, running, paused, halted — and canceled ones with orgs in flight. */
    public List<UUID> idsToTend() {
        return jdbc.sql("""
                select campaign_id from campaign where state in ('SCHEDULED', 'RUNNING', 'PAUSED', 'HALTED')
                union
                select distinct w.campaign_id from campaign_wave w join campaign c on c.campaign_id = w.campaign_id
                where c.state = 'CANCELED' and w.dispatched > 0""")
                .query(UUID.class).list();
    }

    /**
     * The planner's last verdict on a campaign's deadline (V31): whether its projection passes the
     * deadline, since when, the projected finish (null: it cannot finish) and the orgs at risk.
     */
    public record DeadlineWatch(boolean atRisk, Instant atRiskSince, Instant projectedFinish, Integer orgsAtRisk,
            Instant projectedAt) {

        public static final DeadlineWatch NONE = new DeadlineWatch(false, null, null, null, null);
    }

    /** The campaign's deadline watch (NONE when never projected). */
    public DeadlineWatch deadlineWatch(UUID id) {
        return jdbc.sql("""
                select at_risk, at_risk_since, projected_finish, orgs_at_risk, projected_at from campaign
                where campaign_id = ?""").param(id)
                .query((rs, i) -> new DeadlineWatch(rs.getBoolean("at_risk"), Sql.instant(rs, "at_risk_since"),
                        Sql.instant(rs, "projected_finish"), (Integer) rs.getObject("orgs_at_risk"),
                        Sql.instant(rs, "projected_at")))
                .optional().orElse(DeadlineWatch.NONE);
    }

    /** Stores a new verdict; not a change of the campaign's definition or state, so its version stays. */
    public void saveDeadlineWatch(UUID id, DeadlineWatch watch) {
        jdbc.sql("""
                update campaign set at_risk = ?, at_risk_since = ?, projected_finish = ?, orgs_at_risk = ?,
                       projected_at = ?
                where campaign_id = ?""")
                .params(watch.atRisk(), Sql.ts(watch.atRiskSince()), Sql.ts(watch.projectedFinish()),
                        watch.orgsAtRisk(), Sql.ts(watch.projectedAt()), id)
                .update();
    }

    /** The campaign's orgs CANCELED because its deadline passed before they were upgraded. */
    public int canceledAtDeadline(UUID id) {
        return jdbc.sql("""
                select count(*) from campaign_target where campaign_id = ? and state = 'CANCELED'
                  and error_code = 'DeadlinePassed'""").param(id).query(Integer.class).single();
    }

    /** The campaign's orgs not upgraded by {@code deadline}: neither SUCCEEDED nor SKIPPED at or before it. */
    public int notUpgradedBy(UUID id, Instant deadline) {
        return jdbc.sql("""
                select count(*) filter (where not (state in ('SUCCEEDED', 'SKIPPED') and finished_at <= ?))
                from campaign_target where campaign_id = ?""").params(Sql.ts(deadline), id).query(Integer.class)
                .single();
    }

    static Campaign map(ResultSet rs, int row) throws SQLException {
        CampaignSpec spec = JSON.readValue(rs.getString("spec"), CampaignSpec.class);
        return new Campaign(rs.getObject("campaign_id", UUID.class), spec, rs.getString("package_name"),
                rs.getString("target_version_id"), CampaignState.valueOf(rs.getString("state")), rs.getInt("version"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "scheduled_at"),
                rs.getString("scheduled_by"), Sql.instant(rs, "starts_at"), Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"),
                rs.getString("state_reason"));
    }
}
