package io.upshift.planner.inventory.web;

import io.upshift.planner.inventory.domain.ImportReport;
import io.upshift.planner.inventory.importing.OrgImporter;
import io.upshift.planner.inventory.salesforce.PackageSubscriberSync;
import io.upshift.planner.inventory.simulated.SimulatedFleetLoader;
import io.upshift.planner.inventory.simulated.SimulatedFleetSpec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Adds subscriber orgs of a package to the inventory: an uploaded Salesforce CLI org file or
 * headered CSV (as the request body, or as the {@code file} part of a form), a simulated fleet, or
 * Salesforce's PackageSubscriber object.
 * The answer counts what was inserted, updated, left unchanged and rejected.
 */
@RestController
class OrgImportController {

    private final OrgImporter importer;
    private final SimulatedFleetLoader simulated;
    private final PackageSubscriberSync salesforce;

    OrgImportController(OrgImporter importer, SimulatedFleetLoader simulated, PackageSubscriberSync salesforce) {
        this.importer = importer;
        this.simulated = simulated;
        this.salesforce = salesforce;
    }

    @PostMapping(path = "/api/v1/packages/{packageId}/subscribers/import",
            consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ImportAnswer importBody(@PathVariable String packageId, @RequestParam(defaultValue = "false") boolean partial,
            HttpServletRequest request) throws IOException {
        String id = Params.packageId(packageId);
        try (InputStream body = request.getInputStream()) {
            ImportReport report = importer.importFile(id, body, request.getContentLengthLong(), partial);
            return ImportAnswer.of(id, partial, report);
        }
    }

    @PostMapping(path = "/api/v1/packages/{packageId}/subscribers/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportAnswer importForm(@PathVariable String packageId, @RequestParam(defaultValue = "false") boolean partial,
            @RequestPart("file") MultipartFile file) throws IOException {
        String id = Params.packageId(packageId);
        try (InputStream body = file.getInputStream()) {
            ImportReport report = importer.importFile(id, body, file.getSize(), partial);
            return ImportAnswer.of(id, partial, report);
        }
    }

    @PostMapping(path = "/api/v1/packages/{packageId}/subscribers/simulated", consumes = MediaType.APPLICATION_JSON_VALUE)
    ImportAnswer simulate(@PathVariable String packageId, @Valid @RequestBody SimulatedFleetBody body) {
        String id = Params.packageId(packageId);
        ImportReport report = simulated.load(id, new SimulatedFleetSpec(body.count(), body.seed(), body.sandboxShare(),
                body.statusWeights(), body.installedVersions(), body.betaVersion(), body.betaShare(),
                body.notInstalledShare(), body.windowMode(), body.pushBlockedShare()));
        return ImportAnswer.of(id, false, report);
    }

    /**
     * Reads the package's subscribers from Salesforce's PackageSubscriber object. Partial by default:
     * a subscriber on a version Upshift does not know is reported and the others are stored.
     */
    @PostMapping("/api/v1/packages/{packageId}/subscribers/sync")
    ImportAnswer sync(@PathVariable String packageId, @RequestParam(defaultValue = "true") boolean partial) {
        String id = Params.packageId(packageId);
        return ImportAnswer.of(id, partial, salesforce.sync(id, partial));
    }

    /** The simulated fleet asked for; see {@link SimulatedFleetSpec} for the defaults. */
    record SimulatedFleetBody(
            @NotNull @Min(1) Long count,
            Long seed,
            @DecimalMin("0") @DecimalMax("1") Double sandboxShare,
            Map<String, @NotNull @Min(0) Integer> statusWeights,
            Map<String, @NotNull @Min(0) Integer> installedVersions,
            String betaVersion,
            @DecimalMin("0") @DecimalMax("1") Double betaShare,
            @DecimalMin("0") @DecimalMax("1") Double notInstalledShare,
            String windowMode,
            @DecimalMin("0") @DecimalMax("1") Double pushBlockedShare) {
    }
}
