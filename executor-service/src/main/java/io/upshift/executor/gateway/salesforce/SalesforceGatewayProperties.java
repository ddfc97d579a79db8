package io.upshift.executor.gateway.salesforce;

import io.upshift.salesforce.SalesforceConfig;
import io.upshift.salesforce.boot.SalesforceConnectionProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
 * a mounted file (e.g. {@code UPSHIFT_EXECUTOR_SALESFORCE_LOGIN_CLIENTSECRET},
 * {@code upshift.executor.salesforce.login.private-key-file=/run/secrets/salesforce.key}), never
 * from committed configuration, and are never printed.
 *
 * @param login how to log in to the packaging org
 * @param http API version and timeouts
 * @param push how pushes are batched, retried, watched and paced (environment variables
 *        {@code UPSHIFT_EXECUTOR_SALESFORCE_PUSH_…}, e.g. {@code …_PUSH_APIBUDGET_SHARE=0.5})
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
     * @param scheduleTimeout the longest a request may take from its creation to {@code Pending} (also bounded by
     *        the earliest window end of its orgs); then it is canceled
     * @param clockSkew how far Salesforce's clock may lag the planner's: a job created at or after the command's
     *        issue time minus this is the command's own, and a failed one is its outcome (never pushed again)
     * @param retry backoff of calls that failed transiently (5xx, UNKNOWN_EXCEPTION, REQUEST_LIMIT_EXCEEDED, I/O)
     * @param orphans the sweep that cancels push requests left {@code Created}
     * @param apiBudget pacing under the packaging org's {@code DailyApiRequests}
     */
    public record Push(
            @Min(1) @Max(200) @DefaultValue("200") int batchSize,
            @NotNull @DefaultValue("2s") Duration linger,
            @NotNull @DefaultValue("30s") Duration pollInterval,
            @NotNull @DefaultValue("15m") Duration scheduleTimeout,
            @NotNull @DefaultValue("2m") Duration clockSkew,
            @Valid @NotNull @DefaultValue Retry retry,
            @Valid @NotNull @DefaultValue Orphans orphans,
            @Valid @NotNull @DefaultValue ApiBudget apiBudget) {

        @AssertTrue(message = "push.poll-interval must be at least 100ms")
        public boolean isPollIntervalSensible() {
            return pollInterval == null || pollInterval.toMillis() >= 100;
        }

        @AssertTrue(message = "push.schedule-timeout and push.clock-skew must be positive")
        public boolean isScheduleTimeoutPositive() {
            return scheduleTimeout == null || clockSkew == null || (scheduleTimeout.isPositive() && !clockSkew.isNegative());
        }

        @AssertTrue(message = "push.orphans.min-age must be longer than push.schedule-timeout plus push.retry.cancel-for,"
                + " or the sweep could cancel a request its executor is still scheduling")
        public boolean isOrphanAgeAboveScheduling() {
            return orphans == null || retry == null || scheduleTimeout == null || orphans.minAge() == null
                    || retry.cancelFor() == null
                    || orphans.minAge().compareTo(scheduleTimeout.plus(retry.cancelFor())) > 0;
        }
    }

    /**
     * @param initialBackoff the wait before the second try of a call, doubled for each further one (with jitter)
     * @param maxBackoff the longest wait between two tries
     * @param cancelFor how long canceling a request that could not be scheduled is tried
     */
    public record Retry(
            @NotNull @DefaultValue("1s") Duration initialBackoff,
            @NotNull @DefaultValue("1m") Duration maxBackoff,
            @NotNull @DefaultValue("5m") Duration cancelFor) {

        @AssertTrue(message = "push.retry: initial-backoff must be positive and not longer than max-backoff,"
                + " cancel-for positive")
        public boolean isBackoffOrdered() {
            return initialBackoff == null || maxBackoff == null || cancelFor == null
                    || (initialBackoff.isPositive() && initialBackoff.compareTo(maxBackoff) <= 0 && cancelFor.isPositive());
        }
    }

    /**
     * @param sweepInterval how often push requests left {@code Created} are looked for (0 turns the sweep off)
     * @param minAge how old a {@code Created} request of a version this executor pushes must be to count as orphaned
     */
    public record Orphans(
            @NotNull @DefaultValue("5m") Duration sweepInterval,
            @NotNull @DefaultValue("1h") Duration minAge) {
    }

    /**
     * @param share the share of the org's {@code DailyApiRequests} (a rolling 24 hours, shared with every other
     *        integration of the packaging org) that the gateway may use up; above it, calls wait
     * @param readInterval how often the {@code limits} resource is read
     */
    public record ApiBudget(
            @DecimalMin("0.01") @DecimalMax("1.0") @DefaultValue("0.5") double share,
            @NotNull @DefaultValue("1m") Duration readInterval) {

        @AssertTrue(message = "push.api-budget.read-interval must be at least 100ms")
        public boolean isReadIntervalSensible() {
            return readInterval == null || readInterval.toMillis() >= 100;
        }
    }

    SalesforceConfig clientConfig() {
        return SalesforceConnectionProperties.clientConfig(login, http);
    }
}
