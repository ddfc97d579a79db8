package io.upshift.planner.subscriber.web;

import io.upshift.common.links.SubscriberLinks;
import io.upshift.planner.shared.domain.NotFoundException;
import io.upshift.planner.subscriber.SubscriberRequests;
import io.upshift.planner.subscriber.domain.SubscriberView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/subscriber-view}: what the subscriber portal may show for one signed link (header
 * {@code Upshift-Subscriber-Link}), for the portal's service key (any role). The org and campaign come
 * only from the link, checked here, so the route cannot list or guess orgs: a link that does not check
 * out, or names an org the campaign does not have, is one and the same 404. An authentic link that expired
 * (its window started) gets the view without choices: "under way", later the result, never a change.
 */
@RestController
class SubscriberViewController {

    static final String LINK_HEADER = "Upshift-Subscriber-Link";

    private final SubscriberRequests requests;

    SubscriberViewController(SubscriberRequests requests) {
        this.requests = requests;
    }

    @GetMapping("/api/v1/subscriber-view")
    SubscriberView view(@RequestHeader(LINK_HEADER) String link) {
        SubscriberLinks.Check check = requests.check(link);
        boolean expired = check instanceof SubscriberLinks.Refused refused
                && refused.reason() == SubscriberLinks.Rejection.EXPIRED;
        if (expired) {
            // an authentic link whose window started still tells what became of the upgrade, read-only
            check = requests.checkEvenIfExpired(link);
        }
        if (!(check instanceof SubscriberLinks.Valid valid)) {
            throw new NotFoundException("subscriber link", "(refused)");
        }
        SubscriberView view = requests.view(valid.link().campaignId(), valid.link().orgId())
                .orElseThrow(() -> new NotFoundException("subscriber link", "(refused)"));
        return expired ? view.readOnly() : view;
    }
}
