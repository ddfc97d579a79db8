package io.upshift.planner.planning.domain;

import io.upshift.planner.inventory.domain.OrgType;
import java.util.Objects;

/** An eligible org as planning needs it. */
public record Candidate(String orgId, OrgType orgType, String instance, MaintenanceWindow window) {

    public Candidate {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(orgType, "orgType");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(window, "window");
    }
}
