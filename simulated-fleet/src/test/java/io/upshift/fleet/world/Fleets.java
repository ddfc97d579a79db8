package io.upshift.fleet.world;

import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.schemas.OrgIds;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** Test mother: orgs with valid, test-unique ids, and orders to push them. */
final class Fleets {

    private Fleets() {
    }

    /** {@code count} valid org ids no other test uses. */
    static List<String> orgIds(int count) {
        String run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000L, 36);
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    String fifteen = "00D" + String.format("%5s", run).replace(' ', '0').toUpperCase()
                            + String.format("%07d", i);
                    return fifteen + OrgIds.checksum(fifteen);
                })
                .toList();
    }

    static SimulatedOrg org(String orgId, String installedVersion) {
        return new SimulatedOrg(orgId, "Org " + orgId, "PRODUCTION", "ACTIVE", "NA135", installedVersion, false,
                ZoneId.of("America/New_York"), EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                "en_US", List.of("admin@" + orgId.toLowerCase() + ".example"));
    }

    static SimulatedOrg betaOrg(String orgId, String installedVersion) {
        SimulatedOrg org = org(orgId, installedVersion);
        return new SimulatedOrg(org.orgId(), org.orgName(), org.orgType(), org.status(), org.instance(),
                org.installedVersion(), true, org.timeZone(), org.windowDays(), org.windowStart(), org.windowEnd(),
                org.locale(), org.adminEmails());
    }

    static SimulatedOrg inactiveOrg(String orgId, String installedVersion) {
        SimulatedOrg org = org(orgId, installedVersion);
        return new SimulatedOrg(org.orgId(), org.orgName(), org.orgType(), "INACTIVE", org.instance(),
                org.installedVersion(), false, org.timeZone(), org.windowDays(), org.windowStart(), org.windowEnd(),
                org.locale(), org.adminEmails());
    }

    static PushOrder push(String orgId, String targetVersion) {
        return new PushOrder(orgId, "NA135", targetVersion, null, null, UUID.randomUUID());
    }

    static PushOrder pushAssuming(String orgId, String fromVersion, String targetVersion) {
        return new PushOrder(orgId, "NA135", targetVersion, fromVersion, null, UUID.randomUUID());
    }

    static String schema() {
        return "w_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
