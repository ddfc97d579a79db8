package io.upshift.planner.tracking.jdbc;

import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.shared.jdbc.Sql;
import io.upshift.planner.tracking.domain.Outcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The tracker's SQL: each statement covers a whole batch of outcomes. */
@Repository
public class OutcomeStore {

    private final JdbcTemplate jdbc;

    OutcomeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A command as issued. */
    public record Issued(UUID commandId, UUID campaignId, String orgId, int wave, Instant issuedAt, boolean applied) {
    }

    /** The org's target as it stands. */
    public record Current(String orgId, UUID commandId, TargetState state, int wave, boolean removed) {
    }

    /**
     * The commands the outcomes name. A join with the id list, not {@code command_id = any(…)}: while
     * a new campaign's commands have no statistics yet, PostgreSQL took "= any" of a few hundred ids
     * for most of the table and compared every row with every id — 140-430 ms per batch in the
     * first seconds of a campaign, with the campaign row locked and both cores busy (bench/ latency,
     * ISSUE-8: PostgreSQL's slow-statement log). The join finds each id by the primary key.
     */
    public Map<UUID, Issued> issued(List<UUID> commandIds) {
        Map<UUID, Issued> issued = new HashMap<>();
        jdbc.query("""
                select c.command_id, c.campaign_id, c.org_id, c.wave_number, c.issued_at,
                       c.applied_at is not null as applied
                from unnest(?::uuid[]) as v(command_id) join campaign_command c on c.command_id = v.command_id""",
                rs -> {
                    UUID id = Sql.uuid(rs, "command_id");
                    issued.put(id, new Issued(id, Sql.uuid(rs, "campaign_id"), rs.getString("org_id"),
                            rs.getInt("wave_number"), Sql.instant(rs, "issued_at"), rs.getBoolean("applied")));
                }, Sql.array(commandIds));
        return issued;
    }

    /**
     * Records the outcomes on their commands, only where none was recorded yet (a redelivered
     * outcome changes nothing); returns the command ids recorded now.
     */
    public List<UUID> record(List<Outcome> outcomes, Instant now) {
        return jdbc.query("""
                update campaign_command c set outcome_status = v.status, error_category = v.error_category,
                       error_code = v.error_code, error_message = v.error_message, version_before = v.version_before,
                       version_after = v.version_after, executor_id = v.executor_id, started_at = v.started_at,
                       finished_at = v.finished_at, applied_at = ?
                from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::timestamptz[], ?::timestamptz[])
                     as v(command_id, status, error_category, error_code, error_message, version_before, version_after,
                          executor_id, started_at, finished_at)
                where c.command_id = v.command_id and c.applied_at is null
                returning c.command_id""",
                (rs, i) -> rs.getObject(1, UUID.class), Sql.ts(now),
                Sql.array(outcomes.stream().map(Outcome::commandId).toList()),
                Sql.array(outcomes.stream().map(o -> o.status().name()).toList()),
                Sql.array(outcomes.stream().map(Outcome::errorCategory).toList()),
                Sql.array(outcomes.stream().map(Outcome::errorCode).toList()),
                Sql.array(outcomes.stream().map(Outcome::errorMessage).toList()),
                Sql.array(outcomes.stream().map(Outcome::versionBefore).toList()),
                Sql.array(outcomes.stream().map(Outcome::versionAfter).toList()),
                Sql.array(outcomes.stream().map(Outcome::executorId).toList()),
                Sql.array(outcomes.stream().map(Outcome::startedAt).toList()),
                Sql.array(outcomes.stream().map(Outcome::finishedAt).toList()));
    }

    /**
     * The current targets of the orgs the outcomes are about, keyed by campaign and org. Not
     * locked: {@link #finish} and {@link #requeue} change a target only if it is still in the state
     * read here, and say how many they changed.
     */
    public Map<String, Current> targets(List<Outcome> outcomes) {
        Map<String, Current> targets = new HashMap<>();
        jdbc.query("""
                select t.campaign_id, t.org_id, t.command_id, t.state, t.wave_number,
                       t.removed_reason is not null as removed
                from campaign_target t join unnest(?::uuid[], ?::char(18)[]) as v(campaign_id, org_id)
                  on t.campaign_id = v.campaign_id and t.org_id = v.org_id""",
                rs -> {
                    targets.put(key(Sql.uuid(rs, "campaign_id"), rs.getString("org_id")),
                            new Current(rs.getString("org_id"), Sql.uuid(rs, "command_id"),
                                    TargetState.valueOf(rs.getString("state")), rs.getInt("wave_number"),
                                    rs.getBoolean("removed")));
                },
                Sql.array(outcomes.stream().map(Outcome::campaignId).toList()),
                Sql.array(outcomes.stream().map(Outcome::orgId).toList()));
        return targets;
    }

    /**
     * Sets the reported terminal states, each only where the target is still in the state the
     * tracker read ({@code from}); returns how many it set. An org a person removed that the executor then canceled
     * shows why it was removed (the command keeps the executor's own words).
     */
    public int finish(List<Outcome> outcomes, List<TargetState> from, Instant now) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                update campaign_target t set state = v.status, finished_at = v.finished_at, error_category = v.error_category,
                       error_code = case when t.removed_reason is not null and v.status = 'CANCELED'
                                         then 'RemovedFromCampaign' else v.error_code end,
                       error_message = case when t.removed_reason is not null and v.status = 'CANCELED'
                                            then t.removed_reason else v.error_message end,
                       version_after = v.version_after,
                       deadline_at = null, updated_at = ?
                from unnest(?::uuid[], ?::char(18)[], ?::uuid[], ?::text[], ?::timestamptz[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[])
                     as v(campaign_id, org_id, command_id, status, finished_at, error_category, error_code,
                          error_message, version_after, from_state)
                where t.campaign_id = v.campaign_id and t.org_id = v.org_id and t.command_id = v.command_id
                  and t.state = v.from_state""",
                Sql.ts(now),
                Sql.array(outcomes.stream().map(Outcome::campaignId).toList()),
                Sql.array(outcomes.stream().map(Outcome::orgId).toList()),
                Sql.array(outcomes.stream().map(Outcome::commandId).toList()),
                Sql.array(outcomes.stream().map(o -> o.status().name()).toList()),
                Sql.array(outcomes.stream().map(Outcome::finishedAt).toList()),
                Sql.array(outcomes.stream().map(Outcome::errorCategory).toList()),
                Sql.array(outcomes.stream().map(Outcome::errorCode).toList()),
                Sql.array(outcomes.stream().map(Outcome::errorMessage).toList()),
                Sql.array(outcomes.stream().map(Outcome::versionAfter).toList()),
                Sql.array(from.stream().map(TargetState::name).toList()));
    }

    /**
     * Orgs the executor did not run (their campaign was halted or paused) wait to be released
     * again — each only where the target is still in the state read; returns how many.
     */
    public int requeue(List<Outcome> outcomes, List<TargetState> from, Instant now) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                update campaign_target t set state = 'NOTIFIED', deadline_at = null, dispatched_at = null, updated_at = ?
                from unnest(?::uuid[], ?::char(18)[], ?::uuid[], ?::text[]) as v(campaign_id, org_id, command_id, from_state)
                where t.campaign_id = v.campaign_id and t.org_id = v.org_id and t.command_id = v.command_id
                  and t.state = v.from_state""",
                Sql.ts(now),
                Sql.array(outcomes.stream().map(Outcome::campaignId).toList()),
                Sql.array(outcomes.stream().map(Outcome::orgId).toList()),
                Sql.array(outcomes.stream().map(Outcome::commandId).toList()),
                Sql.array(from.stream().map(TargetState::name).toList()));
    }

    public static String key(UUID campaignId, String orgId) {
        return campaignId + "/" + orgId;
    }
}
