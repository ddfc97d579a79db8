package io.upshift.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.security.access.domain.Role;
import io.upshift.security.apikey.domain.ApiKey;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

class ApiKeyAuthenticationFilterTest {

    private static final ApiKey KEY = new ApiKey("abcdefghijkl", "pipeline", Set.of(Role.OPERATOR), "ada",
            Instant.EPOCH, null, null, null, null);

    private MockHttpServletResponse call(AuthenticationProvider provider, MockHttpServletRequest request,
            MockFilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ApiKeyAuthenticationFilter(provider, new ProblemEntryPoint()).doFilter(request, response, chain);
        return response;
    }

    private static AuthenticationProvider answering(java.util.function.Supplier<Authentication> answer) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                return answer.get();
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return true;
            }
        };
    }

    private static MockHttpServletRequest withKey(String header, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/campaigns");
        request.addHeader(header, value);
        return request;
    }

    @Test
    void authenticatesAKeyFromEitherHeaderAndPassesTheCallOn() throws Exception {
        AuthenticationProvider keys = answering(() -> new Callers.ApiKeyAuthentication(KEY));
        for (MockHttpServletRequest request : new MockHttpServletRequest[] {withKey("X-API-Key", "upshift_x"),
                withKey("Authorization", "Bearer upshift_abcdefghijkl_x")}) {
            Authentication[] seen = new Authentication[1];
            MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            }, (req, res, next) -> seen[0] = SecurityContextHolder.getContext().getAuthentication());

            call(keys, request, chain);

            assertThat(seen[0]).isNotNull();
            assertThat(seen[0].getName()).isEqualTo("apikey:pipeline");
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void refusesAnUnknownKeyWith401AndStops() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = call(answering(() -> {
            throw new BadCredentialsException("the API key is unknown, revoked or expired");
        }), withKey("X-API-Key", "upshift_nope"), chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("unknown, revoked or expired");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void answers503NotA401WhenTheKeysCannotBeRead() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = call(answering(() -> {
            throw new DataAccessResourceFailureException("connection refused");
        }), withKey("X-API-Key", "upshift_x"), chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void leavesACallWithoutAKeyAndABearerJwtToTheOtherFilters() throws Exception {
        MockFilterChain withoutKey = new MockFilterChain();
        MockFilterChain withJwt = new MockFilterChain();

        call(answering(() -> {
            throw new AssertionError("not asked");
        }), new MockHttpServletRequest("GET", "/api/v1/campaigns"), withoutKey);
        call(answering(() -> {
            throw new AssertionError("not asked");
        }), withKey("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig"), withJwt);

        assertThat(withoutKey.getRequest()).isNotNull();
        assertThat(withJwt.getRequest()).isNotNull();
    }
}
