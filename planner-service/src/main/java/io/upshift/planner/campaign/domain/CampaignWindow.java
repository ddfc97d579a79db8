package io.upshift.planner.campaign.domain;

import io.upshift.planner.campaign.domain.CampaignSpec.Problem;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The ISV's own maintenance window for a campaign ("Saturday 02:00–08:00 UTC", or the same local
 * hours in each org's zone): the days it opens on and its start and end (an end not after the start
 * runs past midnight; start equal to end is 24 hours). Seconds are allowed, so that compressed-time
 * demos and tests can use windows of a minute.
 *
 * @param days the days it opens on (null or empty: every day)
 * @param start local start
 * @param end local end
 * @param timeZone the IANA zone it is read in; null: each org's own zone (the same local hours everywhere)
 * @param mode whether it replaces each org's window or narrows it (default {@link Mode#WITHIN_ORG_WINDOWS})
 */
public record CampaignWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, String timeZone, Mode mode) {

    public CampaignWindow {
        days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : Set.copyOf(EnumSet.copyOf(days));
        mode = mode == null ? Mode.WITHIN_ORG_WINDOWS : mode;
    }

    /** How the campaign's window combines with each org's own. */
    public enum Mode {
        /** An org is upgraded only when both its own window and the campaign's are open. */
        WITHIN_ORG_WINDOWS,
        /** The campaign's window is used instead of each org's own. */
        INSTEAD_OF_ORG_WINDOWS
    }

    /** Whether it is read in each org's own zone rather than one zone for all. */
    public boolean inEachOrgsZone() {
        return timeZone == null;
    }

    void problems(String field, List<Problem> problems) {
        if (start == null) {
            problems.add(new Problem(field + ".start", "must be given, as local HH:mm (or HH:mm:ss)"));
        }
        if (end == null) {
            problems.add(new Problem(field + ".end", "must be given, as local HH:mm (or HH:mm:ss)"));
        }
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                problems.add(new Problem(field + ".timeZone", "'" + timeZone
                        + "' is not an IANA time zone (e.g. UTC, Europe/Berlin); leave it out for each org's own zone"));
            }
        }
    }
}
