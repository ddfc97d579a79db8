package io.upshift.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.security.access.domain.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class JwtCallersTest {

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.EPOCH)
                .expiresAt(Instant.EPOCH.plusSeconds(60)).subject("f2b1c0de");
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void takesTheNameFromTheConfiguredClaimAndFallsBackToTheSubject() {
        JwtCallers callers = new JwtCallers("preferred_username", "roles", "");

        assertThat(callers.convert(jwt(Map.of("preferred_username", "alice"))).getName()).isEqualTo("alice");
        assertThat(callers.convert(jwt(Map.of())).getName()).isEqualTo("f2b1c0de");
    }

    @Test
    void readsRolesFromAListOrASpaceSeparatedStringInAnyCase() {
        JwtCallers callers = new JwtCallers("preferred_username", "roles", "");

        assertThat(callers.roles(jwt(Map.of("roles", List.of("operator", "APPROVER", "offline_access")))))
                .containsExactlyInAnyOrder(Role.OPERATOR, Role.APPROVER);
        assertThat(callers.roles(jwt(Map.of("roles", "viewer admin")))).containsExactlyInAnyOrder(Role.VIEWER, Role.ADMIN);
        assertThat(callers.roles(jwt(Map.of()))).isEmpty();
    }

    @Test
    void followsADottedPathAndStripsTheProvidersPrefix() {
        JwtCallers callers = new JwtCallers("preferred_username", "realm_access.roles", "upshift-");

        assertThat(callers.roles(jwt(Map.of("realm_access", Map.of("roles", List.of("upshift-approver", "admin"))))))
                .containsExactly(Role.APPROVER);
    }

    @Test
    void everyRoleMayRead() {
        JwtCallers callers = new JwtCallers("preferred_username", "roles", "");

        assertThat(Callers.roles(callers.convert(jwt(Map.of("roles", List.of("APPROVER")))).getAuthorities()))
                .containsExactlyInAnyOrder(Role.APPROVER, Role.VIEWER);
    }
}
