package io.upshift.security.web;

import io.upshift.security.apikey.domain.ApiKeyToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a call that carries an API key: in the {@code X-API-Key} header, or as a bearer
 * token that starts with {@code upshift_} (for tools that only speak bearer tokens). A key that
 * is unknown, revoked or expired ends the call with 401 — and with 503 while the stored keys cannot
 * be read; a call without a key passes on untouched.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

    private final AuthenticationProvider keys;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    ApiKeyAuthenticationFilter(AuthenticationProvider keys, AuthenticationEntryPoint entryPoint) {
        this.keys = keys;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presented(request);
        if (presented == null) {
            chain.doFilter(request, response);
            return;
        }
        Authentication authenticated;
        try {
            authenticated = keys.authenticate(ApiKeyAuthenticationProvider.presented(presented));
        } catch (AuthenticationException refused) {
            contexts.clearContext();
            entryPoint.commence(request, response, refused);
            return;
        } catch (DataAccessException unavailable) {
            // the key may be fine: the caller should try again, not think it was revoked
            log.warn("cannot check an API key: {}", unavailable.getMostSpecificCause().toString());
            contexts.clearContext();
            response.setHeader("Retry-After", "5");
            Problems.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable",
                    "Service unavailable", "API keys cannot be checked right now (the database is unavailable); try again");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authenticated);
        contexts.setContext(context);
        repository.saveContext(context, request, response);
        chain.doFilter(request, response);
    }

    static String presented(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && ApiKeyToken.looksLikeOne(authorization.substring(7))) {
            return authorization.substring(7).strip();
        }
        return null;
    }
}
