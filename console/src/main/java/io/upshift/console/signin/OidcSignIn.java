package io.upshift.console.signin;

import io.upshift.console.api.Api;
import io.upshift.console.api.ApiProblem;
import io.upshift.console.api.Credential;
import java.util.Map;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * After an OpenID Connect login, asks the planner who the access token is to it: the roles come from
 * {@code GET /api/v1/me}, read with the API's own claim and prefix settings, so the console and the API
 * can never disagree about what a person may do.
 */
final class OidcSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final Api api;
    private final OidcUserService delegate = new OidcUserService();

    OidcSignIn(Api api) {
        this.api = api;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        Map<String, Object> me;
        try {
            me = api.getMap(Credential.bearer(request.getAccessToken().getTokenValue()), "/api/v1/me");
        } catch (ApiProblem problem) {
            throw new OAuth2AuthenticationException(new OAuth2Error("access_denied",
                    "The planner does not accept your sign-in: " + problem.explanation(), null));
        }
        return new ApiUser(user, String.valueOf(me.get("principal")), ApiKeySignIn.roles(me));
    }

    /** The identity provider's user, named and authorised as the planner sees it. */
    static final class ApiUser extends DefaultOidcUser {

        private final String principal;

        ApiUser(OidcUser user, String principal, java.util.List<String> roles) {
            super(ConsoleUser.authorities(roles), user.getIdToken(), user.getUserInfo());
            this.principal = principal;
        }

        @Override
        public String getName() {
            return principal;
        }
    }
}
