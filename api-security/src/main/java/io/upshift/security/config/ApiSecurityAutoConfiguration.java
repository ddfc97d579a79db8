package io.upshift.security.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.security.access.domain.AccessRules;
import io.upshift.security.apikey.ApiKeys;
import io.upshift.security.apikey.domain.ApiKeyStore;
import io.upshift.security.apikey.domain.Bootstrap;
import io.upshift.security.apikey.jdbc.JdbcApiKeyStore;
import io.upshift.security.apikey.web.ApiKeyController;
import io.upshift.security.audit.domain.AuditLog;
import io.upshift.security.audit.jdbc.JdbcAuditLog;
import io.upshift.security.audit.web.AuditController;
import io.upshift.security.web.ApiKeyAuthenticationProvider;
import io.upshift.security.web.ApiSecurity;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Secures a service's REST API the same way everywhere: JWTs and API keys on {@code /api/v1/**},
 * the service's {@link AccessRules}, the audit trail, a JSON size limit, and an unauthenticated
 * health, info and Prometheus page on the management port only. A service declares its rules as
 * an {@code AccessRules} bean — that is what switches this on — and adds
 * {@code classpath:db/api-security} to its Flyway locations. (A service without rules gets
 * {@link NoApiSecurityAutoConfiguration}: closed, never open.)
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(AccessRules.class)
@EnableWebSecurity
@EnableConfigurationProperties(ApiSecurityProperties.class)
@Import({ApiKeyController.class, AuditController.class})
public class ApiSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    ApiKeyStore apiKeyStore(JdbcClient jdbc) {
        return new JdbcApiKeyStore(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    AuditLog auditLog(JdbcClient jdbc) {
        return new JdbcAuditLog(jdbc);
    }

    @Bean
    ApiKeys apiKeys(ApiKeyStore store, ApiSecurityProperties properties, Clock clock) {
        Optional<Bootstrap> bootstrap = Bootstrap.of(properties.apiKeys().bootstrapAdminKey(), clock.instant());
        return new ApiKeys(store, bootstrap, clock, properties.apiKeys().lastUsedResolution());
    }

    @Bean
    ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeys keys) {
        return new ApiKeyAuthenticationProvider(keys);
    }

    @Bean
    ApiSecurity apiSecurity(AccessRules rules, ApiKeyAuthenticationProvider keys,
            ObjectProvider<JwtDecoder> jwt, ApiSecurityProperties properties, AuditLog audit, Clock clock,
            MeterRegistry meters, Environment environment) {
        requireSeparateManagementPort(environment);
        JwtDecoder decoder = jwt.getIfAvailable();
        boolean bootstrap = properties.apiKeys().bootstrapAdminKey() != null
                && !properties.apiKeys().bootstrapAdminKey().isBlank();
        log.info("API authentication: {}, stored API keys{}", decoder == null ? "no JWT issuer configured"
                : "JWTs from the configured issuer", bootstrap ? ", the bootstrap admin key" : "");
        return new ApiSecurity(rules, keys, decoder,
                properties, audit, clock, meters);
    }

    /** Health, info and Prometheus are open on the management port: it must not be the API's port. */
    static void requireSeparateManagementPort(Environment environment) {
        if (ManagementPortType.get(environment) == ManagementPortType.SAME) {
            throw new IllegalStateException("management.server.port must be set, and differ from server.port: health, "
                    + "info and Prometheus are served without credentials on the management port only");
        }
    }

    @Bean
    @Order(1)
    SecurityFilterChain managementSecurity(HttpSecurity http, ApiSecurity security) throws Exception {
        return security.managementChain(http);
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurityChain(HttpSecurity http, ApiSecurity security) throws Exception {
        return security.apiChain(http);
    }

    @Bean
    FilterRegistrationBean<?> apiAuditFilter(ApiSecurity security) {
        return security.auditFilterRegistration();
    }

    @Bean
    FilterRegistrationBean<?> apiJsonBodyLimitFilter(ApiSecurity security) {
        return security.jsonBodyLimitRegistration();
    }
}
