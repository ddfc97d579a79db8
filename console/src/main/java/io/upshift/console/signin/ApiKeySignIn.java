package io.upshift.console.signin;

import io.upshift.console.api.Api;
import io.upshift.console.api.ApiProblem;
import io.upshift.console.api.Credential;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Signs a person in with an API key (the local stack): the planner's {@code GET /api/v1/me} decides
 * whether the key is good and which roles it has — the console keeps no list of its own.
 */
final class ApiKeySignIn implements AuthenticationProvider {

    private final Api api;

    ApiKeySignIn(Api api) {
        this.api = api;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object secret = authentication.getCredentials();
        String key = secret == null ? "" : secret.toString().strip();
        if (key.isEmpty()) {
            throw new BadCredentialsException("Enter an API key.");
        }
        Credential credential = Credential.apiKey(key);
        try {
            Map<String, Object> me = api.getMap(credential, "/api/v1/me");
            return new ConsoleUser(String.valueOf(me.get("principal")), roles(me), credential);
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 403) {
                throw new BadCredentialsException("The planner does not accept this API key: it is unknown, revoked or expired.");
            }
            throw new AuthenticationServiceException("The planner could not check the key: " + problem.explanation());
        }
    }

    static List<String> roles(Map<String, Object> me) {
        return me.get("roles") instanceof List<?> roles ? roles.stream().map(String::valueOf).toList() : List.of();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
