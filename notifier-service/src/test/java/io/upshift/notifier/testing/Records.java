package io.upshift.notifier.testing;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.ErrorCategory;
import io.upshift.messages.NoticeKind;
import io.upshift.messages.OutcomeCounts;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.SubscriberNotice;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.schemas.OrgIds;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Avro records as the planner and the executors would publish them ("object mother" for ITs). */
public final class Records {

    private static final AtomicInteger ORG_SEQUENCE = new AtomicInteger(
            (int) (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000));

    private Records() {
    }

    /** A valid 18-character org id no other test uses. */
    public static String newOrgId() {
        String fifteen = String.format("00D%012d", ORG_SEQUENCE.incrementAndGet());
        return fifteen + OrgIds.checksum(fifteen);
    }

    /** A unique address on a test domain. */
    public static String newAddress(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
    }

    public static SubscriberNotice.Builder notice(UUID campaignId, String orgId, NoticeKind kind, Instant windowStart,
            List<String> recipients) {
        return SubscriberNotice.newBuilder()
                .setNoticeId(UUID.randomUUID())
                .setCampaignId(campaignId)
                .setOrgId(orgId)
                .setKind(kind)
                .setWindowStart(windowStart)
                .setWindowEnd(windowStart.plusSeconds(4 * 3600))
                .setTimeZone("Europe/Berlin")
                .setTargetVersion("4.2.1")
                .setCurrentVersion("4.1.3")
                .setReleaseNotesUrl("https://isv.example/notes/4.2.1")
                .setRecipients(recipients)
                .setOrgName("Acme GmbH")
                .setPackageName("Invoice Manager")
                .setSupportContact("support@isv.example")
                .setLocale("de-DE");
    }

    public static UpgradeOutcome.Builder outcome(UUID campaignId, String orgId, int wave, OutcomeStatus status,
            Instant finishedAt) {
        UpgradeOutcome.Builder builder = UpgradeOutcome.newBuilder()
                .setCommandId(UUID.randomUUID())
                .setCampaignId(campaignId)
                .setWaveNumber(wave)
                .setOrgId(orgId)
                .setStatus(status)
                .setVersionBefore("4.1.3")
                .setVersionAfter(status == OutcomeStatus.SUCCEEDED ? "4.2.1" : "4.1.3")
                .setAttempts(1)
                .setStartedAt(finishedAt.minusSeconds(60))
                .setFinishedAt(finishedAt)
                .setExecutorId("executor-it")
                .setInstance("NA135");
        if (status == OutcomeStatus.FAILED) {
            builder.setErrorCategory(ErrorCategory.PERMANENT)
                    .setErrorCode("ApexTestFailure")
                    .setErrorMessage("Apex tests failed in the subscriber org");
        }
        return builder;
    }

    public static CampaignEvent.Builder event(UUID campaignId, CampaignEventType type, Integer wave, Instant at) {
        return CampaignEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setCampaignId(campaignId)
                .setType(type)
                .setWaveNumber(wave)
                .setAt(at)
                .setCampaignName("Spring release " + campaignId.toString().substring(0, 8))
                .setPackageName("Invoice Manager")
                .setTargetVersion("4.2.1");
    }

    public static OutcomeCounts counts(int total, int pending, int dispatched, int succeeded, int failed, int skipped,
            int canceled, int timedOut) {
        return OutcomeCounts.newBuilder().setTotal(total).setPending(pending).setDispatched(dispatched)
                .setSucceeded(succeeded).setFailed(failed).setSkipped(skipped).setCanceled(canceled)
                .setTimedOut(timedOut).build();
    }
}
