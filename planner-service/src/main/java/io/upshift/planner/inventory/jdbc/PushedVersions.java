package io.upshift.planner.inventory.jdbc;

import io.upshift.planner.shared.jdbc.Sql;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes what Upshift's pushes installed into the inventory: each org is now on the version it
 * was pushed, stamped with the instant the push's outcome was applied, so that an import or a sync
 * that read the org before it does not roll the version back (DESIGN.md, "What Upshift pushed").
 * Runs inside the transaction that applies the outcomes: a whole batch in one statement.
 */
@Repository
public class PushedVersions {

    private final JdbcTemplate jdbc;

    PushedVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An org that is now on the package version {@code versionId} (04t…), because Upshift pushed it. */
    public record Pushed(String orgId, String versionId) {
    }

    /** Sets each org's installed version of the version's package; an org without the package row is left alone. */
    public void record(List<Pushed> pushed, Instant at) {
        if (pushed.isEmpty()) {
            return;
        }
        jdbc.update("""
                update installed_package p set installed_version = v.version_number, major = v.major, minor = v.minor,
                       patch = v.patch, build = v.build, beta = v.release_state = 'BETA', installed = true,
                       updated_at = ?, pushed_at = ?
                from unnest(?::char(18)[], ?::varchar(18)[]) as u(org_id, version_id)
                     join package_version v on v.version_id = u.version_id
                where p.package_id = v.package_id and p.org_id = u.org_id""",
                Sql.ts(at), Sql.ts(at),
                Sql.array(pushed.stream().map(Pushed::orgId).toList()),
                Sql.array(pushed.stream().map(Pushed::versionId).toList()));
    }
}
