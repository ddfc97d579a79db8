package io.upshift.planner.planning.jdbc;

import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.planning.domain.Candidate;
import io.upshift.planner.planning.domain.Pool;
import io.upshift.planner.planning.domain.WindowPlanner;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * An eligible org with what planning, the target row and the advance notice need.
 *
 * @param lastPush how long the org's last successful push of this package took (null: never pushed by us)
 * @param pool the pool eligibility put it in (planning/domain/Pool)
 * @param chronic the org is chronic for the package (failed in K of its last N campaigns), whether or not the
 *        campaign sets chronic orgs apart
 */
public record EligibleOrg(String orgId, String orgName, OrgType orgType, String instance, String timeZone,
        Set<DayOfWeek> windowDays, LocalTime windowStart, LocalTime windowEnd, String locale, List<String> adminEmails,
        String installedVersion, Duration lastPush, Pool pool, boolean chronic) {

    /**
     * @throws java.time.DateTimeException when the stored time zone is not an IANA zone
     */
    public Candidate candidate() {
        return new Candidate(orgId, orgType, instance, WindowPlanner.zoneOf(timeZone),
                MaintenanceWindow.ofStored(windowDays, windowStart, windowEnd), pool);
    }

    /** The zone notices name: the org's own, or UTC when the inventory does not know it. */
    public String zoneOrUtc() {
        return timeZone == null || timeZone.isBlank() ? "UTC" : timeZone;
    }
}
