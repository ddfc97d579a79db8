package io.upshift.security.access.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Who may make one kind of call.
 *
 * @param method the HTTP method, or null for any
 * @param pattern the path, in Spring's path-pattern syntax ({@code *} one segment, {@code **} the rest)
 * @param action what the call does, for people: "approve a wave" (used in 403 answers)
 * @param roles the roles that may make it; empty: nobody may
 */
public record AccessRule(String method, String pattern, String action, Set<Role> roles) {

    public AccessRule {
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(action, "action");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** Whether a caller holding {@code granted} (already including VIEWER where it applies) may make the call. */
    public boolean allows(Set<Role> granted) {
        return roles.stream().anyMatch(granted::contains);
    }
}
