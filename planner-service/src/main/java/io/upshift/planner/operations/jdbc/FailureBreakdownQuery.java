package io.upshift.planner.operations.jdbc;

import io.upshift.planner.operations.domain.FailureBreakdown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a campaign's failure breakdown from its failed and timed-out targets only (the partial index
 * {@code campaign_target_failed}, V41): the work grows with the failures, never with the campaign. Each
 * grouping is one statement that counts the group and numbers its orgs, so the examples come with the
 * counts and no group is read twice.
 */
@Repository
public class FailureBreakdownQuery {

    /** A failure without an error code (a time-out) is grouped under its state. */
    private static final String CODE = "coalesce(error_code, state)";

    private final JdbcClient jdbc;

    FailureBreakdownQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The breakdown, with up to {@code examples} (at least 1) orgs per group. */
    public FailureBreakdown breakdown(UUID campaignId, int examples) {
        List<FailureBreakdown.Group> byCode = groups(campaignId, CODE, examples);
        List<FailureBreakdown.Group> byInstance = groups(campaignId, "instance", examples);
        long failed = byCode.stream().mapToLong(FailureBreakdown.Group::count).sum();
        return new FailureBreakdown(failed, byCode, byInstance);
    }

    private List<FailureBreakdown.Group> groups(UUID campaignId, String key, int examples) {
        // the key is one of two constants above, never input
        String sql = """
                select * from (
                  select %1$s as group_key, org_id, org_name, instance, state, error_code, error_category, error_message,
                         count(*) over (partition by %1$s) as n,
                         min(error_category) over (partition by %1$s) as category,
                         max(error_category) over (partition by %1$s) as last_category,
                         row_number() over (partition by %1$s order by org_id) as r
                  from campaign_target
                  where campaign_id = ? and state in ('FAILED', 'TIMED_OUT')) failed
                where r <= ?
                order by n desc, group_key, r""".formatted(key);
        Map<String, Builder> groups = new LinkedHashMap<>();
        jdbc.sql(sql).params(campaignId, examples).query(rs -> {
            Builder group = groups.computeIfAbsent(rs.getString("group_key"), k -> new Builder());
            group.count = rs.getLong("n");
            String first = rs.getString("category");
            group.category = first != null && first.equals(rs.getString("last_category")) ? first : null;
            group.examples.add(new FailureBreakdown.Example(rs.getString("org_id"), rs.getString("org_name"),
                    rs.getString("instance"), rs.getString("state"), rs.getString("error_code"),
                    rs.getString("error_message")));
        });
        List<FailureBreakdown.Group> answer = new ArrayList<>();
        groups.forEach((k, b) -> answer.add(new FailureBreakdown.Group(k, b.category, b.count, List.copyOf(b.examples))));
        return answer;
    }

    private static final class Builder {
        long count;
        String category;
        final List<FailureBreakdown.Example> examples = new ArrayList<>();
    }
}
