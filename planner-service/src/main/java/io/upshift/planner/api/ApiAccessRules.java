package io.upshift.planner.api;

import static io.upshift.security.access.domain.Role.ADMIN;
import static io.upshift.security.access.domain.Role.APPROVER;
import static io.upshift.security.access.domain.Role.OPERATOR;

import io.upshift.security.access.domain.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may change what through the planner's API. Every role may read (GET); API keys and the
 * whole audit log are for ADMIN (api-security adds those); a change not listed here is refused.
 * The table in {@code ApiAccessIT} proves each row.
 */
@Configuration(proxyBeanMethods = false)
class ApiAccessRules {

    @Bean
    AccessRules plannerAccessRules() {
        return AccessRules.builder()
                .allow("POST", "/api/v1/campaigns/*/approve", "approve a wave", APPROVER)
                .allow("POST", "/api/v1/campaigns", "create a campaign", OPERATOR)
                .allow("PUT", "/api/v1/campaigns/*", "edit a campaign", OPERATOR)
                .allow("POST", "/api/v1/campaigns/*/selection", "select a campaign's orgs from a file", OPERATOR)
                .allow("POST", "/api/v1/campaigns/*/schedule", "schedule a campaign", OPERATOR)
                .allow("POST", "/api/v1/campaigns/*/pause", "pause a campaign", OPERATOR)
                .allow("POST", "/api/v1/campaigns/*/resume", "resume a campaign", OPERATOR)
                .allow("POST", "/api/v1/campaigns/*/cancel", "cancel a campaign", OPERATOR)
                .allow("POST", "/api/v1/campaigns/*/retry-failed", "retry failed orgs", OPERATOR)
                .allow("POST", "/api/v1/campaigns/*/orgs/*/remove", "remove an org from a campaign", OPERATOR)
                .allow("POST", "/api/v1/trains/*/approve", "approve a train's waiting waves", APPROVER)
                .allow("POST", "/api/v1/trains", "create a release train", OPERATOR)
                .allow("POST", "/api/v1/trains/*/schedule", "schedule a release train", OPERATOR)
                .allow("POST", "/api/v1/trains/*/pause", "pause a release train", OPERATOR)
                .allow("POST", "/api/v1/trains/*/resume", "resume a release train", OPERATOR)
                .allow("POST", "/api/v1/trains/*/cancel", "cancel a release train", OPERATOR)
                .allow("POST", "/api/v1/packages", "register a package", ADMIN)
                .allow("POST", "/api/v1/packages/*/versions", "register a package version", ADMIN)
                .allow("PATCH", "/api/v1/packages/*/versions/*", "change a package version", ADMIN)
                .allow("POST", "/api/v1/packages/*/subscribers/import", "import subscriber orgs", ADMIN)
                .allow("POST", "/api/v1/packages/*/subscribers/simulated", "load simulated orgs", ADMIN)
                .allow("POST", "/api/v1/packages/*/subscribers/sync", "sync subscriber orgs from Salesforce", ADMIN)
                .allow("PUT", "/api/v1/orgs/*/exclusion", "exclude an org from campaigns", ADMIN)
                .allow("DELETE", "/api/v1/orgs/*/exclusion", "include an org in campaigns again", ADMIN)
                .allow("POST", "/api/v1/pilot-lists", "create a pilot list", ADMIN)
                .allow("DELETE", "/api/v1/pilot-lists/*", "delete a pilot list", ADMIN)
                .allow("POST", "/api/v1/pilot-lists/*/members", "add orgs to a pilot list", ADMIN)
                .allow("PUT", "/api/v1/pilot-lists/*/members/*", "add an org to a pilot list", ADMIN)
                .allow("DELETE", "/api/v1/pilot-lists/*/members/*", "remove an org from a pilot list", ADMIN)
                .build();
    }
}
