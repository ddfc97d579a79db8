package io.upshift.planner.operations.web;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.TargetQueries;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.operations.CampaignControls;
import io.upshift.planner.operations.CampaignDrafts;
import io.upshift.planner.operations.CampaignScheduling;
import io.upshift.planner.operations.web.CampaignViews.CampaignSummary;
import io.upshift.planner.operations.web.CampaignViews.CampaignView;
import io.upshift.planner.operations.web.CampaignViews.Page;
import io.upshift.planner.operations.web.CampaignViews.TargetView;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.shared.domain.InvalidInputException;
import io.upshift.schemas.OrgIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Campaign definitions and where each campaign stands: {@code /api/v1/campaigns}. */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignController {

    private final CampaignDrafts campaigns;
    private final CampaignScheduling scheduling;
    private final CampaignControls controls;
    private final TransactionTemplate readOnly;
    private final CampaignStore store;
    private final WaveStore waves;
    private final TargetQueries targets;
    private final PlanningProperties planning;
    private final DispatchProperties dispatch;
    private final JsonMapper json;

    CampaignController(CampaignDrafts campaigns, CampaignScheduling scheduling, CampaignControls controls,
            CampaignStore store, WaveStore waves, TargetQueries targets, PlanningProperties planning,
            DispatchProperties dispatch, JsonMapper json, PlatformTransactionManager transactionManager) {
        this.dispatch = dispatch;
        this.campaigns = campaigns;
        this.scheduling = scheduling;
        this.controls = controls;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.store = store;
        this.waves = waves;
        this.targets = targets;
        this.planning = planning;
        this.json = json;
    }

    /** Creates a DRAFT campaign; its creator is the caller. */
    @PostMapping
    ResponseEntity<CampaignView> create(@Valid @RequestBody CampaignRequest request, Principal caller) {
        Campaign campaign = campaigns.create(request.toSpec(planning.defaultNoticePeriod(), caller.getName()));
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id())).eTag(ETags.of(campaign))
                .body(view(campaign));
    }

    /** Campaigns, newest first, optionally of one state or package. */
    @GetMapping
    List<CampaignSummary> list(@RequestParam(required = false) CampaignState state,
            @RequestParam(required = false) String packageId,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return campaigns.list(state, packageId, offset, limit).stream().map(CampaignViews::summary).toList();
    }

    /** A campaign's status: its definition, state, counts per state and per wave. */
    @GetMapping("/{id}")
    ResponseEntity<CampaignView> get(@PathVariable UUID id) {
        Campaign campaign = campaigns.get(id);
        return ResponseEntity.ok().eTag(ETags.of(campaign)).body(view(campaign));
    }

    /** Replaces the definition of a DRAFT campaign (its creator stays); send the ETag you read as If-Match. */
    @PutMapping("/{id}")
    ResponseEntity<CampaignView> replace(@PathVariable UUID id, @Valid @RequestBody CampaignRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Campaign campaign = campaigns.replace(id, request.toSpec(planning.defaultNoticePeriod(), null),
                ETags.version(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(campaign)).body(view(campaign));
    }

    /**
     * DRAFT → SCHEDULED: plans windows and sends every org its advance notice; the caller is recorded
     * as who scheduled it (four eyes). 422 when a window would start inside the notice period or no
     * org is eligible; 409 from any other state.
     */
    @PostMapping("/{id}/schedule")
    ResponseEntity<CampaignView> schedule(@PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Principal caller) {
        return answer(scheduling.schedule(id, ETags.version(ifMatch), caller.getName()));
    }

    /** RUNNING → PAUSED: nothing new is released; orgs in flight finish. SCHEDULED → PAUSED: it does not start. */
    @PostMapping("/{id}/pause")
    ResponseEntity<CampaignView> pause(@PathVariable UUID id, @Valid @RequestBody(required = false) ActionRequests.Reason body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return answer(controls.pause(id, ETags.version(ifMatch), body == null ? null : body.reason()));
    }

    /**
     * PAUSED or HALTED → RUNNING (SCHEDULED for a campaign paused before it started); a halted wave's
     * gate judges only what finishes from now on.
     */
    @PostMapping("/{id}/resume")
    ResponseEntity<CampaignView> resume(@PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return answer(controls.resume(id, ETags.version(ifMatch)));
    }

    /** → CANCELED: orgs not released yet are canceled and told so; released ones finish. */
    @PostMapping("/{id}/cancel")
    ResponseEntity<CampaignView> cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) ActionRequests.Reason body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return answer(controls.cancel(id, ETags.version(ifMatch), body == null ? null : body.reason()));
    }

    /**
     * Starts the wave that waits for approval; the approver is the caller. 403 when the caller
     * created or scheduled the campaign and the wave is its first production wave (four eyes).
     */
    @PostMapping("/{id}/approve")
    ResponseEntity<CampaignView> approve(@PathVariable UUID id, @Valid @RequestBody(required = false) ActionRequests.Approve body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Principal caller) {
        return answer(controls.approve(id, ETags.version(ifMatch), body == null ? null : body.wave(), caller.getName()));
    }

    /**
     * Puts FAILED and TIMED_OUT orgs back in line: a new window no sooner than the notice period, a
     * notice, then a new command (next attempt). A COMPLETED campaign runs again for them.
     */
    @PostMapping("/{id}/retry-failed")
    ResponseEntity<ActionRequests.Retried> retryFailed(@PathVariable UUID id,
            @Valid @RequestBody(required = false) ActionRequests.Retry body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        CampaignControls.Retried retried = controls.retry(id, ETags.version(ifMatch),
                body == null ? new CampaignControls.RetrySelection(null, null, null) : body.selection());
        return ResponseEntity.ok().eTag(ETags.of(retried.campaign()))
                .body(new ActionRequests.Retried(retried.retried(), view(retried.campaign())));
    }

    /**
     * Removes one org from a scheduled or running campaign, with a reason: a waiting org ends CANCELED
     * and its subscriber is told; the command of a released one is canceled by the executor if it has
     * not started (see {@link CampaignControls#remove}). 409 for an org that finished already.
     */
    @PostMapping("/{id}/orgs/{orgId}/remove")
    ResponseEntity<CampaignView> removeOrg(@PathVariable UUID id, @PathVariable String orgId,
            @Valid @RequestBody ActionRequests.Removal body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Principal caller) {
        String org = OrgIds.normalize(orgId).orElseThrow(() -> new InvalidInputException("orgId",
                OrgIds.problem(orgId).orElse("is not an org id")));
        return answer(controls.remove(id, ETags.version(ifMatch), org, body.reason(), caller.getName()));
    }

    /** Every org of the campaign with its result, as CSV (streamed). */
    @GetMapping(value = "/{id}/results.csv", produces = "text/csv")
    ResponseEntity<StreamingResponseBody> results(@PathVariable UUID id) {
        Campaign campaign = campaigns.get(id);
        StreamingResponseBody body = out -> {
            try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                writer.write(ResultsCsv.HEADER);
                // in a transaction, so PostgreSQL streams the rows with a cursor instead of sending them all at once
                readOnly.executeWithoutResult(status -> targets.forEach(id, t -> ResultsCsv.write(writer, t)));
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("campaign-" + campaign.id() + "-results.csv").build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(body);
    }

    ResponseEntity<CampaignView> answer(Campaign campaign) {
        return ResponseEntity.ok().eTag(ETags.of(campaign)).body(view(campaign));
    }

    /**
     * The orgs of a scheduled campaign, by org id, optionally of one state, wave, instance or error code,
     * or whose org id or name starts with {@code search}.
     */
    @GetMapping("/{id}/orgs")
    Page<TargetView> orgs(@PathVariable UUID id, @RequestParam(required = false) TargetState state,
            @RequestParam(required = false) Integer wave, @RequestParam(required = false) String instance,
            @RequestParam(required = false) @Size(max = 80) String search,
            @RequestParam(required = false) @Size(max = 120) String errorCode,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        campaigns.get(id);
        List<TargetView> page = targets.page(id, state, wave, instance, blankToNull(search), blankToNull(errorCode),
                after, limit).stream()
                .map(CampaignViews::target).toList();
        return new Page<>(page, page.size() < limit ? null : page.getLast().orgId());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    CampaignView view(Campaign campaign) {
        Object plan = store.planSummary(campaign.id()).map(text -> (Object) json.readValue(text, JsonNode.class))
                .orElse(null);
        CampaignViews.DeadlineFacts deadline = campaign.spec().schedule().deadline() == null
                ? CampaignViews.DeadlineFacts.NONE
                : new CampaignViews.DeadlineFacts(store.deadlineWatch(campaign.id()), store.canceledAtDeadline(campaign.id()));
        List<Wave> current = waves.list(campaign.id());
        return CampaignViews.view(campaign, targets.countByState(campaign.id(), current), current, plan,
                dispatch.defaultMaxInFlight(), deadline);
    }
}
