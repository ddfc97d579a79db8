package io.upshift.planner.planning.domain;

import io.upshift.planner.campaign.domain.CampaignSpec.Schedule;
import io.upshift.planner.campaign.domain.CampaignWindow;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * The one answer to "the next window in which this campaign may upgrade this org, starting no
 * earlier than t": planning (PlanBuilder) and every move (Rescheduler: a closed window, a retry) ask
 * it, so the rule exists once. It combines
 * <ul>
 * <li>the org's own maintenance window in its zone, when the campaign respects maintenance windows
 *     (otherwise the org is always open);</li>
 * <li>the campaign's window, read in its zone or, when it names none, in the org's:
 *     WITHIN_ORG_WINDOWS takes the intersection with the org's window, INSTEAD_OF_ORG_WINDOWS takes
 *     the campaign's window alone (an org that never opens still gets it);</li>
 * <li>blackouts and the minimum usable / maximum window lengths ({@link WindowPlanner});</li>
 * <li>the deadline: every window ends by it (clipped), and one the clipping leaves too short is not
 *     usable.</li>
 * </ul>
 * Without a window the answer says why: {@link ExclusionReason#NO_WINDOW} (none at all within the
 * horizon) or {@link ExclusionReason#NO_WINDOW_BEFORE_DEADLINE} (a usable one exists, but none that
 * ends by the deadline).
 */
public final class UpgradeWindows {

    /** A cap on the alternations of an intersection: a guard, the horizon ends them long before. */
    private static final int MAX_ALTERNATIONS = 100_000;

    private final WindowPlanner planner;
    private final boolean respectOrgWindows;
    private final MaintenanceWindow campaignHours;
    private final ZoneId campaignZone;
    private final CampaignWindow.Mode mode;
    private final Instant deadline;

    /**
     * @param respectOrgWindows read each org's own maintenance window (else every org is always open)
     * @param campaignWindow the campaign's own window, or null
     * @param deadline every window ends by it, or null for none
     */
    public UpgradeWindows(WindowPlanner planner, boolean respectOrgWindows, CampaignWindow campaignWindow,
            Instant deadline) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.respectOrgWindows = respectOrgWindows;
        this.campaignHours = campaignWindow == null ? null
                : new MaintenanceWindow(campaignWindow.days(), campaignWindow.start(), campaignWindow.end());
        this.campaignZone = campaignWindow == null || campaignWindow.inEachOrgsZone() ? null
                : ZoneId.of(campaignWindow.timeZone());
        this.mode = campaignWindow == null ? null : campaignWindow.mode();
        this.deadline = deadline;
    }

    /** A campaign's windows: its schedule's rules over the planner's blackouts and lengths. */
    public static UpgradeWindows of(WindowPlanner planner, Schedule schedule) {
        return new UpgradeWindows(planner, schedule.respectMaintenanceWindows(), schedule.campaignWindow(),
                schedule.deadline());
    }

    /** The next window, or why there is none. */
    public sealed interface Next {
    }

    public record Found(TimeWindow window) implements Next {
    }

    public record None(ExclusionReason reason) implements Next {
    }

    /**
     * The next window of an org starting at or after {@code notBefore}.
     *
     * @param orgZone the zone the org's window (and a campaign window without a zone) is read in
     * @param orgWindow the org's maintenance window; empty when the org never opens
     */
    public Next next(ZoneId orgZone, Optional<MaintenanceWindow> orgWindow, Instant notBefore) {
        Optional<TimeWindow> found = find(orgZone, orgWindow, notBefore, deadline);
        if (found.isPresent()) {
            return new Found(found.get());
        }
        // only an org that has a window at all misses the deadline; the second look costs one more
        // search for excluded orgs only (and planning caches it per zone and window)
        boolean beyond = deadline != null && find(orgZone, orgWindow, notBefore, null).isPresent();
        return new None(beyond ? ExclusionReason.NO_WINDOW_BEFORE_DEADLINE : ExclusionReason.NO_WINDOW);
    }

    /** The deadline every window ends by, or null. */
    public Instant deadline() {
        return deadline;
    }

    private Optional<TimeWindow> find(ZoneId orgZone, Optional<MaintenanceWindow> orgWindow, Instant notBefore,
            Instant notAfter) {
        ZoneId ownZone = respectOrgWindows ? orgZone : ZoneOffset.UTC;
        Optional<MaintenanceWindow> own = respectOrgWindows ? orgWindow : Optional.of(MaintenanceWindow.ALWAYS_OPEN);
        if (campaignHours == null) {
            return own.flatMap(w -> planner.firstWindow(ownZone, w, notBefore, notAfter));
        }
        ZoneId zone = campaignZone != null ? campaignZone : orgZone;
        if (mode == CampaignWindow.Mode.INSTEAD_OF_ORG_WINDOWS || !respectOrgWindows) {
            // an always-open org narrows nothing: the campaign's window alone
            return planner.firstWindow(zone, campaignHours, notBefore, notAfter);
        }
        if (own.isEmpty()) {
            return Optional.empty();
        }
        return intersection(ownZone, own.get(), zone, campaignHours, notBefore, notAfter);
    }

    /**
     * The first usable stretch in which both recurring windows are open: alternate between each one's
     * first window from t, moving t to the later start, until both open at the same instant; their
     * overlap is usable when it reaches the minimum, or when it is one side's whole usable window (a
     * short window inside a long one). Blackouts and the deadline hold on both sides, so on the overlap.
     */
    private Optional<TimeWindow> intersection(ZoneId zoneA, MaintenanceWindow a, ZoneId zoneB, MaintenanceWindow b,
            Instant notBefore, Instant notAfter) {
        Instant horizon = notBefore.plus(Duration.ofDays(WindowPlanner.HORIZON_DAYS));
        Instant t = notBefore;
        for (int i = 0; i < MAX_ALTERNATIONS && t.isBefore(horizon); i++) {
            Optional<TimeWindow> first = planner.firstWindow(zoneA, a, t, notAfter);
            if (first.isEmpty()) {
                return Optional.empty();
            }
            Optional<TimeWindow> second = planner.firstWindow(zoneB, b, first.get().start(), notAfter);
            if (second.isEmpty()) {
                return Optional.empty();
            }
            TimeWindow x = first.get();
            TimeWindow y = second.get();
            if (y.start().isAfter(x.start())) {
                t = y.start();
                continue;
            }
            Instant end = x.end().isBefore(y.end()) ? x.end() : y.end();
            TimeWindow overlap = new TimeWindow(x.start(), end);
            if (overlap.length().compareTo(planner.minimumUsable()) >= 0 || overlap.equals(x) || overlap.equals(y)) {
                return Optional.of(overlap);
            }
            t = end;
        }
        return Optional.empty();
    }
}
