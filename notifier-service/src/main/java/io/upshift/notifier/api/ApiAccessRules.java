package io.upshift.notifier.api;

import static io.upshift.security.access.domain.Role.ADMIN;

import io.upshift.security.access.domain.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call what on the notifier's API. A campaign's email counts every role may read; the
 * suppression list (people's addresses) only administrators read and change. API keys and the
 * whole audit log are for ADMIN (api-security adds those); anything not listed is refused.
 */
@Configuration(proxyBeanMethods = false)
class ApiAccessRules {

    @Bean
    AccessRules notifierAccessRules() {
        return AccessRules.builder()
                .allow(null, "/api/v1/suppressions", "read the suppression list", ADMIN)
                .allow(null, "/api/v1/suppressions/**", "manage the suppression list", ADMIN)
                .build();
    }
}
