package io.upshift.security.access.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller of the API may do. Every role may read; beyond that the roles are independent,
 * so that the person who approves a wave need not be able to start campaigns, and an
 * administrator of keys and inventory does not approve waves by virtue of that.
 */
public enum Role {

    /** Reads campaigns, inventory, previews, results and a campaign's audit trail. */
    VIEWER,
    /** Creates, edits, schedules, pauses, resumes, cancels campaigns and retries failed orgs. */
    OPERATOR,
    /** Approves the waves that wait for a person. */
    APPROVER,
    /** Packages, inventory imports and syncs, API keys, the suppression list and the whole audit log. */
    ADMIN;

    /** The roles a holder of {@code granted} has: each role given, and VIEWER with any of them. */
    public static Set<Role> effective(Set<Role> granted) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(granted);
        if (!roles.isEmpty()) {
            roles.add(VIEWER);
        }
        return roles;
    }

    /** A role by name in any case ({@code approver}, {@code APPROVER}), or empty for anything else. */
    public static Optional<Role> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
