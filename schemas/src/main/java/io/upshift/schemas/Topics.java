package io.upshift.schemas;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.SubscriberNotice;
import io.upshift.messages.SubscriberRequest;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.CompressionType;

/**
 * The topic catalogue: the only place where topic names are written. Devstack and the
 * deployment create topics from it; producers and consumers take their serdes and their
 * compression from it.
 *
 * <p>Compression is chosen per topic. What downstream teams read (outcomes, campaign events) is
 * uncompressed: every mainstream client decodes it (Java, librdkafka for Python and Go, and KafkaJS,
 * which reads gzip but needs add-ons for snappy, lz4 and zstd), and these records are small and
 * leave a few at a time, so a codec would gain little. The internal high-volume topics, read only
 * by our Java services, keep lz4: scheduling a large campaign writes a notice and later a command
 * per org in batches of hundreds.
 */
public final class Topics {

    private static final String WEEK_MS = String.valueOf(7L * 24 * 3600 * 1000);
    private static final String MONTH_MS = String.valueOf(30L * 24 * 3600 * 1000);

    /** UpgradeOrg commands, planner → executor, keyed by org id. */
    public static final Topic<UpgradeCommand> UPGRADE_COMMANDS = new Topic<>(
            "upshift.upgrade-commands.v1", UpgradeCommand.class, 12,
            Map.of("retention.ms", WEEK_MS), CompressionType.LZ4);

    /** Outcomes, executor → planner, notifier and downstream systems, keyed by org id. */
    public static final Topic<UpgradeOutcome> UPGRADE_OUTCOMES = new Topic<>(
            "upshift.upgrade-outcomes.v1", UpgradeOutcome.class, 12,
            Map.of("retention.ms", MONTH_MS), CompressionType.NONE);

    /**
     * Campaign state changes, keyed by campaign id. Compacted as well as deleted: a new
     * executor learns the latest state of every campaign (halted, canceled) by reading it.
     */
    public static final Topic<CampaignEvent> CAMPAIGN_EVENTS = new Topic<>(
            "upshift.campaign-events.v1", CampaignEvent.class, 3,
            Map.of("cleanup.policy", "compact,delete", "retention.ms", MONTH_MS), CompressionType.NONE);

    /** Notices to subscribers (scheduled, rescheduled, canceled), planner → notifier, keyed by org id. */
    public static final Topic<SubscriberNotice> SUBSCRIBER_NOTICES = new Topic<>(
            "upshift.subscriber-notices.v1", SubscriberNotice.class, 6,
            Map.of("retention.ms", MONTH_MS), CompressionType.LZ4);

    /**
     * Subscribers' requests from the signed link of a notice (move my window, skip this campaign),
     * subscriber portal → planner, keyed by org id. Few and small: uncompressed.
     */
    public static final Topic<SubscriberRequest> SUBSCRIBER_REQUESTS = new Topic<>(
            "upshift.subscriber-requests.v1", SubscriberRequest.class, 3,
            Map.of("retention.ms", MONTH_MS), CompressionType.NONE);

    private Topics() {
    }

    public static List<Topic<?>> all() {
        return List.of(UPGRADE_COMMANDS, UPGRADE_OUTCOMES, CAMPAIGN_EVENTS, SUBSCRIBER_NOTICES, SUBSCRIBER_REQUESTS);
    }
}
