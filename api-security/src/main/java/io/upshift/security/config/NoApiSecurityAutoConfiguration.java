package io.upshift.security.config;

import io.upshift.security.access.domain.AccessRules;
import io.upshift.security.web.ApiSecurity;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A service with this module on its class path but no API of its own (no {@link AccessRules}) —
 * the executor when the demo runs every service in one JVM on one class path: health, info and
 * Prometheus stay open on the management port, the application port answers nobody. Without
 * this, Spring Boot's default security would ask for a generated password (and log it).
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class},
        after = ApiSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnMissingBean(AccessRules.class)
@EnableWebSecurity
public class NoApiSecurityAutoConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain managementSecurity(HttpSecurity http, Environment environment) throws Exception {
        ApiSecurityAutoConfiguration.requireSeparateManagementPort(environment);
        return ApiSecurity.management(http);
    }

    @Bean
    @Order(2)
    SecurityFilterChain nothingOnTheApplicationPort(HttpSecurity http) throws Exception {
        return ApiSecurity.nothingElse(http);
    }

    /** Nobody can authenticate here: there is nothing to call. (Also keeps Boot from making a default user.) */
    @Bean
    AuthenticationManager noAuthentication() {
        return authentication -> {
            throw new ProviderNotFoundException("this service has no API");
        };
    }
}
