package io.upshift.planner.operations.web;

import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.operations.CampaignControls.RetrySelection;
import io.upshift.schemas.OrgIds;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The optional bodies of the lifecycle calls. */
final class ActionRequests {

    private ActionRequests() {
    }

    /** Pause or cancel, with a note for the record and for subscribers' reports. */
    record Reason(@Size(max = 500) String reason) {
    }

    /** Removing one org from a campaign: why, for the record, the org's result and its subscriber. */
    record Removal(@NotBlank @Size(max = 500) String reason) {
    }

    /**
     * @param wave the wave the caller means to approve (refused with 409 if another one is waiting)
     * @param approvedBy accepted for clients written before authentication, and ignored: the approver is
     *                   the authenticated caller
     */
    record Approve(@Positive Integer wave, @Deprecated @Size(max = 200) String approvedBy) {
    }

    enum RetryStatus {
        FAILED, TIMED_OUT
    }

    /** Which orgs to retry; all FAILED and TIMED_OUT ones when empty. */
    record Retry(Set<@NotNull RetryStatus> statuses, @Positive Integer wave,
            @Size(max = 1_000_000) List<@NotNull @OrgId String> orgIds) {

        RetrySelection selection() {
            return new RetrySelection(statuses == null ? null
                    : statuses.stream().map(s -> TargetState.valueOf(s.name())).collect(Collectors.toSet()),
                    wave, orgIds == null ? null : orgIds.stream().map(id -> OrgIds.normalize(id).orElseThrow()).toList());
        }
    }

    /** The answer to a retry: how many orgs went back in line, and the campaign. */
    record Retried(int retried, CampaignViews.CampaignView campaign) {
    }
}
