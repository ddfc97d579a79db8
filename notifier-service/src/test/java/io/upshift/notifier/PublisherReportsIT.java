package io.upshift.notifier;

import static io.upshift.notifier.testing.Mailbox.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.NoticeKind;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.notifier.testing.Mailbox;
import io.upshift.notifier.testing.Records;
import io.upshift.schemas.Topics;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Wave and campaign reports to the publisher's release team. */
class PublisherReportsIT extends NotifierIntegrationTest {

    private static final String RELEASE_TEAM = "release-team@isv.example";
    private static final Instant WINDOW = Instant.parse("2030-05-10T20:00:00Z");

    @Test
    void aHaltIsReportedOnceWithCountsErrorTypesWorstPodsAndTheFailedOrgsAsCsv() throws Exception {
        UUID campaign = UUID.randomUUID();
        String shortId = campaign.toString().substring(0, 8);
        List<String> failedOrgs = new ArrayList<>();
        List<UpgradeOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String orgId = Records.newOrgId();
            publish(Topics.SUBSCRIBER_NOTICES, orgId, Records.notice(campaign, orgId, NoticeKind.SCHEDULED, WINDOW,
                    List.of(Records.newAddress("org" + i))).setOrgName("Org " + i).build());
            boolean fails = i < 3;
            UpgradeOutcome.Builder outcome = Records.outcome(campaign, orgId, 1,
                    fails ? OutcomeStatus.FAILED : OutcomeStatus.SUCCEEDED, WINDOW.plusSeconds(60 + i))
                    .setInstance(i < 5 ? "NA135" : "EU42");
            if (i == 2) {
                outcome.setErrorCode("DeployError").setErrorMessage("A custom field with this name already exists");
            }
            if (fails) {
                failedOrgs.add(orgId);
            }
            outcomes.add(outcome.build());
        }
        // The planner's halt arrives before the last outcomes: the report waits for them.
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), Records.event(campaign, CampaignEventType.WAVE_HALTED, 1,
                WINDOW.plusSeconds(120)).setCounts(Records.counts(10, 0, 0, 7, 3, 0, 0, 0))
                .setReason("failure rate 30.0 % above 5 %").build());
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), Records.event(campaign, CampaignEventType.HALTED, 1,
                WINDOW.plusSeconds(120)).setCounts(Records.counts(100, 90, 0, 7, 3, 0, 0, 0))
                .setReason("failure rate 30.0 % above 5 %").build());
        outcomes.forEach(o -> publish(Topics.UPGRADE_OUTCOMES, o.getOrgId(), o));

        await().atMost(PATIENCE).until(() -> Mailbox.to(RELEASE_TEAM, "HALTED: Spring release " + shortId).size() == 1);
        MimeMessage report = Mailbox.to(RELEASE_TEAM, "HALTED: Spring release " + shortId).getFirst();
        assertThat(Mailbox.contentType(report)).startsWith("multipart/mixed");
        assertThat(part(report, "text/plain"))
                .contains("HALTED in wave 1")
                .contains("Reason:       failure rate 30.0 % above 5 %")
                .contains("  succeeded    7")
                .contains("  failed       3")
                .contains("  ApexTestFailure: 2 (66.7 %)")
                .contains("  DeployError: 1 (33.3 %)")
                .contains("  NA135: 3 of 5 failed (60.0 %)")
                .doesNotContain("EU42:");
        assertThat(part(report, "text/html")).contains("<td>ApexTestFailure</td>");
        Part csv = Mailbox.attachment(report, "failed-orgs-" + shortId + "-wave-1.csv").orElseThrow();
        assertThat(csv.getContentType()).startsWith("text/csv");
        String rows = Mailbox.content(csv);
        assertThat(rows.lines()).hasSize(4).first().asString().startsWith("org_id,org_name,instance");
        failedOrgs.forEach(org -> assertThat(rows).contains(org));
        assertThat(rows).contains("Org 2").contains("DeployError");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(emailStatuses(campaign))
                .filteredOn(s -> s.startsWith("HALTED_REPORT")).containsExactly("HALTED_REPORT SENT"));
    }

    @Test
    void passedWavesAndTheEndOfTheCampaignAreReported() {
        UUID campaign = UUID.randomUUID();
        String shortId = campaign.toString().substring(0, 8);
        String orgId = Records.newOrgId();
        publish(Topics.SUBSCRIBER_NOTICES, orgId, Records.notice(campaign, orgId, NoticeKind.SCHEDULED, WINDOW,
                List.of(Records.newAddress("solo"))).build());
        publish(Topics.UPGRADE_OUTCOMES, orgId,
                Records.outcome(campaign, orgId, 0, OutcomeStatus.SUCCEEDED, WINDOW.plusSeconds(30)).build());
        CampaignEvent passed = Records.event(campaign, CampaignEventType.WAVE_PASSED, 0, WINDOW.plusSeconds(60))
                .setCounts(Records.counts(1, 0, 0, 1, 0, 0, 0, 0)).build();
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), passed);
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), passed);
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), Records.event(campaign, CampaignEventType.COMPLETED, null,
                WINDOW.plusSeconds(90)).setCounts(Records.counts(1, 0, 0, 1, 0, 0, 0, 0)).build());

        await().atMost(PATIENCE).until(() -> Mailbox.to(RELEASE_TEAM, shortId + " completed").size() == 1
                && Mailbox.to(RELEASE_TEAM, shortId + ": wave 0 passed").size() == 1);
        MimeMessage ended = Mailbox.to(RELEASE_TEAM, shortId + " completed").getFirst();
        assertThat(part(ended, "text/plain")).contains("completed.").contains("Orgs in the campaign:")
                .contains("No failures recorded");
        assertThat(Mailbox.contentType(ended)).startsWith("multipart/alternative");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(emailStatuses(campaign))
                .filteredOn(s -> s.contains("_REPORT"))
                .containsExactlyInAnyOrder("WAVE_PASSED_REPORT SENT", "CAMPAIGN_ENDED_REPORT SENT"));
    }

    @Test
    void aCampaignAtRiskIsToldOncePerEventItsWaveReportsCountTheOrgsAtRiskAndItsReportTheOrgsNotUpgradedInTime()
            throws Exception {
        UUID campaign = UUID.randomUUID();
        String shortId = campaign.toString().substring(0, 8);
        Instant deadline = WINDOW.plus(java.time.Duration.ofHours(6));
        String orgId = Records.newOrgId();
        publish(Topics.SUBSCRIBER_NOTICES, orgId, Records.notice(campaign, orgId, NoticeKind.SCHEDULED, WINDOW,
                List.of(Records.newAddress("risky"))).setDeadline(deadline).build());
        publish(Topics.UPGRADE_OUTCOMES, orgId,
                Records.outcome(campaign, orgId, 0, OutcomeStatus.SUCCEEDED, WINDOW.plusSeconds(30)).build());
        CampaignEvent atRisk = Records.event(campaign, CampaignEventType.AT_RISK, null, WINDOW.plusSeconds(40))
                .setDeadline(deadline).setProjectedFinish(deadline.plusSeconds(5400)).setOrgsAtRisk(312)
                .setReason("wave 1 waits for approval").build();
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), atRisk);
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), atRisk);
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), Records.event(campaign, CampaignEventType.WAVE_PASSED, 0,
                WINDOW.plusSeconds(60)).setCounts(Records.counts(1, 0, 0, 1, 0, 0, 0, 0)).setDeadline(deadline).build());

        await().atMost(PATIENCE).until(() -> Mailbox.to(RELEASE_TEAM, "AT RISK: Spring release " + shortId).size() == 1
                && Mailbox.to(RELEASE_TEAM, shortId + ": wave 0 passed").size() == 1);
        MimeMessage warning = Mailbox.to(RELEASE_TEAM, "AT RISK: Spring release " + shortId).getFirst();
        Mailbox.dump(warning, "at-risk-report");
        assertThat(Mailbox.subject(warning)).endsWith("may miss its deadline 2030-05-11 02:00:00 UTC");
        assertThat(part(warning, "text/plain"))
                .contains("is AT RISK of missing its deadline.")
                .contains("Package:          Invoice Manager 4.2.1")
                .contains("Deadline:         2030-05-11 02:00:00 UTC")
                .contains("Projected finish: 2030-05-11 03:30:00 UTC (1 h 30 min after the deadline)")
                .contains("Orgs at risk:     312")
                .contains("Reason:           wave 1 waits for approval");
        assertThat(part(Mailbox.to(RELEASE_TEAM, shortId + ": wave 0 passed").getFirst(), "text/plain"))
                .contains("AT RISK of missing the deadline 2030-05-11 02:00:00 UTC: 312 orgs are not projected");

        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), Records.event(campaign, CampaignEventType.BACK_ON_TRACK,
                null, WINDOW.plusSeconds(70)).setDeadline(deadline).setProjectedFinish(deadline.minusSeconds(600))
                .setOrgsAtRisk(0).build());
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), Records.event(campaign, CampaignEventType.COMPLETED, null,
                WINDOW.plusSeconds(90)).setCounts(Records.counts(1, 0, 0, 1, 0, 0, 0, 0)).setDeadline(deadline)
                .setOrgsAtRisk(0).build());

        await().atMost(PATIENCE).until(() -> Mailbox.to(RELEASE_TEAM, "Back on track: Spring release " + shortId).size() == 1
                && Mailbox.to(RELEASE_TEAM, shortId + " completed").size() == 1);
        assertThat(part(Mailbox.to(RELEASE_TEAM, shortId + " completed").getFirst(), "text/plain"))
                .contains("Deadline 2030-05-11 02:00:00 UTC: 0 orgs not upgraded before it")
                .doesNotContain("AT RISK");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(emailStatuses(campaign))
                .filteredOn(s -> s.contains("_REPORT")).containsExactlyInAnyOrder("AT_RISK_REPORT SENT",
                        "WAVE_PASSED_REPORT SENT", "BACK_ON_TRACK_REPORT SENT", "CAMPAIGN_ENDED_REPORT SENT"));
    }

    @Test
    void aHaltOfACampaignWithADeadlineCountsTheOrgsTheHaltedEventSaysAreNotUpgradedInTime() {
        UUID campaign = UUID.randomUUID();
        String shortId = campaign.toString().substring(0, 8);
        Instant deadline = WINDOW.plus(java.time.Duration.ofHours(6));
        String orgId = Records.newOrgId();
        publish(Topics.UPGRADE_OUTCOMES, orgId,
                Records.outcome(campaign, orgId, 1, OutcomeStatus.FAILED, WINDOW.plusSeconds(30)).build());
        // As the planner sends a gate's halt: WAVE_HALTED, then HALTED with the count, same moment.
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), Records.event(campaign, CampaignEventType.WAVE_HALTED, 1,
                WINDOW.plusSeconds(60)).setCounts(Records.counts(1, 0, 0, 0, 1, 0, 0, 0)).setDeadline(deadline)
                .setReason("failure rate 100 % above 5 %").build());
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), Records.event(campaign, CampaignEventType.HALTED, 1,
                WINDOW.plusSeconds(60)).setCounts(Records.counts(800, 799, 0, 0, 1, 0, 0, 0)).setDeadline(deadline)
                .setOrgsAtRisk(799).setReason("failure rate 100 % above 5 %").build());

        await().atMost(PATIENCE).until(() -> Mailbox.to(RELEASE_TEAM, "HALTED: Spring release " + shortId).size() == 1);
        assertThat(part(Mailbox.to(RELEASE_TEAM, "HALTED: Spring release " + shortId).getFirst(), "text/plain"))
                .contains("HALTED in wave 1")
                .contains("Deadline 2030-05-11 02:00:00 UTC: 799 orgs not upgraded before it");
    }

    @Test
    void aCanceledCampaignDropsItsPendingRemindersAndIsReportedAsCanceled() {
        UUID campaign = UUID.randomUUID();
        String shortId = campaign.toString().substring(0, 8);
        String orgId = Records.newOrgId();
        String admin = Records.newAddress("waiting");
        Instant window = clock.instant().plus(java.time.Duration.ofDays(3));
        publish(Topics.SUBSCRIBER_NOTICES, orgId,
                Records.notice(campaign, orgId, NoticeKind.SCHEDULED, window, List.of(admin)).build());
        await().atMost(PATIENCE).until(() -> emailStatuses(campaign).contains("REMINDER PENDING"));

        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(), Records.event(campaign, CampaignEventType.CANCELED, null,
                clock.instant()).setCounts(Records.counts(1, 0, 0, 0, 0, 0, 1, 0)).setReason("canceled by jane").build());

        await().atMost(PATIENCE).until(() -> Mailbox.to(RELEASE_TEAM, shortId + " canceled").size() == 1);
        assertThat(part(Mailbox.to(RELEASE_TEAM, shortId + " canceled").getFirst(), "text/plain"))
                .contains("was canceled.").contains("Reason:       canceled by jane").contains("  canceled     1");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(emailStatuses(campaign))
                .contains("REMINDER CANCELED").doesNotContain("REMINDER PENDING"));
    }
}
