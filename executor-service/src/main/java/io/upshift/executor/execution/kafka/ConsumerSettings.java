package io.upshift.executor.execution.kafka;

import java.time.Duration;

/**
 * How the commands consumer paces itself.
 *
 * @param maxInFlight upgrades running at once at most; fetching pauses when this many commands are held
 * @param pollTimeout the longest a poll waits for records; also how soon finished work frees capacity
 * @param commitInterval how often finished offsets are committed while running
 * @param shutdownGrace how long a stopping executor lets running upgrades finish
 * @param deliveryAttempts how often a command whose processing fails (not its upgrade) is tried before it is dead-lettered
 * @param retryBackoff the pause between those tries, and before writing an outcome again
 * @param campaignCatchUpLog how often the consumer says it still waits for the campaign state at start-up
 */
record ConsumerSettings(
        int maxInFlight,
        Duration pollTimeout,
        Duration commitInterval,
        Duration shutdownGrace,
        int deliveryAttempts,
        Duration retryBackoff,
        Duration campaignCatchUpLog) {
}
