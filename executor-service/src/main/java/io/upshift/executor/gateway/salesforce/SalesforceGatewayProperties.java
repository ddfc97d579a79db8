package io.upshift.executor.gateway.salesforce;

import io.upshift.salesforce.SalesforceConfig;
import io.upshift.salesforce.boot.SalesforceConnectionProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Salesforce gateway ({@code upshift.executor.salesforce.*}), bound and validated
 * only when {@code upshift.executor.gateway=salesforce}. Credentials come from the environment or
 * a mounted file (e.g. {@code UPSHIFT_EXECUTOR_SALESFORCE_LOGIN_CLIENT_SECRET},
 * {@code upshift.executor.salesforce.login.private-key-file=/run/secrets/salesforce.key}), never
 * from committed configuration, and are never printed.
 *
 * @param login how to log in to the packaging org
 * @param http API version and timeouts
 * @param push how pushes are batched and watched
 */
@Validated
@ConfigurationProperties("upshift.executor.salesforce")
@ConditionalOnProperty(name = "upshift.executor.gateway", havingValue = "salesforce")
public record SalesforceGatewayProperties(
        @Valid @NotNull SalesforceConnectionProperties.Login login,
        @Valid @NotNull @DefaultValue SalesforceConnectionProperties.Http http,
        @Valid @NotNull @DefaultValue Push push) {

    /**
     * @param batchSize orgs of the same target version sent in one push request (Salesforce takes 200 jobs a call)
     * @param linger how long a batch waits for more orgs before it is sent
     * @param pollInterval how often open push requests are polled for finished jobs
     * @param insertAttempts tries of one job insert that failed inside Salesforce ("Something bad has happened")
     * @param insertBackoff the wait before the second try, doubled for each further one
     */
    public record Push(
            @Min(1) @Max(200) @DefaultValue("200") int batchSize,
            @NotNull @DefaultValue("2s") Duration linger,
            @NotNull @DefaultValue("30s") Duration pollInterval,
            @Min(1) @Max(10) @DefaultValue("3") int insertAttempts,
            @NotNull @DefaultValue("2s") Duration insertBackoff) {

        @AssertTrue(message = "push.poll-interval must be at least 100ms")
        public boolean isPollIntervalSensible() {
            return pollInterval == null || pollInterval.toMillis() >= 100;
        }
    }

    SalesforceConfig clientConfig() {
        return SalesforceConnectionProperties.clientConfig(login, http);
    }
}
