package io.upshift.planner.train.web;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.shared.domain.SalesforceIds;
import io.upshift.planner.train.ReleaseTrains;
import io.upshift.planner.train.ReleaseTrains.TierStatus;
import io.upshift.planner.train.ReleaseTrains.TrainStatus;
import io.upshift.planner.train.TrainPreview;
import io.upshift.planner.train.domain.Requirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Release trains: {@code /api/v1/trains}. A train's tiers are campaigns (each readable and controllable
 * at {@code /api/v1/campaigns/{campaignId}} too); the train's calls act on all of them at once.
 */
@RestController
@RequestMapping("/api/v1/trains")
class TrainController {

    private final ReleaseTrains trains;
    private final TrainPreview previews;
    private final PlanningProperties planning;

    TrainController(ReleaseTrains trains, TrainPreview previews, PlanningProperties planning) {
        this.trains = trains;
        this.previews = previews;
        this.planning = planning;
    }

    /** Creates a DRAFT train with a DRAFT campaign per tier; its creator (and each campaign's) is the caller. */
    @PostMapping
    ResponseEntity<TrainView> create(@Valid @RequestBody TrainRequest request, Principal caller) {
        List<ReleaseTrains.TierRequest> tiers = request.tiers().stream().map(t -> new ReleaseTrains.TierRequest(
                t.campaign().toSpec(planning.defaultNoticePeriod(), caller.getName()),
                t.requires() == null ? null : new Requirement(
                        SalesforceIds.normalize(t.requires().packageId(), SalesforceIds.PACKAGE_PREFIX, "requires.packageId"),
                        PackageVersionNumber.parseLenient(t.requires().minimumVersion()).orElseThrow()))).toList();
        TrainStatus train = trains.create(request.name().strip(), tiers, caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/trains/" + train.train().id())).body(view(train));
    }

    /** Trains, newest first. */
    @GetMapping
    List<TrainView> list(@RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return trains.list(offset, limit).stream().map(TrainController::view).toList();
    }

    /** A train: its state (read from its tiers) and each tier's campaign, counts and dependency skips. */
    @GetMapping("/{id}")
    TrainView get(@PathVariable UUID id) {
        return view(trains.get(id));
    }

    /** What scheduling the DRAFT train now would plan: each tier's waves, and per dependent tier where its orgs' base stands. */
    @GetMapping("/{id}/preview")
    TrainPreview.Preview preview(@PathVariable UUID id) {
        return previews.preview(id);
    }

    /** DRAFT → SCHEDULED for every tier, in one transaction; the caller is who scheduled each (four eyes). */
    @PostMapping("/{id}/schedule")
    TrainView schedule(@PathVariable UUID id, Principal caller) {
        return view(trains.schedule(id, caller.getName()));
    }

    @PostMapping("/{id}/pause")
    TrainView pause(@PathVariable UUID id, @Valid @RequestBody(required = false) ReasonRequest body) {
        return view(trains.pause(id, body == null ? null : body.reason()));
    }

    /** Resumes every paused or halted tier, base tiers first. */
    @PostMapping("/{id}/resume")
    TrainView resume(@PathVariable UUID id) {
        return view(trains.resume(id));
    }

    @PostMapping("/{id}/cancel")
    TrainView cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) ReasonRequest body) {
        return view(trains.cancel(id, body == null ? null : body.reason()));
    }

    /**
     * Approves every tier's wave that waits for approval; the approver is the caller. 403 (nothing
     * approved) when the caller created or scheduled the train and a waiting wave is a first production wave.
     */
    @PostMapping("/{id}/approve")
    TrainView approve(@PathVariable UUID id, Principal caller) {
        return view(trains.approve(id, caller.getName()));
    }

    record ReasonRequest(@jakarta.validation.constraints.Size(max = 500) String reason) {
    }

    /**
     * @param state read from the tiers: HALTED when any tier is, else RUNNING, PAUSED, SCHEDULED, DRAFT; COMPLETED
     *        or CANCELED once every tier is finished
     */
    record TrainView(UUID trainId, String name, CampaignState state, String createdBy, Instant createdAt,
            List<TierView> tiers) {
    }

    /**
     * @param requires what the tier needs (null: nothing), with the tier that provides it
     * @param dependencyNotMet orgs of the tier canceled (DependencyNotMet) because their base could not be met
     */
    record TierView(int position, UUID campaignId, String name, String packageId, String packageName,
            String targetVersion, CampaignState state, String stateReason, RequiresView requires, WaveCounts counts,
            int dependencyNotMet) {
    }

    record RequiresView(String packageId, String minimumVersion, UUID campaignId) {
    }

    static TrainView view(TrainStatus train) {
        return new TrainView(train.train().id(), train.train().name(), train.state(), train.train().createdBy(),
                train.train().createdAt(), train.tiers().stream().map(TrainController::tier).toList());
    }

    private static TierView tier(TierStatus t) {
        Campaign c = t.campaign();
        Requirement r = t.tier().requires();
        return new TierView(t.tier().position(), c.id(), c.spec().name(), c.spec().packageId(), c.packageName(),
                c.spec().targetVersion(), c.state(), c.stateReason(),
                r == null ? null : new RequiresView(r.packageId(), r.minimum().toString(), t.tier().requiresCampaignId()),
                t.counts(), t.dependencyNotMet());
    }
}
