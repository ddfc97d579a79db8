package io.upshift.planner.operations.web;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.inventory.domain.ImportRejectedException;
import io.upshift.planner.inventory.domain.OrgIdList;
import io.upshift.planner.inventory.domain.RowError;
import io.upshift.planner.inventory.importing.OrgImporter;
import io.upshift.planner.operations.CampaignDrafts;
import io.upshift.planner.shared.domain.UnprocessableException;
import io.upshift.planner.shared.domain.UnprocessableException.Reason;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sets a DRAFT campaign's {@code selection.orgIds} from an uploaded Salesforce CLI org file or the
 * headered CSV the import takes, read by the import's own reader with its per-line problems. Like
 * the import, one bad line refuses the whole file (422, the selection unchanged) unless
 * {@code ?partial=true}: then the good ids are selected and the answer lists the bad lines.
 */
@RestController
class CampaignSelectionController {

    private final OrgImporter reader;
    private final CampaignDrafts campaigns;

    CampaignSelectionController(OrgImporter reader, CampaignDrafts campaigns) {
        this.reader = reader;
        this.campaigns = campaigns;
    }

    @PostMapping(path = "/api/v1/campaigns/{id}/selection",
            consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<SelectionAnswer> select(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean partial,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, HttpServletRequest request)
            throws IOException {
        OrgIdList file;
        try (InputStream body = request.getInputStream()) {
            file = reader.readOrgIds(body, request.getContentLengthLong());
        }
        if (file.rejected() > 0 && !partial) {
            throw new ImportRejectedException(file.asRejectedImport());
        }
        if (file.orgIds().isEmpty()) {
            // an empty list would select every org of the package: never from a file that failed
            throw new UnprocessableException("the file names no usable org id; the selection is unchanged",
                    List.of(Reason.of("file", "no line holds a usable org id")));
        }
        Campaign campaign = campaigns.selectOrgs(id, file.orgIds(), ETags.version(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(campaign)).body(new SelectionAnswer(id, file.format(), file.rows(),
                file.orgIds().size(), file.rejected(), file.errors(), file.errorsTruncated()));
    }

    /**
     * What the upload did.
     *
     * @param selected the org ids now in {@code selection.orgIds} (each once)
     * @param rejected lines that hold no usable org id, listed in {@code errors} (line, column, reason)
     */
    record SelectionAnswer(UUID campaignId, String format, long rows, int selected, long rejected,
            List<RowError> errors, boolean errorsTruncated) {
    }
}
