package io.upshift.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.demo.ApiClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The SMTP relay is down for a while in the middle of a campaign ({@link FaultStack#ORGS} orgs). The notifier keeps
 * the emails that fall due meanwhile (a relay outage uses up no tries), and sends each of them
 * once the relay is back: every due email once, none lost — but for the email in transit on each of
 * the notifier's sender loops, which a relay killed mid-session may have stored without its "250 OK"
 * reaching the notifier (SMTP's own window; the copy has the same Message-ID), see
 * {@link Invariants#afterRelayCuts}.
 */
class MailRelayOutageIT {

    private static final Duration DOWN_FOR = Duration.ofSeconds(20);

    @Test
    void emailsThatFellDueWhileTheRelayWasDownGoOutOnceItIsBack() {
        FaultStack stack = FaultStack.shared();
        // stopping the relay cuts the sessions in transit, if any: at most one email per sender loop may arrive twice
        Invariants invariants = new Invariants(stack).afterRelayCuts(1);
        ApiClient notifier = stack.notifier();
        FaultCampaign campaign = stack.campaign(FaultStack.ORGS).schedule();

        // Given the campaign is in full flow
        campaign.awaitFinished(0.2, Duration.ofMinutes(5));

        // When the relay is down for a while
        stack.devstack().smtp().stop();
        int receivedBefore = stack.mailbox().campaign(campaign.id()).count("result");
        ServiceProcess.pause(DOWN_FOR);
        long waiting = unsent(notifier, campaign.id());
        int receivedDuring = stack.mailbox().campaign(campaign.id()).count("result");
        stack.devstack().smtp().start();

        // Then nothing reached the relay while it was down, and emails were waiting for it
        assertThat(receivedDuring).as("result emails received while the relay was down").isEqualTo(receivedBefore);
        assertThat(waiting).as("emails the notifier held while the relay was down").isPositive();
        // And once it is back, the campaign completes with every invariant (every due email exactly once)
        invariants.hold(invariants.awaitEnd(campaign, Duration.ofMinutes(8)));
    }

    /** Emails of the campaign the notifier has not sent yet (reminders wait for their time anyway). */
    private static long unsent(ApiClient notifier, String campaignId) {
        JsonNode emails = notifier.get("/api/v1/campaigns/" + campaignId + "/emails").path("emails");
        long open = 0;
        for (var kind : emails.properties()) {
            if (!kind.getKey().equals("reminder")) {
                open += kind.getValue().path("PENDING").asLong() + kind.getValue().path("SENDING").asLong();
            }
        }
        return open;
    }
}
