package io.upshift.security.audit.web;

import io.upshift.security.audit.domain.AuditLog;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The whole audit trail, for administrators: {@code GET /api/v1/audit}, newest first, filtered and paged. */
@RestController
public class AuditController {

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param resource e.g. {@code campaigns}, {@code packages}, {@code api-keys}
     * @param targetId the item of the resource (a campaign id…)
     * @param principal who called
     * @param from entries at or after this instant
     * @param to entries before this instant
     * @param before the {@code next} of the previous page
     */
    @GetMapping("/api/v1/audit")
    AuditPages.Page find(@RequestParam(required = false) String resource,
            @RequestParam(required = false) String targetId, @RequestParam(required = false) String principal,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return AuditPages.page(audit, new AuditLog.Query(resource, targetId, principal, from, to, before, limit));
    }
}
