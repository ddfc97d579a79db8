package io.upshift.security.access.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A service's table of who may call what. The first rule that matches a call decides; a call no
 * rule matches is refused, so a route someone forgets to list is closed, not open.
 */
public final class AccessRules {

    private final List<AccessRule> rules;

    private AccessRules(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<AccessRule> rules() {
        return rules;
    }

    /**
     * These rules, with what every API has around them: keys and the whole audit log for ADMIN
     * first, reading (the API and its description) for every role last.
     */
    public AccessRules withCommonRules() {
        List<AccessRule> all = new ArrayList<>();
        all.add(new AccessRule(null, "/api/v1/api-keys/**", "manage API keys", Set.of(Role.ADMIN)));
        all.add(new AccessRule("GET", "/api/v1/audit", "read the whole audit log", Set.of(Role.ADMIN)));
        all.addAll(rules);
        all.add(new AccessRule("GET", "/api/v1/**", "read", Set.of(Role.VIEWER)));
        all.add(new AccessRule("GET", "/v3/api-docs/**", "read the API description", Set.of(Role.VIEWER)));
        all.add(new AccessRule("HEAD", "/api/v1/**", "read", Set.of(Role.VIEWER)));
        return new AccessRules(all);
    }

    public static final class Builder {

        private final List<AccessRule> rules = new ArrayList<>();

        /** Lets holders of any of {@code roles} make the call ({@code method} null: any method). */
        public Builder allow(String method, String pattern, String action, Role... roles) {
            if (roles.length == 0) {
                throw new IllegalArgumentException("name at least one role for " + action);
            }
            rules.add(new AccessRule(method, pattern, action, Set.of(roles)));
            return this;
        }

        public AccessRules build() {
            return new AccessRules(rules);
        }
    }
}
