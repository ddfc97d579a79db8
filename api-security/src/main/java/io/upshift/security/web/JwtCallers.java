package io.upshift.security.web;

import io.upshift.security.access.domain.Role;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated JWT into a caller: the name from the configured claim (falling back to
 * {@code sub}), the roles from the configured claim — a list or a space-separated string, found
 * by a dotted path such as {@code realm_access.roles} — matched by name in any case after an
 * optional prefix. Values that are not Upshift roles grant nothing.
 */
final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String principalClaim;
    private final String rolesClaim;
    private final String rolePrefix;

    JwtCallers(String principalClaim, String rolesClaim, String rolePrefix) {
        this.principalClaim = principalClaim;
        this.rolesClaim = rolesClaim;
        this.rolePrefix = rolePrefix == null ? "" : rolePrefix;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = jwt.getClaimAsString(principalClaim);
        if (name == null || name.isBlank()) {
            name = jwt.getSubject();
        }
        return new JwtAuthenticationToken(jwt, Callers.authorities(roles(jwt)), name);
    }

    Set<Role> roles(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String part : rolesClaim.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        Collection<?> names = value instanceof Collection<?> list ? list
                : value instanceof String text ? Arrays.asList(text.trim().split("\\s+")) : List.of();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : names) {
            String text = String.valueOf(name);
            if (text.regionMatches(true, 0, rolePrefix, 0, rolePrefix.length())) {
                Role.named(text.substring(rolePrefix.length())).ifPresent(roles::add);
            }
        }
        return roles;
    }
}
