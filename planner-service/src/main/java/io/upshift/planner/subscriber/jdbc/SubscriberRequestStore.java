package io.upshift.planner.subscriber.jdbc;

import io.upshift.planner.campaign.domain.CancelCodes;
import io.upshift.planner.shared.jdbc.Sql;
import io.upshift.planner.subscriber.domain.RequestRules;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The subscriber requests applied or refused (V38), and the one write a skip makes to a target. */
@Repository
public class SubscriberRequestStore {

    private final JdbcTemplate jdbc;

    SubscriberRequestStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a request did, as stored. */
    public record Stored(UUID requestId, UUID campaignId, String orgId, String action, RequestRules.Outcome outcome,
            Instant windowStart, Instant windowEnd, String reason, String keyId, Instant requestedAt) {
    }

    /** Whether the request was seen before (applied or refused): a redelivery changes nothing. */
    public boolean seen(UUID requestId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from subscriber_request where request_id = ?)", Boolean.class, requestId));
    }

    /** Records what became of the request, in the transaction of the change it made (if any). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Stored request, Instant now) {
        jdbc.update("""
                insert into subscriber_request (request_id, campaign_id, org_id, action, outcome, window_start,
                       window_end, reason, link_key_id, requested_at, applied_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (request_id) do nothing""",
                request.requestId(), request.campaignId(), request.orgId(), request.action(),
                request.outcome().name(), Sql.ts(request.windowStart()), Sql.ts(request.windowEnd()),
                request.reason(), request.keyId(), Sql.ts(request.requestedAt()), Sql.ts(now));
    }

    /** How many changes the org made to the campaign through its links. */
    public int changesMade(UUID campaignId, String orgId) {
        Integer n = jdbc.queryForObject("""
                select count(*) from subscriber_request
                where campaign_id = ? and org_id = ? and outcome = 'APPLIED'""", Integer.class, campaignId, orgId);
        return n == null ? 0 : n;
    }

    /** The org skips the campaign: a waiting target ends CANCELED with the subscriber's reason; false if it was not waiting. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean optOut(UUID campaignId, String orgId, String reason, Instant now) {
        return jdbc.update("""
                update campaign_target set state = 'CANCELED', finished_at = ?, updated_at = ?, error_code = ?,
                       error_message = ?
                where campaign_id = ? and org_id = ? and state in ('PLANNED', 'NOTIFIED')""",
                Sql.ts(now), Sql.ts(now), CancelCodes.SUBSCRIBER_OPTED_OUT, reason, campaignId, orgId) == 1;
    }

    /** What the subscriber page shows of a finished org: its end state, code and version after, if any. */
    public record Result(String state, String errorCode, String versionAfter) {
    }

    public Optional<Result> result(UUID campaignId, String orgId) {
        return jdbc.query("""
                select state, error_code, version_after from campaign_target where campaign_id = ? and org_id = ?""",
                (rs, i) -> new Result(rs.getString(1), rs.getString(2), rs.getString(3)), campaignId, orgId)
                .stream().findFirst();
    }
}
