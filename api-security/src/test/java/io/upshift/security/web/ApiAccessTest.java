package io.upshift.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.security.access.domain.AccessRules;
import io.upshift.security.access.domain.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

class ApiAccessTest {

    private final ApiAccess access = new ApiAccess(AccessRules.builder()
            .allow("POST", "/api/v1/campaigns/*/approve", "approve a wave", Role.APPROVER)
            .allow("POST", "/api/v1/campaigns/**", "change a campaign", Role.OPERATOR)
            .build().withCommonRules());

    private boolean allowed(String method, String path, Authentication who) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRequestURI(path);
        return access.authorize(() -> who, new RequestAuthorizationContext(request)).isGranted();
    }

    private static Authentication holding(Role... roles) {
        TestingAuthenticationToken token = new TestingAuthenticationToken("someone", null,
                Callers.authorities(Set.of(roles)));
        token.setAuthenticated(true);
        return token;
    }

    @Test
    void theFirstMatchingRuleDecides() {
        assertThat(allowed("POST", "/api/v1/campaigns/1/approve", holding(Role.APPROVER))).isTrue();
        assertThat(allowed("POST", "/api/v1/campaigns/1/approve", holding(Role.OPERATOR))).isFalse();
        assertThat(allowed("POST", "/api/v1/campaigns/1/pause", holding(Role.OPERATOR))).isTrue();
        assertThat(allowed("POST", "/api/v1/campaigns/1/pause", holding(Role.APPROVER))).isFalse();
    }

    @Test
    void everyRoleReadsAndNothingUnlistedIsOpen() {
        assertThat(allowed("GET", "/api/v1/campaigns/1", holding(Role.APPROVER))).isTrue();
        assertThat(allowed("GET", "/v3/api-docs", holding(Role.VIEWER))).isTrue();
        assertThat(allowed("DELETE", "/api/v1/campaigns/1", holding(Role.ADMIN, Role.OPERATOR))).isFalse();
        assertThat(allowed("GET", "/actuator/health", holding(Role.ADMIN))).isFalse();
    }

    @Test
    void keysAndTheWholeAuditLogAreForAdministrators() {
        assertThat(allowed("GET", "/api/v1/api-keys", holding(Role.OPERATOR, Role.APPROVER))).isFalse();
        assertThat(allowed("POST", "/api/v1/api-keys", holding(Role.ADMIN))).isTrue();
        assertThat(allowed("GET", "/api/v1/audit", holding(Role.VIEWER))).isFalse();
        assertThat(allowed("GET", "/api/v1/audit", holding(Role.ADMIN))).isTrue();
    }

    @Test
    void anAnonymousCallerMayDoNothing() {
        Authentication anonymous = new AnonymousAuthenticationToken("k", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

        assertThat(allowed("GET", "/api/v1/campaigns", anonymous)).isFalse();
    }
}
