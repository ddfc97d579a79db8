package io.upshift.planner.outbox;

import io.upshift.planner.shared.WakeUpSignal;
import org.springframework.stereotype.Component;

/**
 * Wakes this instance's relay as soon as a transaction that wrote outbox rows commits, so a
 * released command leaves within milliseconds instead of at the next poll. Rows written by another
 * planner replica are found by the relay's regular poll.
 */
@Component
public class OutboxSignal extends WakeUpSignal {
}
