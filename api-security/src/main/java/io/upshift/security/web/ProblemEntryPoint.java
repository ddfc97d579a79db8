package io.upshift.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 as problem details. The {@code WWW-Authenticate} header is the bearer-token one (RFC 6750),
 * with the reason a token was refused; the body says what to send instead.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    ProblemEntryPoint() {
        bearer.setRealmName("upshift");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        bearer.commence(request, response, refused);
        int status = response.getStatus() >= 400 ? response.getStatus() : HttpServletResponse.SC_UNAUTHORIZED;
        String detail;
        if (refused instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            detail = "the bearer token was refused: " + (description != null ? description : oauth.getError().getErrorCode());
        } else if (refused instanceof org.springframework.security.authentication.BadCredentialsException) {
            detail = refused.getMessage();
        } else {
            detail = "this call needs credentials: a bearer token from the identity provider (Authorization: Bearer <JWT>)"
                    + " or an API key (X-API-Key: <key>)";
        }
        Problems.write(request, response, status, "unauthenticated", "Authentication required", detail);
    }
}
