package io.upshift.security.audit.web;

import io.upshift.security.audit.domain.AuditEntry;
import io.upshift.security.audit.domain.AuditLog;
import java.time.Instant;
import java.util.List;

/** Pages of the audit trail as the API shows them; services use it for their own views (a campaign's trail). */
public final class AuditPages {

    private AuditPages() {
    }

    /** One page, newest first; {@code next} is the {@code before} of the following page, null at the end. */
    public static Page page(AuditLog audit, AuditLog.Query query) {
        List<AuditEntry> entries = audit.find(query);
        List<EntryView> items = entries.stream().map(AuditPages::view).toList();
        return new Page(items, entries.size() < query.limit() ? null : entries.getLast().id());
    }

    static EntryView view(AuditEntry e) {
        return new EntryView(e.id(), e.at(), e.principal(), e.authentication(), e.method(), e.route(), e.path(),
                e.resource(), e.targetId(), e.remoteAddress(), e.status());
    }

    public record EntryView(long id, Instant at, String principal, AuditEntry.Authentication authentication,
            String method, String route, String path, String resource, String targetId, String remoteAddress,
            int status) {
    }

    public record Page(List<EntryView> items, Long next) {
    }
}
