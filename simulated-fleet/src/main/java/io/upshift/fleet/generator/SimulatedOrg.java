package io.upshift.fleet.generator;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One subscriber org of the simulated fleet, as Salesforce and the ISV would know it.
 *
 * @param orgId 18-character org id with a valid checksum ({@link io.upshift.schemas.OrgIds})
 * @param orgType PRODUCTION or SANDBOX
 * @param status ACTIVE, TRIAL, FREE, DEMO or INACTIVE
 * @param instance the Salesforce pod, e.g. NA135 (sandboxes live on CS pods)
 * @param installedVersion the package version installed, e.g. "4.1.2"; null when not installed
 * @param betaInstalled whether that version is a beta (it cannot be upgraded)
 * @param windowDays the days the maintenance window may open on
 * @param windowStart local start of the maintenance window
 * @param windowEnd local end; not after {@code windowStart} means it runs past midnight (equal: 24 h)
 * @param pushBlocked whether the subscriber blocks pushes of the package (Salesforce's PushUpgradeCustomization)
 */
public record SimulatedOrg(
        String orgId,
        String orgName,
        String orgType,
        String status,
        String instance,
        String installedVersion,
        boolean betaInstalled,
        ZoneId timeZone,
        Set<DayOfWeek> windowDays,
        LocalTime windowStart,
        LocalTime windowEnd,
        String locale,
        List<String> adminEmails,
        boolean pushBlocked) {

    public SimulatedOrg {
        Objects.requireNonNull(orgId, "orgId");
        windowDays = Set.copyOf(windowDays);
        adminEmails = List.copyOf(adminEmails);
    }

    /** An org whose subscriber does not block pushes. */
    public SimulatedOrg(String orgId, String orgName, String orgType, String status, String instance,
            String installedVersion, boolean betaInstalled, ZoneId timeZone, Set<DayOfWeek> windowDays,
            LocalTime windowStart, LocalTime windowEnd, String locale, List<String> adminEmails) {
        this(orgId, orgName, orgType, status, instance, installedVersion, betaInstalled, timeZone, windowDays,
                windowStart, windowEnd, locale, adminEmails, false);
    }
}
