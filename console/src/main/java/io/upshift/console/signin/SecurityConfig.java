package io.upshift.console.signin;

import io.upshift.console.ConsoleProperties;
import io.upshift.console.api.Api;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see the console: everyone who signed in, with an API key (the local stack) or through the
 * organisation's identity provider (OpenID Connect). Every form carries a CSRF token (htmx sends it as a
 * header); the session cookie is HttpOnly and SameSite (application.yml). What a person may <em>do</em>
 * is decided by the API on each call, not here.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

    @Bean
    AuthenticationManager consoleAuthentication(Api api) {
        return new ProviderManager(new ApiKeySignIn(api));
    }

    @Bean
    SecurityFilterChain console(HttpSecurity http, Api api, ConsoleProperties properties,
            ObjectProvider<ClientRegistrationRepository> registrations) throws Exception {
        // no authenticationManager(...) here: it would replace the OpenID Connect login's own providers. The
        // API-key bean above is the parent the form login falls back to (and what the sign-in links use).
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/sign-in", "/sign-in/link", "/webjars/**", "/console.css", "/console.js", "/error",
                                "/favicon.ico", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .anyRequest().authenticated())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                                + " frame-ancestors 'none'; form-action 'self'")))
                .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/sign-in?signed-out")
                        .deleteCookies("UPSHIFT_CONSOLE"));
        if (properties.apiKeySignIn()) {
            http.formLogin(form -> form.loginPage("/sign-in").loginProcessingUrl("/sign-in")
                    .usernameParameter("name").passwordParameter("apiKey")
                    .defaultSuccessUrl("/campaigns", false).failureUrl("/sign-in?failed").permitAll());
        }
        if (registrations.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/sign-in").defaultSuccessUrl("/campaigns", false)
                    .userInfoEndpoint(user -> user.oidcUserService(new OidcSignIn(api))));
        } else if (!properties.apiKeySignIn()) {
            throw new IllegalStateException("the console has no way to sign in: configure an OpenID Connect client "
                    + "(spring.security.oauth2.client.registration.*) or set upshift.console.api-key-sign-in=true");
        }
        return http.build();
    }
}
