package io.upshift.planner.inventory.salesforce;

import io.upshift.salesforce.SalesforceConfig;
import io.upshift.salesforce.boot.SalesforceConnectionProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the planner reaches the ISV's packaging org for the PackageSubscriber sync
 * ({@code upshift.planner.salesforce.*}), bound and validated only when
 * {@code upshift.planner.salesforce.enabled=true}. Credentials come from the environment or a
 * mounted file (e.g. {@code UPSHIFT_PLANNER_SALESFORCE_LOGIN_CLIENT_SECRET},
 * {@code upshift.planner.salesforce.login.private-key-file=/run/secrets/salesforce.key}), never
 * from committed configuration, and are never printed.
 *
 * @param login how to log in to the packaging org
 * @param http API version and timeouts
 * @param sync how a sync copes with Salesforce's transient failures
 */
@Validated
@ConfigurationProperties("upshift.planner.salesforce")
@ConditionalOnProperty(name = "upshift.planner.salesforce.enabled", havingValue = "true")
public record SalesforceSyncProperties(
        @Valid @NotNull SalesforceConnectionProperties.Login login,
        @Valid @NotNull @DefaultValue SalesforceConnectionProperties.Http http,
        @Valid @NotNull @DefaultValue Sync sync) {

    /**
     * @param attempts tries of one query page that failed transiently (API limit, 5xx) before the sync gives up
     * @param backoff the wait before the second try, doubled for each further one
     */
    public record Sync(
            @Min(1) @Max(10) @DefaultValue("4") int attempts,
            @NotNull @DefaultValue("2s") Duration backoff) {
    }

    SalesforceConfig clientConfig() {
        return SalesforceConnectionProperties.clientConfig(login, http);
    }
}
