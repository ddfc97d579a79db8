package io.upshift.console.signin;

import io.upshift.console.api.ApiProblem;
import io.upshift.console.api.Credential;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The signed-in person's credential for the API, and their roles there. An OpenID Connect access token
 * is refreshed (refresh_token grant) when it has expired or is about to; when it cannot be — the
 * identity provider gave no refresh token or refused it — the person is told to sign in again
 * ({@link #SIGN_IN_AGAIN}), never shown a stack trace or a bare 401.
 */
@Component
public class Credentials {

    /** The title of the problem that sends a person back to the sign-in page. */
    public static final String SIGN_IN_AGAIN = "Your sign-in has expired";

    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final ObjectProvider<OAuth2AuthorizedClientService> authorized;
    private final Clock clock;
    private volatile OAuth2AuthorizedClientManager manager;

    Credentials(ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<OAuth2AuthorizedClientService> authorized, Clock clock) {
        this.registrations = registrations;
        this.authorized = authorized;
        this.clock = clock;
    }

    /**
     * The tokens of people signed in with OpenID Connect, refreshed when due. Made on first use: without a
     * client registration (the local stack) there is none. Service-based, so it works off a request thread.
     */
    private OAuth2AuthorizedClientManager manager() {
        if (manager == null) {
            ClientRegistrationRepository repository = registrations.getIfAvailable();
            OAuth2AuthorizedClientService service = authorized.getIfAvailable();
            if (repository == null || service == null) {
                return null;
            }
            AuthorizedClientServiceOAuth2AuthorizedClientManager made =
                    new AuthorizedClientServiceOAuth2AuthorizedClientManager(repository, service);
            made.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode()
                    .refreshToken(refresh -> refresh.clock(clock)).build());
            manager = made;
        }
        return manager;
    }

    /** The credential of whoever is signed in on this request. */
    public Credential current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The credential of this person now: usable outside a request too (the live channel's polls). */
    public Credential of(Authentication authentication) {
        if (authentication instanceof ConsoleUser user) {
            return user.credential();
        }
        if (authentication instanceof OAuth2AuthenticationToken token) {
            OAuth2AuthorizedClientManager manager = manager();
            OAuth2AuthorizedClient client;
            try {
                client = manager == null ? null : manager.authorize(OAuth2AuthorizeRequest
                        .withClientRegistrationId(token.getAuthorizedClientRegistrationId()).principal(token).build());
            } catch (OAuth2AuthorizationException refused) {
                throw expired("the identity provider did not renew it (" + refused.getError().getErrorCode() + ")");
            }
            if (client == null) {
                throw expired("the console holds no token for you any more");
            }
            if (client.getAccessToken().getExpiresAt() != null
                    && !client.getAccessToken().getExpiresAt().isAfter(clock.instant())) {
                throw expired("the identity provider gave no way to renew it");
            }
            return Credential.bearer(client.getAccessToken().getTokenValue());
        }
        throw new ApiProblem(401, "Not signed in", "Your session has no credential for the API.", List.of(), null);
    }

    private static ApiProblem expired(String why) {
        return new ApiProblem(401, SIGN_IN_AGAIN, "Your sign-in has expired and " + why + ". Please sign in again.",
                List.of(), null);
    }

    /** The API roles of the signed-in person (VIEWER, OPERATOR, APPROVER, ADMIN). */
    public static Set<String> roles(Authentication authentication) {
        Set<String> roles = new TreeSet<>();
        if (authentication != null) {
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                String name = authority.getAuthority();
                if (name != null && name.startsWith("ROLE_")) {
                    roles.add(name.substring(5));
                }
            }
        }
        return roles;
    }
}
