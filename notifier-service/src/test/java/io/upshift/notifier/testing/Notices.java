package io.upshift.notifier.testing;

import io.upshift.notifier.subscriber.domain.Notice;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Example notices ("object mother") around a fixed instant. */
public final class Notices {

    /** A Monday morning in May: Berlin is on summer time (UTC+2). */
    public static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");
    public static final String CAMPAIGN = "5b8f7c1e-0000-4000-8000-000000000001";
    public static final String ORG = "00D000000000001EAA";
    /** Window on Friday 2026-05-08, 22:00–02:00 in Berlin = 20:00–00:00 UTC. */
    public static final Instant WINDOW_START = Instant.parse("2026-05-08T20:00:00Z");
    public static final Instant WINDOW_END = Instant.parse("2026-05-09T00:00:00Z");

    private Notices() {
    }

    public static Notice scheduled() {
        return notice("00000000-0000-4000-8000-00000000a001", Notice.Kind.SCHEDULED, WINDOW_START, WINDOW_END);
    }

    public static Notice notice(String noticeId, Notice.Kind kind, Instant start, Instant end) {
        return new Notice(noticeId, CAMPAIGN, ORG, kind, start, end, ZoneId.of("Europe/Berlin"), "4.2.1", "4.1.3",
                "https://example.com/release-notes/4.2.1", List.of("admin@acme.example", "ops@acme.example"),
                "Acme GmbH", "Invoice Manager", "support@isv.example", "de-DE");
    }
}
