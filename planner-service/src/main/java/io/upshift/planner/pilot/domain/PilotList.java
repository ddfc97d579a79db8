package io.upshift.planner.pilot.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A named list of orgs of the inventory ("our test orgs", "design partners") that a campaign's strategy may
 * give a wave before the canary ({@code strategy.pilotWaves}). Lists belong to the inventory, not to a package:
 * the same friendly orgs pilot every package they have.
 */
public record PilotList(UUID id, String name, String description, String createdBy, Instant createdAt,
        Instant updatedAt, long members) {

    /** The longest name; names are compared exactly (case and spaces count). */
    public static final int MAX_NAME = 100;

    /** Why {@code name} cannot name a list, or null when it can. */
    public static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "must not be blank";
        }
        if (name.length() > MAX_NAME) {
            return "must be at most " + MAX_NAME + " characters";
        }
        if (!name.equals(name.strip())) {
            return "must not start or end with spaces";
        }
        return null;
    }
}
