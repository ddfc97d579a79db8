package io.upshift.planner.planning.domain;

import io.upshift.planner.inventory.domain.OrgType;

/**
 * The two groups waves are cut from: the sandboxes (when a campaign takes them first) and the
 * rest. Orgs are ranked inside their pool in a fixed pseudo-random order, so the canary spreads
 * over instances, versions and zones rather than being the first orgs imported.
 */
public enum Pool {
    SANDBOXES, MAIN;

    public static Pool of(OrgType type, boolean sandboxesFirst) {
        return sandboxesFirst && type == OrgType.SANDBOX ? SANDBOXES : MAIN;
    }
}
