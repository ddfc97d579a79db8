package io.upshift.notifier.subscriber.kafka;

import io.upshift.common.kafka.InvalidMessageException;
import io.upshift.messages.SubscriberNotice;
import io.upshift.notifier.email.NotifierMetrics;
import io.upshift.notifier.email.domain.EmailAddresses;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.subscriber.NoticeIntake;
import io.upshift.notifier.subscriber.domain.Notice;
import io.upshift.notifier.support.kafka.MessageChecks;
import io.upshift.notifier.support.kafka.SenderWakeUp;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code upshift.subscriber-notices.v1}. Recipient addresses that are not one plain address
 * (a line break, a second address, no domain) are left out and counted; a notice with no usable
 * recipient, an unknown kind, zone or org id, or a window that ends before it starts is
 * dead-lettered.
 */
@Component
class SubscriberNoticeListener {

    private static final Logger log = LoggerFactory.getLogger(SubscriberNoticeListener.class);

    private final NoticeIntake intake;
    private final NotifierMetrics metrics;
    private final SenderWakeUp sender;

    SubscriberNoticeListener(NoticeIntake intake, NotifierMetrics metrics, SenderWakeUp sender) {
        this.intake = intake;
        this.metrics = metrics;
        this.sender = sender;
    }

    @KafkaListener(topics = "#{T(io.upshift.schemas.Topics).SUBSCRIBER_NOTICES.name()}",
            containerFactory = "subscriberNoticeContainerFactory")
    void on(ConsumerRecord<String, SubscriberNotice> record) {
        if (record.value() == null) {
            throw new InvalidMessageException("a subscriber notice without a value");
        }
        List<EmailKind> queued = intake.accept(toNotice(record.value()));
        if (!queued.isEmpty()) {
            metrics.queued(queued);
            sender.wakeUp();
        }
    }

    Notice toNotice(SubscriberNotice n) {
        Notice.Kind kind = switch (n.getKind()) {
            case SCHEDULED -> Notice.Kind.SCHEDULED;
            case RESCHEDULED -> Notice.Kind.RESCHEDULED;
            case CANCELED -> Notice.Kind.CANCELED;
            case null, default -> throw new InvalidMessageException("notice kind " + n.getKind() + " is not known here");
        };
        String orgId = MessageChecks.orgId(n.getOrgId());
        if (n.getWindowStart() == null || n.getWindowEnd() == null || n.getWindowEnd().isBefore(n.getWindowStart())) {
            throw new InvalidMessageException("the window " + n.getWindowStart() + " – " + n.getWindowEnd()
                    + " ends before it starts");
        }
        EmailAddresses.Checked recipients = EmailAddresses.check(n.getRecipients() == null ? List.of()
                : n.getRecipients());
        if (!recipients.rejected().isEmpty()) {
            metrics.recipientsRejected(recipients.rejected().size());
            log.warn("notice {} for org {}: left out {} recipient(s) that are not one plain address: {}",
                    n.getNoticeId(), orgId, recipients.rejected().size(),
                    recipients.rejected().stream().map(MessageChecks::printable).toList());
        }
        if (recipients.accepted().isEmpty()) {
            throw new InvalidMessageException("notice " + n.getNoticeId() + " for org " + orgId
                    + " has no usable recipient");
        }
        return new Notice(n.getNoticeId().toString(), n.getCampaignId().toString(), orgId, kind, n.getWindowStart(),
                n.getWindowEnd(), MessageChecks.zone(n.getTimeZone()),
                MessageChecks.required("targetVersion", n.getTargetVersion()), MessageChecks.text(n.getCurrentVersion()),
                MessageChecks.text(n.getReleaseNotesUrl()), recipients.accepted(), MessageChecks.text(n.getOrgName()),
                MessageChecks.text(n.getPackageName()), MessageChecks.text(n.getSupportContact()),
                MessageChecks.languageTag(n.getLocale()), MessageChecks.text(n.getUrgentReason()), n.getDeadline(),
                n.getChronic(),
                n.getSubscriberRequestId() == null ? null : n.getSubscriberRequestId().toString(),
                MessageChecks.text(n.getSubscriberReason()));
    }
}
