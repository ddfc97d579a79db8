package io.upshift.security.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.security.access.domain.AccessRule;
import io.upshift.security.access.domain.AccessRules;
import io.upshift.security.apikey.domain.ApiKeyToken;
import io.upshift.security.audit.domain.AuditLog;
import io.upshift.security.config.ApiSecurityProperties;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The security filter chains and servlet filters of a service's API, built from its access rules.
 * Two chains: the management port's (health, info, prometheus open; every other endpoint closed)
 * and everything else (stateless; API keys and JWTs; the access rules; no sessions, no cookies,
 * so no CSRF). Around them the audit filter; after them the JSON size limit.
 */
public final class ApiSecurity {

    /** The audit filter wraps the security filters (Spring Boot registers those at -100). */
    static final int AUDIT_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10;
    /** The size limit comes after authentication, so a stranger learns nothing but 401. */
    static final int BODY_LIMIT_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10;

    private final ApiAccess access;
    private final AccessRules rules;
    private final ApiKeyAuthenticationProvider keys;
    private final JwtDecoder jwt;
    private final ApiSecurityProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ProblemEntryPoint entryPoint = new ProblemEntryPoint();

    public ApiSecurity(AccessRules serviceRules, ApiKeyAuthenticationProvider keys, JwtDecoder jwt,
            ApiSecurityProperties properties, AuditLog audit, Clock clock, MeterRegistry meters) {
        this.rules = serviceRules.withCommonRules();
        this.access = new ApiAccess(rules);
        this.keys = keys;
        this.jwt = jwt;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
    }

    /** The API description and its Swagger UI page: open to anyone on the application port (GET). */
    public static final String[] PUBLIC_DOCUMENTATION = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    /** The rules in force, in the order they are tried. */
    public List<AccessRule> rules() {
        return rules.rules();
    }

    public SecurityFilterChain managementChain(HttpSecurity http) throws Exception {
        return management(http);
    }

    /** The management port: health, info and prometheus open to anyone, every other endpoint closed. */
    public static SecurityFilterChain management(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll()
                        .anyRequest().denyAll());
        stateless(http);
        return http.build();
    }

    /** A service without an API: nothing on the application port, to anyone (401, or 403 to the authenticated). */
    public static SecurityFilterChain nothingElse(HttpSecurity http) throws Exception {
        ProblemEntryPoint entryPoint = new ProblemEntryPoint();
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint));
        stateless(http);
        return http.build();
    }

    public SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        // the original request was authorized; its async and error dispatches need not be again
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/error").permitAll()
                        // The API's description and its Swagger UI page are open: they hold no data, the
                        // description is committed to the repository (docs/openapi/) anyway, and a browser
                        // cannot send an API key with a page load. Every call the page makes ("Try it out")
                        // needs a key or token like any other (Authorize → X-API-Key). A deployment that
                        // wants neither sets springdoc.api-docs.enabled=false and springdoc.swagger-ui.enabled=false.
                        .requestMatchers(HttpMethod.GET, PUBLIC_DOCUMENTATION).permitAll()
                        .anyRequest().access(access))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, entryPoint), BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new AuditFilter.Marker(), AuthorizationFilter.class)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(access));
        if (jwt != null) {
            http.oauth2ResourceServer(server -> server
                    .bearerTokenResolver(bearerTokensButNotApiKeys())
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(access)
                    .jwt(j -> j.decoder(jwt).jwtAuthenticationConverter(new JwtCallers(
                            properties.jwt().principalClaim(), properties.jwt().rolesClaim(), properties.jwt().rolePrefix()))));
        }
        stateless(http);
        return http.build();
    }

    public FilterRegistrationBean<AuditFilter> auditFilterRegistration() {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(new AuditFilter(audit, clock, meters));
        registration.setOrder(AUDIT_ORDER);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    public FilterRegistrationBean<JsonBodyLimitFilter> jsonBodyLimitRegistration() {
        FilterRegistrationBean<JsonBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new JsonBodyLimitFilter(properties.maxJsonBody()));
        registration.setOrder(BODY_LIMIT_ORDER);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    private static void stateless(HttpSecurity http) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
    }

    /** An Upshift API key sent as a bearer token is the API-key filter's, not a JWT to decode. */
    private static BearerTokenResolver bearerTokensButNotApiKeys() {
        DefaultBearerTokenResolver jwts = new DefaultBearerTokenResolver();
        return request -> {
            String token = jwts.resolve(request);
            return token == null || ApiKeyToken.looksLikeOne(token) ? null : token;
        };
    }
}
