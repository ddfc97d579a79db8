package io.upshift.planner.planning.domain;

import io.upshift.planner.inventory.domain.OrgType;

/**
 * The groups waves are cut from, in wave order: the orgs of the campaign's pilot lists, the sandboxes
 * (when a campaign takes them first), the rest, and the chronic orgs (when the campaign puts them in a last
 * wave). Orgs are ranked inside their pool in a fixed pseudo-random order, so the canary spreads over
 * instances, versions and zones rather than being the first orgs imported; pilot orgs are ranked by their
 * list's place in the strategy first, so each list's orgs are one rank range.
 */
public enum Pool {
    PILOT, SANDBOXES, MAIN, CHRONIC;

    public static Pool of(OrgType type, boolean sandboxesFirst) {
        return sandboxesFirst && type == OrgType.SANDBOX ? SANDBOXES : MAIN;
    }
}
