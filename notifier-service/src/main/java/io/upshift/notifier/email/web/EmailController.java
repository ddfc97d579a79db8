package io.upshift.notifier.email.web;

import io.upshift.notifier.api.BadRequestException;
import io.upshift.notifier.email.domain.EmailCount;
import io.upshift.notifier.email.domain.EmailQueue;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Where a campaign's emails stand: how many of each kind were sent, are waiting, failed or were suppressed. */
@RestController
class EmailController {

    private final EmailQueue queue;

    EmailController(EmailQueue queue) {
        this.queue = queue;
    }

    /** e.g. {@code {"campaignId": "…", "emails": {"advance-notice": {"SENT": 1990, "SUPPRESSED": 10}, …}}} */
    record CampaignEmails(String campaignId, Map<String, Map<String, Long>> emails) {
    }

    @GetMapping("/api/v1/campaigns/{campaignId}/emails")
    CampaignEmails emails(@PathVariable String campaignId) {
        try {
            UUID.fromString(campaignId);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("'" + campaignId.replaceAll("\\p{Cntrl}", "?") + "' is not a campaign id (a UUID)");
        }
        List<EmailCount> counts = queue.counts(campaignId);
        Map<String, Map<String, Long>> byKind = new TreeMap<>();
        for (EmailCount count : counts) {
            byKind.computeIfAbsent(count.kind().key(), k -> new TreeMap<>()).put(count.status().name(), count.count());
        }
        return new CampaignEmails(campaignId, byKind);
    }
}
