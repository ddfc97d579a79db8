package io.upshift.planner.subscriber.domain;

import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.planning.domain.UpgradeWindows;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The windows a subscriber may move their org's upgrade to: the next ones the campaign allows
 * ({@link UpgradeWindows}: the org's maintenance window, the campaign's window, blackouts, the deadline),
 * none sooner than the notice period after now, the one already planned left out. The page offers
 * them and the planner accepts only one of them, asked again when the request arrives, so a request
 * for a window the rules no longer allow (a blackout added since) changes nothing.
 */
public final class WindowChoices {

    private WindowChoices() {
    }

    /**
     * @param notBefore the first instant a moved window may start (now plus the notice period)
     * @param planned the window the org has now (left out of the choices)
     * @param count how many to offer at most
     */
    public static List<TimeWindow> next(UpgradeWindows windows, ZoneId zone, Optional<MaintenanceWindow> orgWindow,
            Instant notBefore, TimeWindow planned, int count) {
        List<TimeWindow> choices = new ArrayList<>(count);
        Instant from = notBefore;
        // a guard: each step moves past one window, the count and the horizon end it long before
        for (int step = 0; step < count * 4 && choices.size() < count; step++) {
            if (!(windows.next(zone, orgWindow, from) instanceof UpgradeWindows.Found found)) {
                break;
            }
            TimeWindow window = found.window();
            if (!window.overlaps(planned)) {
                choices.add(window);
            }
            from = window.end();
        }
        return choices;
    }

    /**
     * Whether a window the subscriber picked is allowed now in its own right: it starts no sooner than
     * {@code notBefore}, does not overlap the planned one, and is exactly the window the rules give from its
     * start. This, not equality with the list offered, is what a request is judged by: the page's list was
     * computed a little earlier, and an org whose window is open now gets windows that start at "now plus
     * the notice period", a list that moves with the clock.
     */
    public static boolean allowed(UpgradeWindows windows, ZoneId zone, Optional<MaintenanceWindow> orgWindow,
            Instant notBefore, TimeWindow planned, TimeWindow chosen) {
        if (chosen == null || chosen.start().isBefore(notBefore) || chosen.overlaps(planned)) {
            return false;
        }
        return windows.next(zone, orgWindow, chosen.start()) instanceof UpgradeWindows.Found found
                && found.window().equals(chosen);
    }
}
