package io.upshift.security.web;

import io.upshift.security.access.domain.Role;
import io.upshift.security.apikey.domain.ApiKey;
import io.upshift.security.audit.domain.AuditEntry;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Who is calling, in the terms of the API: a principal name, how it was proven, and its roles. */
public final class Callers {

    private static final String ROLE_PREFIX = "ROLE_";

    private Callers() {
    }

    /** A caller, or empty for an anonymous or missing authentication. */
    public static Optional<Caller> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        AuditEntry.Authentication method = authentication instanceof ApiKeyAuthentication ? AuditEntry.Authentication.API_KEY
                : authentication instanceof JwtAuthenticationToken ? AuditEntry.Authentication.JWT : null;
        return Optional.of(new Caller(authentication.getName(), method, roles(authentication.getAuthorities())));
    }

    /** The Spring Security authorities for a set of roles (VIEWER added when any role is given). */
    public static List<GrantedAuthority> authorities(Set<Role> roles) {
        return Role.effective(roles).stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority(ROLE_PREFIX + r.name()))
                .toList();
    }

    static Set<Role> roles(Collection<? extends GrantedAuthority> authorities) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(ROLE_PREFIX)) {
                Role.named(name.substring(ROLE_PREFIX.length())).ifPresent(roles::add);
            }
        }
        return roles;
    }

    /** An authenticated caller. */
    public record Caller(String name, AuditEntry.Authentication method, Set<Role> roles) {
    }

    /** A caller that presented an API key. */
    public static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

        private final ApiKey key;

        ApiKeyAuthentication(ApiKey key) {
            super(authorities(key.roles()));
            this.key = key;
            setAuthenticated(true);
        }

        /** The key's id, never its secret. */
        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return key.principal();
        }

        @Override
        public String getName() {
            return key.principal();
        }

        public ApiKey key() {
            return key;
        }
    }
}
