package io.upshift.planner.planning.domain;

import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.inventory.domain.OrgType;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * An eligible org as planning needs it.
 *
 * @param zone the zone its maintenance window is read in
 * @param window its maintenance window; empty when the org is never open (no window day stored)
 * @param pool the pool eligibility put it in (pilot, chronic); null: by its type, sandboxes first or not
 */
public record Candidate(String orgId, OrgType orgType, String instance, ZoneId zone,
        Optional<MaintenanceWindow> window, Pool pool) {

    public Candidate(String orgId, OrgType orgType, String instance, ZoneId zone, Optional<MaintenanceWindow> window) {
        this(orgId, orgType, instance, zone, window, null);
    }

    public Candidate {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(orgType, "orgType");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(window, "window");
    }
}
