package io.upshift.security.audit.domain;

import java.time.Instant;
import java.util.List;

/** The audit trail: written once per state-changing call, read newest first. */
public interface AuditLog {

    /** Stores an entry; its {@code id} is ignored and assigned by the log. */
    void record(AuditEntry entry);

    /** Entries matching every given filter, newest first, at most {@code limit}, all older than entry {@code before}. */
    List<AuditEntry> find(Query query);

    /**
     * Filters; null means "any".
     *
     * @param before only entries with a smaller id (the {@code next} of the previous page)
     */
    record Query(String resource, String targetId, String principal, Instant from, Instant to, Long before, int limit) {
    }
}
