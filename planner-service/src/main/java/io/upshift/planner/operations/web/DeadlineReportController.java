package io.upshift.planner.operations.web;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.operations.CampaignDrafts;
import io.upshift.planner.operations.domain.DeadlineTally;
import io.upshift.planner.operations.jdbc.DeadlineReportQuery;
import io.upshift.planner.shared.domain.ConflictException;
import io.upshift.planner.shared.domain.InvalidInputException;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deadline report (issue #25): for every selected org of a scheduled campaign, upgraded by the
 * deadline or why not. JSON counts by default; one line per org as CSV with {@code Accept: text/csv} or
 * {@code ?format=csv}, streamed. Without a deadline the report is by the campaign's end. A DRAFT has no
 * report (409): what it would do is its preview.
 *
 * <p>One method serves both forms: two mappings told apart by {@code produces} would be ambiguous for
 * {@code Accept: *}{@code /*}, and JSON must stay the default.
 */
@RestController
@RequestMapping("/api/v1/campaigns/{id}/deadline-report")
class DeadlineReportController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final CampaignDrafts campaigns;
    private final DeadlineReportQuery query;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate readOnly;

    DeadlineReportController(CampaignDrafts campaigns, DeadlineReportQuery query, JsonMapper json, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.campaigns = campaigns;
        this.query = query;
        this.json = json;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        // the targets' and the exclusions' counts are two statements: one snapshot, so they add up
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @GetMapping
    ResponseEntity<StreamingResponseBody> report(@PathVariable UUID id, @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = wantsCsv(format, accept);
        Campaign campaign = campaigns.get(id);
        if (campaign.state() == CampaignState.DRAFT) {
            throw new ConflictException("campaign " + id + " is not scheduled: see the preview (GET /api/v1/campaigns/"
                    + id + "/preview and /preview/exclusions) for what scheduling it would plan", campaign.state().name());
        }
        Instant deadline = campaign.spec().schedule().deadline();
        if (csv) {
            return csv(campaign, deadline);
        }
        byte[] body = json.writeValueAsBytes(readOnly.execute(status -> view(campaign, deadline)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> out.write(body));
    }

    private ResponseEntity<StreamingResponseBody> csv(Campaign campaign, Instant deadline) {
        StreamingResponseBody body = out -> {
            try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                writer.write(DeadlineReportCsv.HEADER);
                // in a transaction, so PostgreSQL streams the rows with a cursor instead of sending them all at once
                readOnly.executeWithoutResult(status -> query.forEach(campaign.id(), deadline,
                        row -> DeadlineReportCsv.write(writer, row)));
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("campaign-" + campaign.id() + "-deadline-report.csv").build().toString())
                .contentType(CSV).body(body);
    }

    private DeadlineReportView view(Campaign campaign, Instant deadline) {
        DeadlineReportQuery.Counts counts = query.counts(campaign.id(), deadline);
        DeadlineTally tally = counts.tally();
        Instant now = clock.instant();
        Map<String, Long> outcomes = new LinkedHashMap<>();
        tally.outcomes().forEach((outcome, n) -> outcomes.put(outcome.name(), n));
        Map<String, Map<String, Long>> reasons = new LinkedHashMap<>();
        tally.reasons().forEach((outcome, byReason) -> reasons.put(outcome.name(), byReason));
        return new DeadlineReportView(campaign.id(), campaign.spec().name(), campaign.state().name(), deadline,
                deadline == null ? "CAMPAIGN_END" : "DEADLINE", now, deadline != null && !now.isBefore(deadline),
                campaign.state().isFinal(), tally.allMeetDeadline(), tally.total(), tally.targets(),
                tally.exclusions(), counts.notSelected(), outcomes, reasons);
    }

    /**
     * CSV when asked by {@code format}, else when the Accept header names text/csv explicitly and prefers it
     * to application/json (first named wins a tie); wildcards and anything unreadable get the JSON default.
     */
    static boolean wantsCsv(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidInputException("format", "is csv or json, not " + format);
            };
        }
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        MediaType best = null;
        for (MediaType type : types) {
            boolean named = MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type) || CSV.equalsTypeAndSubtype(type);
            if (named && type.getQualityValue() > 0 && (best == null || type.getQualityValue() > best.getQualityValue())) {
                best = type;
            }
        }
        return best != null && CSV.equalsTypeAndSubtype(best);
    }

    /**
     * The deadline report's answer.
     *
     * @param deadline the campaign's deadline; null: the report is by the campaign's end ({@code measuredAgainst})
     * @param asOf when the report was read: until the campaign is complete, orgs may still be IN_PROGRESS
     * @param complete whether the campaign has finished (COMPLETED or CANCELED)
     * @param allUpgradedBeforeDeadline every selected org UPGRADED (by the deadline) or ALREADY_ON_TARGET
     * @param total the selected orgs: {@code targets + exclusions}, each counted in exactly one outcome
     * @param exclusions orgs scheduling excluded with a reason, NOT_SELECTED ones left out
     * @param notSelected orgs of the package the selection left out (NOT_SELECTED): not selected, so not in the total
     * @param outcomes every outcome with its count, zeros included
     * @param reasons for FAILED, TIMED_OUT (error code), CANCELED (NOT_REACHED, BLOCKED, NO_WINDOW…),
     *        EXCLUDED (exclusion reason), ALREADY_ON_TARGET (SKIPPED or EXCLUDED) and IN_PROGRESS
     *        (WAITING or DISPATCHED): the counts by reason
     */
    record DeadlineReportView(UUID campaignId, String campaignName, String campaignState, Instant deadline,
            String measuredAgainst, Instant asOf, boolean deadlinePassed, boolean complete,
            boolean allUpgradedBeforeDeadline, long total, long targets, long exclusions, long notSelected,
            Map<String, Long> outcomes, Map<String, Map<String, Long>> reasons) {
    }
}
