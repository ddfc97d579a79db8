package io.upshift.notifier.subscriber.kafka;

import io.upshift.common.kafka.InvalidMessageException;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.notifier.email.NotifierMetrics;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.subscriber.OutcomeIntake;
import io.upshift.notifier.subscriber.domain.Outcome;
import io.upshift.notifier.support.kafka.MessageChecks;
import io.upshift.notifier.support.kafka.SenderWakeUp;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code upshift.upgrade-outcomes.v1}: each outcome is recorded for the reports and, unless
 * canceled, mailed to the org. An unknown status, a bad org id or a negative wave is dead-lettered.
 */
@Component
class UpgradeOutcomeListener {

    private final OutcomeIntake intake;
    private final NotifierMetrics metrics;
    private final SenderWakeUp sender;

    UpgradeOutcomeListener(OutcomeIntake intake, NotifierMetrics metrics, SenderWakeUp sender) {
        this.intake = intake;
        this.metrics = metrics;
        this.sender = sender;
    }

    @KafkaListener(topics = "#{T(io.upshift.schemas.Topics).UPGRADE_OUTCOMES.name()}",
            containerFactory = "upgradeOutcomeContainerFactory")
    void on(ConsumerRecord<String, UpgradeOutcome> record) {
        if (record.value() == null) {
            throw new InvalidMessageException("an upgrade outcome without a value");
        }
        List<EmailKind> queued = intake.accept(toOutcome(record.value()));
        if (!queued.isEmpty()) {
            metrics.queued(queued);
            sender.wakeUp();
        }
    }

    static Outcome toOutcome(UpgradeOutcome o) {
        Outcome.Status status = switch (o.getStatus()) {
            case SUCCEEDED -> Outcome.Status.SUCCEEDED;
            case FAILED -> Outcome.Status.FAILED;
            case SKIPPED -> Outcome.Status.SKIPPED;
            case CANCELED -> Outcome.Status.CANCELED;
            case TIMED_OUT -> Outcome.Status.TIMED_OUT;
            case null, default -> throw new InvalidMessageException("outcome status " + o.getStatus() + " is not known here");
        };
        if (o.getWaveNumber() < 0) {
            throw new InvalidMessageException("wave number " + o.getWaveNumber() + " is negative");
        }
        if (o.getFinishedAt() == null) {
            throw new InvalidMessageException("finishedAt is missing");
        }
        return new Outcome(o.getCommandId().toString(), o.getCampaignId().toString(), MessageChecks.orgId(o.getOrgId()),
                o.getWaveNumber(), status, o.getErrorCategory() == null ? null : o.getErrorCategory().name(),
                MessageChecks.text(o.getErrorCode()), MessageChecks.text(o.getErrorMessage()),
                MessageChecks.text(o.getVersionBefore()), MessageChecks.text(o.getVersionAfter()),
                MessageChecks.text(o.getInstance()), Math.max(0, o.getAttempts()), o.getFinishedAt());
    }
}
