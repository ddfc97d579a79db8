package io.upshift.planner.dispatch;

import io.upshift.planner.shared.WakeUpSignal;
import org.springframework.stereotype.Component;

/**
 * Wakes this instance's campaign loop early: after outcomes freed room under a cap, or a person
 * resumed, approved or retried. Without a wake-up the loop still runs every dispatch interval.
 */
@Component
public class DispatchSignal extends WakeUpSignal {
}
