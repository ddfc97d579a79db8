package io.upshift.schemas;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.SubscriberNotice;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import java.util.List;
import java.util.Map;

/**
 * The topic catalogue: the only place where topic names are written. Devstack and the
 * deployment create topics from it; producers and consumers take their serdes from it.
 */
public final class Topics {

    private static final String WEEK_MS = String.valueOf(7L * 24 * 3600 * 1000);
    private static final String MONTH_MS = String.valueOf(30L * 24 * 3600 * 1000);

    /** UpgradeOrg commands, planner → executor, keyed by org id. */
    public static final Topic<UpgradeCommand> UPGRADE_COMMANDS = new Topic<>(
            "upshift.upgrade-commands.v1", UpgradeCommand.class, 12,
            Map.of("retention.ms", WEEK_MS));

    /** Outcomes, executor → planner, notifier and downstream systems, keyed by org id. */
    public static final Topic<UpgradeOutcome> UPGRADE_OUTCOMES = new Topic<>(
            "upshift.upgrade-outcomes.v1", UpgradeOutcome.class, 12,
            Map.of("retention.ms", MONTH_MS));

    /**
     * Campaign state changes, keyed by campaign id. Compacted as well as deleted: a new
     * executor learns the latest state of every campaign (halted, canceled) by reading it.
     */
    public static final Topic<CampaignEvent> CAMPAIGN_EVENTS = new Topic<>(
            "upshift.campaign-events.v1", CampaignEvent.class, 3,
            Map.of("cleanup.policy", "compact,delete", "retention.ms", MONTH_MS));

    /** Notices to subscribers (scheduled, rescheduled, canceled), planner → notifier, keyed by org id. */
    public static final Topic<SubscriberNotice> SUBSCRIBER_NOTICES = new Topic<>(
            "upshift.subscriber-notices.v1", SubscriberNotice.class, 6,
            Map.of("retention.ms", MONTH_MS));

    private Topics() {
    }

    public static List<Topic<?>> all() {
        return List.of(UPGRADE_COMMANDS, UPGRADE_OUTCOMES, CAMPAIGN_EVENTS, SUBSCRIBER_NOTICES);
    }
}
