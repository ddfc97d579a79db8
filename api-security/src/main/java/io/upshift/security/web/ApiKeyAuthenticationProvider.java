package io.upshift.security.web;

import io.upshift.security.apikey.ApiKeys;
import io.upshift.security.apikey.domain.ApiKey;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks a presented API key against the stored hashes (and the bootstrap key). Being an
 * {@link AuthenticationProvider} bean also tells Spring Boot that this application has its own
 * authentication, so it never creates (and logs the password of) a default user.
 */
public final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeys keys;

    public ApiKeyAuthenticationProvider(ApiKeys keys) {
        this.keys = keys;
    }

    static Authentication presented(String value) {
        return new Presented(value);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String value = ((Presented) authentication).value;
        ApiKey key = keys.authenticate(value)
                .orElseThrow(() -> new BadCredentialsException("the API key is unknown, revoked or expired"));
        return new Callers.ApiKeyAuthentication(key);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return Presented.class.isAssignableFrom(authentication);
    }

    /** A key as presented, not yet checked. */
    private static final class Presented extends AbstractAuthenticationToken {

        private final String value;

        Presented(String value) {
            super(java.util.List.of());
            this.value = value;
        }

        @Override
        public Object getCredentials() {
            return value;
        }

        @Override
        public Object getPrincipal() {
            return null;
        }

        @Override
        public String toString() {
            return "Presented[API key]";
        }
    }
}
