package io.upshift.notifier.report.kafka;

import io.upshift.common.kafka.InvalidMessageException;
import io.upshift.messages.CampaignEvent;
import io.upshift.messages.OutcomeCounts;
import io.upshift.notifier.email.NotifierMetrics;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.ReportFacts;
import io.upshift.notifier.report.CampaignEventIntake;
import io.upshift.notifier.report.domain.CampaignEventFacts;
import io.upshift.notifier.support.kafka.MessageChecks;
import io.upshift.notifier.support.kafka.SenderWakeUp;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code upshift.campaign-events.v1}. The topic is compacted, so a tombstone (no value) is
 * legitimate and skipped. An event type this version does not know (UNKNOWN), a wave event without
 * a wave, negative counts, or an AT_RISK / BACK_ON_TRACK without a deadline are dead-lettered, never
 * silently marked as processed.
 */
@Component
class CampaignEventListener {

    private final CampaignEventIntake intake;
    private final NotifierMetrics metrics;
    private final SenderWakeUp sender;

    CampaignEventListener(CampaignEventIntake intake, NotifierMetrics metrics, SenderWakeUp sender) {
        this.intake = intake;
        this.metrics = metrics;
        this.sender = sender;
    }

    @KafkaListener(topics = "#{T(io.upshift.schemas.Topics).CAMPAIGN_EVENTS.name()}",
            containerFactory = "campaignEventContainerFactory")
    void on(ConsumerRecord<String, CampaignEvent> record) {
        if (record.value() == null) {
            return;
        }
        List<EmailKind> queued = intake.accept(toFacts(record.value()));
        if (!queued.isEmpty()) {
            metrics.queued(queued);
            sender.wakeUp();
        }
    }

    static CampaignEventFacts toFacts(CampaignEvent e) {
        CampaignEventFacts.Type type;
        try {
            type = CampaignEventFacts.Type.valueOf(String.valueOf(e.getType()));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidMessageException("campaign event type " + e.getType() + " is not known here");
        }
        if (e.getWaveNumber() != null && e.getWaveNumber() < 0) {
            throw new InvalidMessageException("wave number " + e.getWaveNumber() + " is negative");
        }
        if (type.name().startsWith("WAVE_") && e.getWaveNumber() == null) {
            throw new InvalidMessageException(type + " without a wave number");
        }
        if (e.getAt() == null) {
            throw new InvalidMessageException("at is missing");
        }
        if (e.getOrgsAtRisk() != null && e.getOrgsAtRisk() < 0) {
            throw new InvalidMessageException("orgsAtRisk " + e.getOrgsAtRisk() + " is negative");
        }
        // A projection against a deadline means nothing without the deadline: the email could not say it.
        if ((type == CampaignEventFacts.Type.AT_RISK || type == CampaignEventFacts.Type.BACK_ON_TRACK)
                && e.getDeadline() == null) {
            throw new InvalidMessageException(type + " without a deadline");
        }
        return new CampaignEventFacts(e.getEventId().toString(), e.getCampaignId().toString(), type, e.getWaveNumber(),
                counts(e.getCounts()), MessageChecks.text(e.getReason()), e.getAt(),
                MessageChecks.text(e.getCampaignName()), MessageChecks.text(e.getPackageName()),
                MessageChecks.text(e.getTargetVersion()), e.getDeadline(), e.getProjectedFinish(), e.getOrgsAtRisk());
    }

    private static ReportFacts.Counts counts(OutcomeCounts c) {
        if (c == null) {
            return null;
        }
        int[] all = {c.getTotal(), c.getPending(), c.getDispatched(), c.getSucceeded(), c.getFailed(), c.getSkipped(),
                c.getCanceled(), c.getTimedOut()};
        for (int value : all) {
            if (value < 0) {
                throw new InvalidMessageException("negative count in " + c);
            }
        }
        return new ReportFacts.Counts(c.getTotal(), c.getPending(), c.getDispatched(), c.getSucceeded(), c.getFailed(),
                c.getSkipped(), c.getCanceled(), c.getTimedOut());
    }
}
