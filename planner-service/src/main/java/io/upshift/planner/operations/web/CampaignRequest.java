package io.upshift.planner.operations.web;

import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.ChronicOrgs;
import io.upshift.planner.campaign.domain.PilotWave;
import io.upshift.planner.campaign.domain.CampaignSpec.Blackout;
import io.upshift.planner.campaign.domain.CampaignSpec.Canary;
import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import io.upshift.planner.campaign.domain.CampaignSpec.Ramp;
import io.upshift.planner.campaign.domain.CampaignSpec.RampType;
import io.upshift.planner.campaign.domain.CampaignSpec.Schedule;
import io.upshift.planner.campaign.domain.CampaignSpec.Selection;
import io.upshift.planner.campaign.domain.CampaignSpec.Strategy;
import io.upshift.planner.campaign.domain.CampaignSpec.VersionRange;
import io.upshift.planner.campaign.domain.CampaignWindow;
import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.Urgency;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.shared.domain.SalesforceIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * A campaign definition as a release manager writes it. Everything but name, package and target
 * version has a default; see {@link CampaignSpec} for what each part means.
 *
 * @param createdBy accepted for clients written before authentication, and ignored: the creator is
 *                  the authenticated caller, whom the four-eyes rule keeps from approving the first
 *                  production wave — a field the client fills in could not do that
 */
public record CampaignRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "033[A-Za-z0-9]{12}([A-Za-z0-9]{3})?",
                message = "must be a package id: 033 and 12 or 15 more letters or digits") String packageId,
        @NotBlank @Pattern(regexp = "\\d{1,9}\\.\\d{1,9}(\\.\\d{1,9}){0,2}",
                message = "must be a version number like 4.2.1") String targetVersion,
        @Valid SelectionRequest selection,
        @Valid StrategyRequest strategy,
        @Valid ScheduleRequest schedule,
        @Valid PacingRequest pacing,
        @Valid GateRequest gate,
        @DurationMin(seconds = 1, message = "must be at least one second") Duration orgTimeout,
        @Size(max = 320) String supportContact,
        @Deprecated @Size(max = 200) String createdBy) {

    static final Duration DEFAULT_ORG_TIMEOUT = Duration.ofHours(4);

    public CampaignSpec toSpec(Duration defaultNoticePeriod, String creator) {
        // The inventory keeps ids in their 18-character form; a script may send either form.
        return new CampaignSpec(name.strip(), SalesforceIds.normalize(packageId, SalesforceIds.PACKAGE_PREFIX, "packageId"),
                targetVersion,
                selection == null ? Selection.ALL : selection.toSelection(),
                strategy == null ? Strategy.ALL_AT_ONCE : strategy.toStrategy(),
                schedule == null ? new Schedule(null, defaultNoticePeriod, true, List.of())
                        : schedule.toSchedule(defaultNoticePeriod),
                pacing == null ? Pacing.UNLIMITED : pacing.toPacing(),
                gate == null ? GateRequest.DEFAULT : gate.toRule(),
                orgTimeout == null ? DEFAULT_ORG_TIMEOUT : orgTimeout, supportContact, creator);
    }

    /** Which orgs: all with the package, narrowed by any of the filters. */
    record SelectionRequest(
            Set<@NotNull OrgType> orgTypes,
            Set<@NotBlank @Size(max = 40) String> instances,
            @Valid VersionRangeRequest installedVersion,
            @Size(max = 1_000_000) List<@NotNull @OrgId String> orgIds,
            @Size(max = 1_000_000) List<@NotNull @OrgId String> excludedOrgIds,
            @Size(max = 200) Set<@NotBlank @Size(max = 64) String> timeZones) {

        Selection toSelection() {
            return new Selection(orgTypes, instances,
                    installedVersion == null ? null : new VersionRange(installedVersion.min(), installedVersion.max()),
                    normalise(orgIds), normalise(excludedOrgIds), timeZones);
        }

        private static List<String> normalise(List<String> ids) {
            return ids == null ? List.of()
                    : ids.stream().map(SalesforceIds::orgId).distinct().toList();
        }
    }

    /** Installed versions, both ends inclusive. */
    record VersionRangeRequest(
            @Pattern(regexp = "\\d{1,9}\\.\\d{1,9}(\\.\\d{1,9}){0,2}", message = "must be a version number like 4.1.0") String min,
            @Pattern(regexp = "\\d{1,9}\\.\\d{1,9}(\\.\\d{1,9}){0,2}", message = "must be a version number like 4.1.9") String max) {
    }

    record StrategyRequest(
            Boolean sandboxesFirst,
            @Valid CanaryRequest canary,
            @Valid RampRequest ramp,
            Boolean approvalRequired,
            @DurationMin(seconds = 0, message = "cannot be negative") Duration minimumWaveDuration,
            @Valid ChronicOrgsRequest chronicOrgs,
            @Size(max = PilotWave.MAX) List<@NotNull @Valid PilotWaveRequest> pilotWaves) {

        Strategy toStrategy() {
            return new Strategy(Boolean.TRUE.equals(sandboxesFirst),
                    canary == null ? null : new Canary(canary.count(), canary.percent()),
                    ramp == null ? Ramp.SINGLE : new Ramp(ramp.type(), ramp.percentages()),
                    Boolean.TRUE.equals(approvalRequired), minimumWaveDuration,
                    chronicOrgs == null ? ChronicOrgs.DEFAULT
                            : new ChronicOrgs(chronicOrgs.placement(), Boolean.TRUE.equals(chronicOrgs.approvalRequired())),
                    pilotWaves == null ? List.of() : pilotWaves.stream()
                            .map(p -> new PilotWave(p.list().strip(), p.gate() == null ? null : p.gate().toRule()))
                            .toList());
        }
    }

    /**
     * Where the package's chronic orgs go (default LAST_WAVE, no approval).
     *
     * @param placement LAST_WAVE (after every other wave) or NORMAL (ranked with everyone)
     * @param approvalRequired the chronic orgs' wave waits for a person's approval
     */
    record ChronicOrgsRequest(ChronicOrgs.Placement placement, Boolean approvalRequired) {
    }

    /**
     * A wave of one pilot list's orgs, before the canary.
     *
     * @param gate this wave's own gate (default: the campaign's)
     */
    record PilotWaveRequest(@NotBlank @Size(max = 100) String list, @Valid GateRequest gate) {
    }

    /** Exactly one of count and percent. */
    record CanaryRequest(
            @Positive Integer count,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal percent) {
    }

    record RampRequest(
            @NotNull RampType type,
            @Size(max = 100) List<@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal> percentages) {
    }

    record ScheduleRequest(
            Instant earliestStart,
            @DurationMin(seconds = 0, message = "cannot be negative") Duration noticePeriod,
            Boolean respectMaintenanceWindows,
            @Size(max = 100) List<@NotNull @Valid BlackoutRequest> blackouts,
            Instant deadline,
            @Valid CampaignWindowRequest campaignWindow,
            @Valid UrgencyRequest urgency,
            Boolean subscriberMayOptOut) {

        Schedule toSchedule(Duration defaultNoticePeriod) {
            return new Schedule(earliestStart, noticePeriod == null ? defaultNoticePeriod : noticePeriod,
                    !Boolean.FALSE.equals(respectMaintenanceWindows),
                    blackouts == null ? List.of()
                            : blackouts.stream().map(b -> new Blackout(b.start(), b.end(), b.reason())).toList(),
                    deadline,
                    campaignWindow == null ? null : new CampaignWindow(campaignWindow.days(), campaignWindow.start(),
                            campaignWindow.end(), campaignWindow.timeZone(), campaignWindow.mode()),
                    urgency == null ? null : new Urgency(urgency.reason() == null ? null : urgency.reason().strip()),
                    Boolean.TRUE.equals(subscriberMayOptOut));
        }
    }

    /**
     * The ISV's window for the campaign: days (none: every day), local start and end ("02:00", or with
     * seconds), a zone (none: each org's own), and whether it narrows or replaces each org's window.
     */
    record CampaignWindowRequest(
            @Size(max = 7) Set<@NotNull DayOfWeek> days,
            @NotNull LocalTime start,
            @NotNull LocalTime end,
            @Size(max = 64) String timeZone,
            CampaignWindow.Mode mode) {
    }

    /** Why the campaign is urgent; subscribers read it in their notice. */
    record UrgencyRequest(@NotBlank @Size(max = Urgency.MAX_REASON) String reason) {
    }

    record BlackoutRequest(@NotNull Instant start, @NotNull Instant end, @Size(max = 200) String reason) {
    }

    /** Caps are optional; a cap that is given is at least 1. */
    record PacingRequest(
            @Positive Integer maxCommandsPerMinute,
            @Positive Integer maxInFlight,
            @Positive Integer maxInFlightPerInstance,
            @Positive Integer maxCommandsPerMinutePerInstance,
            @DurationMin(seconds = 1, message = "must be at least one second") Duration expectedUpgradeDuration) {

        Pacing toPacing() {
            return new Pacing(maxCommandsPerMinute, maxInFlight, maxInFlightPerInstance, maxCommandsPerMinutePerInstance,
                    expectedUpgradeDuration);
        }
    }

    /** Which statuses count as failures: FAILED, TIMED_OUT or both (the default). */
    enum CountedStatus {
        FAILED, TIMED_OUT
    }

    record GateRequest(
            @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal failureThresholdPercent,
            @NotNull @Min(0) Integer minimumFinished,
            Set<@NotNull CountedStatus> countedStatuses) {

        static final GateRule DEFAULT = new GateRule(BigDecimal.valueOf(5), 10, GateRule.COUNTABLE);

        GateRule toRule() {
            return new GateRule(failureThresholdPercent, minimumFinished, countedStatuses == null ? null
                    : countedStatuses.stream().map(s -> TargetState.valueOf(s.name())).collect(Collectors.toSet()));
        }
    }
}
