package io.upshift.portal.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.common.links.LinkSettings;
import io.upshift.common.links.SubscriberLinks;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Checks every link that reaches the portal before anything else happens, and counts each refusal by
 * reason ({@code upshift_portal_link_rejected_total{reason}}). The portal cannot work without link keys:
 * missing ones stop the start with a message that says which setting.
 */
@Component
@EnableConfigurationProperties(LinkSettings.class)
public class LinkGuard {

    /** The metric of refused links (and of refused requests: rate limits, too late, changes used up). */
    public static final String REJECTED = "upshift.portal.link.rejected";

    /** Refusals beyond the link itself; their labels join the link's own reasons. */
    public enum Extra {
        RATE_LIMITED, UNKNOWN_ORG, TOO_LATE, NOT_A_CHOICE, OPT_OUT_NOT_ALLOWED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final SubscriberLinks links;
    private final Clock clock;
    private final Map<SubscriberLinks.Rejection, Counter> byReason = new EnumMap<>(SubscriberLinks.Rejection.class);
    private final Map<Extra, Counter> byExtra = new EnumMap<>(Extra.class);

    LinkGuard(LinkSettings settings, Clock clock, MeterRegistry meters) {
        this.links = settings.links().orElseThrow(() -> new IllegalArgumentException(
                "upshift.links.keys is missing: the portal checks signed links and cannot start without their keys "
                        + "(UPSHIFT_LINKS_KEYS, id:base64-secret,..., the same as the notifier's and the planner's)"));
        this.clock = clock;
        // every series exists from the start, so an alert on a rise sees the first refusal
        for (SubscriberLinks.Rejection reason : SubscriberLinks.Rejection.values()) {
            byReason.put(reason, counter(meters, reason.label()));
        }
        for (Extra reason : Extra.values()) {
            byExtra.put(reason, counter(meters, reason.label()));
        }
    }

    private static Counter counter(MeterRegistry meters, String reason) {
        return Counter.builder(REJECTED).description("Subscriber links and requests the portal refused, by reason")
                .tag("reason", reason).register(meters);
    }

    /** The link, checked for a view; a refusal is counted. */
    public SubscriberLinks.Check check(String token) {
        SubscriberLinks.Check check = links.read(token, clock.instant());
        if (check instanceof SubscriberLinks.Refused refused) {
            byReason.get(refused.reason()).increment();
        }
        return check;
    }

    /** An expired link's authenticity, for a read-only page (not counted again). */
    public SubscriberLinks.Check authenticEvenIfExpired(String token) {
        return links.readEvenIfExpired(token);
    }

    public void refused(SubscriberLinks.Rejection reason) {
        byReason.get(reason).increment();
    }

    public void refused(Extra reason) {
        byExtra.get(reason).increment();
    }

    public int maxChanges() {
        return links.maxChanges();
    }
}
