package io.upshift.notifier.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.email.domain.ReportFacts;
import io.upshift.notifier.report.domain.ApprovalLink;
import io.upshift.notifier.report.domain.CampaignEventFacts;
import io.upshift.notifier.report.domain.CampaignEventFacts.Type;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WebhookMessagesTest {

    private static final Instant AT = Instant.parse("2026-05-08T10:00:00Z");
    private static final String CAMPAIGN = "5b8f7c1e-0000-4000-8000-000000000020";
    private static final ReportFacts.Counts WAVE = new ReportFacts.Counts(100, 0, 0, 88, 12, 0, 0, 0);
    private static final ReportFacts.Counts ALL = new ReportFacts.Counts(1000, 800, 0, 180, 20, 0, 0, 0);
    private final Webhook slack = new Webhook("slack", "https://hooks.example/x", "s", Set.of(Type.values()), Set.of());

    @Test
    void theBodyCarriesTheIdempotencyKeyTheCampaignTheWaveTheCountsAndTheTime() {
        CampaignEventFacts event = event(Type.WAVE_PASSED, 2, WAVE, "failure rate 1.0 % within 5 %");
        Map<String, Object> body = new WebhookMessages(new ApprovalLink(null)).body(slack, event, null);

        assertThat(body).containsEntry("id", "ev-1/slack").containsEntry("type", "WAVE_PASSED")
                .containsEntry("campaignId", CAMPAIGN).containsEntry("campaignName", "Spring release")
                .containsEntry("packageName", "Invoice Manager").containsEntry("targetVersion", "4.2.1")
                .containsEntry("wave", 2).containsEntry("reason", "failure rate 1.0 % within 5 %")
                .containsEntry("at", "2026-05-08T10:00:00Z").doesNotContainKey("approveUrl");
        assertThat(body.keySet()).startsWith("id", "type").endsWith("text");
        assertThat(JsonMapper.builder().build().writeValueAsString(body))
                .contains("\"counts\":{\"total\":100,\"pending\":0,\"dispatched\":0,\"succeeded\":88,\"failed\":12,");
        assertThat(body.get("text")).isEqualTo(":white_check_mark: *Spring release* (Invoice Manager 4.2.1): wave 2 "
                + "passed — 88 succeeded, 12 failed, 0 timed out, 0 skipped of 100.");
    }

    @Test
    void aHaltGivesTheHaltedWavesCountsBesideTheCampaignsAndTheGatesReason() {
        CampaignEventFacts event = event(Type.HALTED, 2, ALL, "wave 2: failure rate 12.0 % above 5.0 %");
        Map<String, Object> body = new WebhookMessages(new ApprovalLink(null)).body(slack, event, WAVE);

        assertThat(body).containsKey("waveCounts");
        assertThat(((Map<?, ?>) body.get("waveCounts")).get("failed")).isEqualTo(12);
        assertThat(((Map<?, ?>) body.get("counts")).get("total")).isEqualTo(1000);
        assertThat(body.get("text")).isEqualTo(":octagonal_sign: *Spring release* (Invoice Manager 4.2.1) HALTED in "
                + "wave 2: wave 2: failure rate 12.0 % above 5.0 % (wave: 88 succeeded, 12 failed, 0 timed out, "
                + "0 skipped of 100).");
    }

    @Test
    void aWaitingWaveLinksToTheConsoleOrGivesTheApiCallWithoutOne() {
        CampaignEventFacts event = event(Type.WAVE_AWAITING_APPROVAL, 3, WAVE, "wave 3 waits for approval");
        Map<String, Object> withConsole = new WebhookMessages(new ApprovalLink("https://upshift.example"))
                .body(slack, event, null);
        assertThat(withConsole).containsEntry("approveUrl", "https://upshift.example/campaigns/" + CAMPAIGN)
                .containsEntry("approveCall", "POST /api/v1/campaigns/" + CAMPAIGN + "/approve");
        assertThat((String) withConsole.get("text")).contains("wave 3 (100 orgs) waits for approval")
                .endsWith("<https://upshift.example/campaigns/" + CAMPAIGN + "|Review and approve>");

        Map<String, Object> without = new WebhookMessages(new ApprovalLink(null)).body(slack, event, null);
        assertThat(without).containsEntry("approveUrl", null);
        assertThat((String) without.get("text")).endsWith("Approve: `POST /api/v1/campaigns/" + CAMPAIGN + "/approve`");
    }

    @Test
    void textFromTheEventCannotForgeSlackLinksOrMentions() {
        CampaignEventFacts event = new CampaignEventFacts("ev-1", CAMPAIGN, Type.CANCELED, null, null,
                "<!channel> see <https://evil.example|here> & more", AT, "R&D <b>", "Pkg", "1.0");
        String text = (String) new WebhookMessages(new ApprovalLink(null)).body(slack, event, null).get("text");
        assertThat(text).isEqualTo(":no_entry_sign: *R&amp;D &lt;b&gt;* (Pkg 1.0) was canceled: &lt;!channel&gt; see "
                + "&lt;https://evil.example|here&gt; &amp; more.");
    }

    @Test
    void aWebhookTakesOnlyItsEventsAndPackages() {
        Webhook halts = new Webhook("ops", "https://x.example", "s", Set.of(Type.HALTED), Set.of("Invoice Manager"));
        assertThat(halts.wants(event(Type.HALTED, 1, ALL, null))).isTrue();
        assertThat(halts.wants(event(Type.WAVE_PASSED, 1, ALL, null))).isFalse();
        assertThat(halts.wants(new CampaignEventFacts("e", CAMPAIGN, Type.HALTED, 1, null, null, AT, "c", "Other",
                "1"))).isFalse();
        assertThat(halts.toString()).doesNotContain("x.example");
    }

    private static CampaignEventFacts event(Type type, Integer wave, ReportFacts.Counts counts, String reason) {
        return new CampaignEventFacts("ev-1", CAMPAIGN, type, wave, counts, reason, AT, "Spring release",
                "Invoice Manager", "4.2.1");
    }
}
