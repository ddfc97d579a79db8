package io.upshift.planner.inventory.web;

import io.upshift.planner.inventory.config.InventoryProperties;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.inventory.domain.OrgFilter;
import io.upshift.planner.inventory.domain.OrgSource;
import io.upshift.planner.inventory.domain.OrgStatus;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.inventory.domain.SubscriberOrg;
import io.upshift.planner.inventory.jdbc.OrgRepository;
import io.upshift.planner.shared.domain.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subscriber orgs: a filtered listing paged by org id (pass the answer's {@code next} as
 * {@code after} for the following page), one org with its installed packages, and its exclusion
 * from campaigns. Org ids are accepted in the 15- or the 18-character form.
 */
@RestController
@RequestMapping("/api/v1/orgs")
class OrgController {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final OrgRepository orgs;
    private final InventoryProperties.Orgs paging;

    OrgController(OrgRepository orgs, InventoryProperties properties) {
        this.orgs = orgs;
        this.paging = properties.orgs();
    }

    @GetMapping
    OrgPage list(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String instance,
            @RequestParam(required = false) Boolean excluded,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String packageId,
            @RequestParam(required = false) Boolean installed,
            @RequestParam(required = false) String versionAtLeast,
            @RequestParam(required = false) String versionBelow,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit) {
        int size = limit == null ? paging.defaultPageSize() : limit;
        if (size < 1 || size > paging.maxPageSize()) {
            throw new BadRequestException("limit", String.valueOf(limit), "must be between 1 and " + paging.maxPageSize());
        }
        OrgFilter filter;
        try {
            filter = new OrgFilter(
                    Params.optional("type", type, OrgType::parse),
                    Params.optional("status", status, OrgStatus::parse),
                    instance == null || instance.isBlank() ? null : instance.strip().toUpperCase(Locale.ROOT),
                    excluded,
                    Params.optional("source", source, text -> OrgSource.valueOf(text.strip().toUpperCase(Locale.ROOT))),
                    packageId == null || packageId.isBlank() ? null : Params.packageId(packageId),
                    installed,
                    Params.optional("versionAtLeast", versionAtLeast, PackageVersionNumber::parse),
                    Params.optional("versionBelow", versionBelow, PackageVersionNumber::parse));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("packageId", packageId, e.getMessage());
        }
        String from = after == null || after.isBlank() ? null : Params.orgId("after", after);
        // one extra row tells whether there is a next page without a count over the whole fleet
        List<SubscriberOrg> page = orgs.list(filter, from, size + 1);
        boolean more = page.size() > size;
        List<SubscriberOrg> items = more ? page.subList(0, size) : page;
        return new OrgPage(items.stream().map(OrgBody::of).toList(), more ? items.getLast().orgId() : null, size);
    }

    @GetMapping("/{orgId}")
    OrgBody get(@PathVariable String orgId) {
        String id = Params.orgId("orgId", orgId);
        return OrgBody.of(orgs.find(id).orElseThrow(() -> new NotFoundException("org", id)));
    }

    @PutMapping("/{orgId}/exclusion")
    OrgBody setExclusion(@PathVariable String orgId, @Valid @RequestBody Exclusion body) {
        return exclusion(orgId, body.excluded(), body.excluded() ? body.note() : null);
    }

    @DeleteMapping("/{orgId}/exclusion")
    OrgBody include(@PathVariable String orgId) {
        return exclusion(orgId, false, null);
    }

    private OrgBody exclusion(String orgId, boolean excluded, String note) {
        String id = Params.orgId("orgId", orgId);
        if (!orgs.setExclusion(id, excluded, note == null || note.isBlank() ? null : note.strip())) {
            throw new NotFoundException("org", id);
        }
        return get(id);
    }

    /** @param note why (shown to the release manager), kept only while excluded */
    record Exclusion(@NotNull Boolean excluded, @Size(max = 1000) String note) {
    }

    /** @param next pass as {@code after} to read the next page; null on the last page */
    record OrgPage(List<OrgBody> items, String next, int limit) {
    }

    record OrgBody(String orgId, String orgName, OrgType orgType, OrgStatus status, String instance, String timeZone,
            Window maintenanceWindow, String locale, List<String> adminEmails, boolean excluded, String excludedNote,
            OrgSource source, Instant updatedAt, List<Installed> installedPackages) {

        static OrgBody of(SubscriberOrg org) {
            MaintenanceWindow window = org.window();
            return new OrgBody(org.orgId(), org.orgName(), org.orgType(), org.status(), org.instance(), org.timeZone(),
                    window == null ? null : new Window(window.dayNames(), HH_MM.format(window.start()),
                            HH_MM.format(window.end()), window.isAlwaysOpen()),
                    org.locale(), org.adminEmails(), org.excluded(), org.excludedNote(), org.source(), org.updatedAt(),
                    org.installed().stream().map(p -> new Installed(p.packageId(), p.packageName(),
                            p.version() == null ? null : p.version().toString(), p.beta(), p.installed(),
                            p.updatedAt())).toList());
        }
    }

    /** @param end not after start: the window runs past midnight; equal to start: 24 hours */
    record Window(List<String> days, String start, String end, boolean alwaysOpen) {
    }

    /**
     * @param installed false once the package was seen uninstalled; the version is then the last one known
     *     (none for an org imported for the package without having it)
     */
    record Installed(String packageId, String packageName, String version, boolean beta, boolean installed,
            Instant updatedAt) {
    }
}
