package io.upshift.planner.orghealth.config;

import io.upshift.planner.orghealth.domain.ChronicRule;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the planner judges an org's health across campaigns ({@code upshift.planner.org-health}): an org is
 * chronic when it failed in at least {@code chronicFailures} of the package's last {@code chronicCampaigns}
 * campaigns. Checked at start-up: a planner with a rule that can never hold does not start.
 */
@Validated
@ConfigurationProperties("upshift.planner.org-health")
public record OrgHealthProperties(
        @DefaultValue("2") @Min(1) int chronicFailures,
        @DefaultValue("3") @Min(1) @Max(ChronicRule.MAX_CAMPAIGNS) int chronicCampaigns) {

    @AssertTrue(message = "chronic-failures must not exceed chronic-campaigns (K of the last N campaigns)")
    public boolean isFailuresWithinCampaigns() {
        return chronicFailures <= chronicCampaigns;
    }

    public ChronicRule rule() {
        return new ChronicRule(chronicFailures, chronicCampaigns);
    }
}
