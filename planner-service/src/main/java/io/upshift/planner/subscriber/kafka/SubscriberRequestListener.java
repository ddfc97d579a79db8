package io.upshift.planner.subscriber.kafka;

import io.upshift.common.kafka.InvalidMessageException;
import io.upshift.messages.SubscriberAction;
import io.upshift.messages.SubscriberRequest;
import io.upshift.planner.subscriber.SubscriberRequests;
import io.upshift.planner.subscriber.domain.RequestRules.Action;
import io.upshift.schemas.OrgIds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code upshift.subscriber-requests.v1} one record at a time (they are few). A record that
 * cannot be a request (no value, a bad org id, an unknown action, no link) is dead-lettered by the
 * container's error handler and never marked applied; a well-formed one is applied once
 * ({@link SubscriberRequests}), refusals included.
 */
@Component
class SubscriberRequestListener implements MessageListener<String, SubscriberRequest> {

    private final SubscriberRequests requests;

    SubscriberRequestListener(SubscriberRequests requests) {
        this.requests = requests;
    }

    @Override
    public void onMessage(ConsumerRecord<String, SubscriberRequest> record) {
        requests.apply(parse(record.value()));
    }

    static SubscriberRequests.Request parse(SubscriberRequest r) {
        if (r == null) {
            throw new InvalidMessageException("a subscriber request without a value");
        }
        if (!OrgIds.normalize(r.getOrgId()).filter(id -> id.equals(r.getOrgId())).isPresent()) {
            throw new InvalidMessageException("subscriber request " + r.getRequestId() + ": not an org id");
        }
        if (r.getLink() == null || r.getLink().isBlank()) {
            throw new InvalidMessageException("subscriber request " + r.getRequestId() + " carries no link");
        }
        Action action = switch (r.getAction()) {
            case MOVE -> Action.MOVE;
            case OPT_OUT -> Action.OPT_OUT;
            case null, default -> throw new InvalidMessageException("subscriber request " + r.getRequestId()
                    + ": action " + r.getAction() + " is not known here");
        };
        if (action == Action.MOVE && (r.getWindowStart() == null || r.getWindowEnd() == null)) {
            throw new InvalidMessageException("subscriber request " + r.getRequestId() + ": a move without a window");
        }
        return new SubscriberRequests.Request(r.getRequestId(), r.getCampaignId(), r.getOrgId(), r.getLink(), action,
                r.getWindowStart(), r.getWindowEnd(), r.getReason(), r.getRequestedAt());
    }
}
