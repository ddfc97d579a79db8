package io.upshift.planner.planning.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Whether a campaign fits its deadline, with the figures a person needs to make it fit: the in-flight
 * cap and the release rate that would push every org in the time between the first window and the
 * deadline, against the cap the dispatcher applies.
 *
 * @param deadline the campaign's "complete by"
 * @param fits the projected finish is not after the deadline and no org lacks a window before it
 * @param projectedFinish when the last wave is projected to end (null when nothing is planned)
 * @param slack how long before the deadline the projection ends (negative when late; null when nothing is planned)
 * @param orgsWithoutWindowBeforeDeadline orgs excluded as NO_WINDOW_BEFORE_DEADLINE
 * @param neededMaxInFlight ceil(orgs × expectedUpgradeDuration ÷ (deadline − first start))
 * @param neededMaxCommandsPerMinute ceil(orgs ÷ minutes from the first start to the deadline)
 * @param maxInFlight the in-flight cap the dispatcher applies (the campaign's or the default), null for none
 * @param requestedSoak the soak time (strategy.minimumWaveDuration) the campaign asks for
 * @param plannedSoak the soak time planned: shorter than asked when that was needed to fit, down to zero
 * @param statement the verdict in one line, for people
 */
public record DeadlineFit(Instant deadline, boolean fits, Instant projectedFinish, Duration slack,
        long orgsWithoutWindowBeforeDeadline, long neededMaxInFlight, long neededMaxCommandsPerMinute,
        Integer maxInFlight, Duration requestedSoak, Duration plannedSoak, String statement) {

    /**
     * @param orgs orgs planned
     * @param firstStart the first instant a push can start (the first planned window, else the campaign's start)
     * @param expectedUpgradeDuration the campaign's expected push time
     */
    public static DeadlineFit of(Instant deadline, long orgs, Instant firstStart, Instant projectedFinish,
            long orgsWithoutWindowBeforeDeadline, Duration expectedUpgradeDuration, Integer maxInFlight,
            Duration requestedSoak, Duration plannedSoak) {
        Duration available = Duration.between(firstStart, deadline);
        long availableMillis = Math.max(1, available.toMillis());
        long neededInFlight = ceilDiv(orgs * expectedUpgradeDuration.toMillis(), availableMillis);
        long neededRate = ceilDiv(orgs * 60_000L, availableMillis);
        Duration slack = projectedFinish == null ? null : Duration.between(projectedFinish, deadline);
        boolean fits = (slack == null || !slack.isNegative()) && orgsWithoutWindowBeforeDeadline == 0;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ENGLISH, "%,d orgs in %s at a %s push need ≥ %,d in flight; ", orgs,
                human(available), adjective(expectedUpgradeDuration), neededInFlight));
        s.append(maxInFlight == null ? "no in-flight cap is set" : "your cap is " + String.format(Locale.ENGLISH,
                "%,d", maxInFlight));
        if (slack != null && slack.isNegative()) {
            s.append(", and the projection ends ").append(human(slack.negated())).append(" after the deadline");
        }
        if (orgsWithoutWindowBeforeDeadline > 0) {
            s.append(String.format(Locale.ENGLISH, "; %,d orgs have no window before the deadline",
                    orgsWithoutWindowBeforeDeadline));
        }
        if (fits) {
            s.append(": fits with ").append(human(slack == null ? available : slack)).append(" to spare");
        } else {
            s.append(": the campaign does not fit");
        }
        return new DeadlineFit(deadline, fits, projectedFinish, slack, orgsWithoutWindowBeforeDeadline, neededInFlight,
                neededRate, maxInFlight, requestedSoak, plannedSoak, s.toString());
    }

    /** Whether planning shortened the soak time to fit. */
    public boolean soakShortened() {
        return plannedSoak.compareTo(requestedSoak) < 0;
    }

    /** A duration for people: "6 h", "2 h 10 min", "45 s", "0". */
    public static String human(Duration d) {
        if (d.isNegative()) {
            return "-" + human(d.negated());
        }
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        long seconds = d.toSecondsPart();
        StringBuilder s = new StringBuilder();
        if (days > 0) {
            s.append(days).append(" d ");
        }
        if (hours > 0) {
            s.append(hours).append(" h ");
        }
        if (minutes > 0) {
            s.append(minutes).append(" min ");
        }
        // seconds only where they matter: short durations (compressed-time demos)
        if (seconds > 0 && days == 0 && hours == 0) {
            s.append(seconds).append(" s ");
        }
        if (s.isEmpty()) {
            return d.isZero() ? "0" : d.toMillis() + " ms";
        }
        return s.toString().strip();
    }

    private static String adjective(Duration d) {
        if (d.toSecondsPart() == 0 && d.toMinutes() > 0 && d.toHours() == 0) {
            return d.toMinutes() + "-minute";
        }
        if (d.toMinutes() == 0 && d.toSeconds() > 0 && d.toMillisPart() == 0) {
            return d.toSeconds() + "-second";
        }
        return human(d);
    }

    private static long ceilDiv(long a, long b) {
        return Math.ceilDiv(a, b);
    }
}
