package io.upshift.planner.train.web;

import io.upshift.planner.operations.web.CampaignRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/v1/trains}: the tiers in the order they run, each the body of
 * {@code POST /api/v1/campaigns} and, for a tier that needs an earlier one, its requirement.
 */
record TrainRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(min = 2, max = 10) List<@NotNull @Valid TierRequest> tiers) {

    /**
     * @param campaign the tier's campaign, as {@code POST /api/v1/campaigns} takes it
     * @param requires what the tier's package needs in each org (null: nothing)
     */
    record TierRequest(@NotNull @Valid CampaignRequest campaign, @Valid RequiresRequest requires) {
    }

    /**
     * "Billing Extras 2.0 needs Billing ≥ 4.2": the package of an earlier tier and the least version of it.
     */
    record RequiresRequest(
            @NotBlank @Pattern(regexp = "033[A-Za-z0-9]{12}([A-Za-z0-9]{3})?",
                    message = "must be a package id: 033 and 12 or 15 more letters or digits") String packageId,
            @NotBlank @Pattern(regexp = "\\d{1,9}\\.\\d{1,9}(\\.\\d{1,9}){0,2}",
                    message = "must be a version number like 4.2.0") String minimumVersion) {
    }
}
