package io.upshift.console.signin;

import io.upshift.console.api.ApiProblem;
import io.upshift.console.api.Credential;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;

/** The signed-in person's credential for the API, and their roles there. */
@Component
public class Credentials {

    private final ObjectProvider<OAuth2AuthorizedClientService> clients;

    Credentials(ObjectProvider<OAuth2AuthorizedClientService> clients) {
        this.clients = clients;
    }

    /** The credential of whoever is signed in on this request. */
    public Credential current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public Credential of(Authentication authentication) {
        if (authentication instanceof ConsoleUser user) {
            return user.credential();
        }
        if (authentication instanceof OAuth2AuthenticationToken token) {
            OAuth2AuthorizedClientService service = clients.getIfAvailable();
            OAuth2AuthorizedClient client = service == null ? null
                    : service.loadAuthorizedClient(token.getAuthorizedClientRegistrationId(), token.getName());
            if (client != null) {
                return Credential.bearer(client.getAccessToken().getTokenValue());
            }
        }
        throw new ApiProblem(401, "Not signed in", "Your session has no credential for the API.", List.of(), null);
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
