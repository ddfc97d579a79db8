package io.upshift.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.NoticeKind;
import io.upshift.messages.SubscriberNotice;
import io.upshift.notifier.testing.Mailbox;
import io.upshift.notifier.testing.Records;
import io.upshift.schemas.Topics;
import io.upshift.security.testing.TestIssuer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The suppression list: its admin API and its effect at send time. */
class SuppressionIT extends NotifierIntegrationTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSuppressedAddressGetsNothingWhileTheOrgsOtherContactsStillDo() {
        String bounced = Records.newAddress("bounced");
        String fine = Records.newAddress("fine");
        assertThat(put(bounced, "{\"reason\":\"BOUNCED\",\"note\":\"550 mailbox unavailable\"}").statusCode())
                .isEqualTo(201);
        SubscriberNotice notice = Records.notice(UUID.randomUUID(), Records.newOrgId(), NoticeKind.SCHEDULED,
                Instant.parse("2030-05-10T20:00:00Z"), List.of(bounced.toUpperCase(), fine)).build();

        publish(Topics.SUBSCRIBER_NOTICES, notice.getOrgId(), notice);

        await().atMost(PATIENCE).until(() -> Mailbox.to(fine).size() == 1);
        assertThat(Mailbox.recipients(Mailbox.to(fine).getFirst())).containsExactly(fine);
        assertThat(Mailbox.to(bounced)).isEmpty();
    }

    @Test
    void anEmailWhoseOnlyRecipientIsSuppressedIsMarkedSuppressedNotSent() {
        UUID campaign = UUID.randomUUID();
        String unsubscribed = Records.newAddress("unsubscribed");
        put(unsubscribed, "{\"reason\":\"UNSUBSCRIBED\"}");
        SubscriberNotice notice = Records.notice(campaign, Records.newOrgId(), NoticeKind.SCHEDULED,
                Instant.parse("2030-05-10T20:00:00Z"), List.of(unsubscribed)).build();

        publish(Topics.SUBSCRIBER_NOTICES, notice.getOrgId(), notice);

        await().atMost(PATIENCE).until(() -> emailStatuses(campaign).contains("ADVANCE_NOTICE SUPPRESSED"));
        assertThat(Mailbox.to(unsubscribed)).isEmpty();
    }

    @Test
    void theAdminApiAddsReadsListsAndRemovesEntries() {
        String address = Records.newAddress("Someone");

        assertThat(put(address, "{\"reason\":\"COMPLAINED\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> again = put(address, "{\"reason\":\"MANUAL\",\"note\":\"asked by phone\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"reason\":\"MANUAL\"").contains("\"note\":\"asked by phone\"");
        assertThat(get("/api/v1/suppressions/" + encode(address)).body())
                .contains("\"address\":\"" + address.toLowerCase() + "\"");
        assertThat(get("/api/v1/suppressions?limit=1000").body()).contains(address.toLowerCase());
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/suppressions/" + encode(address))).DELETE()).statusCode())
                .isEqualTo(204);
        HttpResponse<String> gone = get("/api/v1/suppressions/" + encode(address));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void badRequestsAreAnsweredWithProblemDetailsAndChangeNothing() {
        long before = count();

        HttpResponse<String> notAnAddress = put("not-an-address", "{\"reason\":\"BOUNCED\"}");
        HttpResponse<String> unknownReason = put(Records.newAddress("x"), "{\"reason\":\"BORED\"}");
        HttpResponse<String> unknownField = put(Records.newAddress("x"), "{\"reason\":\"BOUNCED\",\"colour\":\"red\"}");
        HttpResponse<String> noReason = put(Records.newAddress("x"), "{}");
        HttpResponse<String> badLimit = get("/api/v1/suppressions?limit=0");

        for (HttpResponse<String> response : List.of(notAnAddress, unknownReason, unknownField, noReason, badLimit)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(notAnAddress.body()).contains("is not an email address");
        assertThat(noReason.body()).contains("reason");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aCampaignsEmailsAreCountedByKindAndStatus() {
        UUID campaign = UUID.randomUUID();
        String admin = Records.newAddress("counted");
        SubscriberNotice notice = Records.notice(campaign, Records.newOrgId(), NoticeKind.SCHEDULED,
                Instant.parse("2030-05-10T20:00:00Z"), List.of(admin)).build();
        publish(Topics.SUBSCRIBER_NOTICES, notice.getOrgId(), notice);
        await().atMost(PATIENCE).until(() -> Mailbox.to(admin).size() == 1);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(get("/api/v1/campaigns/" + campaign + "/emails").body())
                .isEqualTo("{\"campaignId\":\"" + campaign + "\",\"emails\":{\"advance-notice\":{\"SENT\":1},"
                        + "\"reminder\":{\"PENDING\":1}}}"));
        assertThat(get("/api/v1/campaigns/not-a-uuid/emails").statusCode()).isEqualTo(400);
    }

    private long count() {
        return jdbc.sql("select count(*) from suppressed_address").query(Long.class).single();
    }

    private HttpResponse<String> put(String address, String json) {
        return send(HttpRequest.newBuilder(uri("/api/v1/suppressions/" + encode(address)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        // the suppression list is for administrators; the API is secured as in production
        request.header("Authorization", "Bearer " + TestIssuer.shared().token("notifier-admin", "ADMIN"));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String address) {
        return URLEncoder.encode(address, StandardCharsets.UTF_8);
    }
}
