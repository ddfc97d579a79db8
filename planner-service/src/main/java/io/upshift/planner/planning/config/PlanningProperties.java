package io.upshift.planner.planning.config;

import io.upshift.planner.campaign.domain.CampaignSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Planning settings that hold for every campaign of this ISV.
 *
 * @param minimumWindow a stretch of an org's maintenance window cut short (by a blackout, or
 *        because it is already open when the campaign may start) is skipped when shorter than this
 * @param maximumWindow the longest window planned for one org (an always-open org gets this much)
 * @param blackouts ISV-wide periods in which no org is upgraded (quarter ends, freezes); every
 *        campaign avoids them on top of its own
 * @param supportContact whom subscribers may contact, for campaigns that name nobody
 * @param defaultNoticePeriod the notice period of a campaign that does not set one
 * @param minimumNoticePeriod the least notice a campaign may give subscribers; only an urgent campaign
 *        (a stated reason, and a second person's approval of its first wave) may give less
 * @param batchSize orgs fetched per cursor round trip and written per COPY when planning,
 *        canceling or retrying a campaign (memory stays at one batch whatever the fleet's size)
 */
@Validated
@ConfigurationProperties("upshift.planner.planning")
public record PlanningProperties(
        @DefaultValue("30m") @NotNull Duration minimumWindow,
        @DefaultValue("24h") @NotNull Duration maximumWindow,
        List<@Valid Blackout> blackouts,
        String supportContact,
        @DefaultValue("72h") @NotNull Duration defaultNoticePeriod,
        @DefaultValue("24h") @NotNull Duration minimumNoticePeriod,
        @DefaultValue("5000") @Min(10) int batchSize) {

    public PlanningProperties {
        blackouts = blackouts == null ? List.of() : List.copyOf(blackouts);
    }

    /** Whom subscribers may contact about a campaign: its own support contact, else the ISV's. */
    public String supportContactOf(CampaignSpec spec) {
        return spec.supportContact() != null ? spec.supportContact() : supportContact;
    }

    /** The rules of a campaign's schedule that depend on when it is planned (see {@link CampaignSpec.Schedule#noticeProblems}). */
    public List<CampaignSpec.Problem> scheduleProblems(CampaignSpec spec, Instant now) {
        return spec.schedule().noticeProblems(now, minimumNoticePeriod);
    }

    @AssertTrue(message = "the default notice period must not be shorter than the minimum")
    public boolean isDefaultNoticeAtLeastTheMinimum() {
        return defaultNoticePeriod == null || minimumNoticePeriod == null
                || defaultNoticePeriod.compareTo(minimumNoticePeriod) >= 0;
    }

    @AssertTrue(message = "the maximum window must be positive and not shorter than the minimum")
    public boolean isWindowRangeValid() {
        return minimumWindow == null || maximumWindow == null
                || (maximumWindow.isPositive() && !minimumWindow.isNegative() && maximumWindow.compareTo(minimumWindow) >= 0);
    }

    /** A period off limits: {@code [start, end)}. */
    public record Blackout(@NotNull Instant start, @NotNull Instant end, String reason) {

        @AssertTrue(message = "a blackout must end after it starts")
        public boolean isOrdered() {
            return start == null || end == null || end.isAfter(start);
        }
    }
}
