package io.upshift.planner.campaign.domain;


/**
 * Org targets of a wave (or a campaign) by state. {@code pending} is PLANNED + NOTIFIED.
 * "Finished" orgs are those that tell something about the release: succeeded, failed, timed out —
 * skipped orgs (already on the target) and canceled ones do not.
 */
public record WaveCounts(int total, int pending, int dispatched, int succeeded, int failed, int skipped,
        int canceled, int timedOut) {

    public static final WaveCounts ZERO = new WaveCounts(0, 0, 0, 0, 0, 0, 0, 0);

    public int finished() {
        return succeeded + failed + timedOut;
    }

    public int terminal() {
        return succeeded + failed + skipped + canceled + timedOut;
    }

    /** No org is waiting or in flight. */
    public boolean allTerminal() {
        return pending == 0 && dispatched == 0;
    }

    public int failures(GateRule rule) {
        return (rule.counts(TargetState.FAILED) ? failed : 0) + (rule.counts(TargetState.TIMED_OUT) ? timedOut : 0);
    }

    public int count(TargetState state) {
        return switch (state) {
            case PLANNED, NOTIFIED -> pending;
            case DISPATCHED -> dispatched;
            case SUCCEEDED -> succeeded;
            case FAILED -> failed;
            case SKIPPED -> skipped;
            case CANCELED -> canceled;
            case TIMED_OUT -> timedOut;
        };
    }

    /** These counts after {@code n} orgs moved from one state to another. */
    public WaveCounts move(TargetState from, TargetState to, int n) {
        return add(from, -n).add(to, n);
    }

    public WaveCounts add(TargetState state, int n) {
        return switch (state) {
            case PLANNED, NOTIFIED -> new WaveCounts(total, pending + n, dispatched, succeeded, failed, skipped, canceled, timedOut);
            case DISPATCHED -> new WaveCounts(total, pending, dispatched + n, succeeded, failed, skipped, canceled, timedOut);
            case SUCCEEDED -> new WaveCounts(total, pending, dispatched, succeeded + n, failed, skipped, canceled, timedOut);
            case FAILED -> new WaveCounts(total, pending, dispatched, succeeded, failed + n, skipped, canceled, timedOut);
            case SKIPPED -> new WaveCounts(total, pending, dispatched, succeeded, failed, skipped + n, canceled, timedOut);
            case CANCELED -> new WaveCounts(total, pending, dispatched, succeeded, failed, skipped, canceled + n, timedOut);
            case TIMED_OUT -> new WaveCounts(total, pending, dispatched, succeeded, failed, skipped, canceled, timedOut + n);
        };
    }

    public WaveCounts plus(WaveCounts other) {
        return new WaveCounts(total + other.total, pending + other.pending, dispatched + other.dispatched,
                succeeded + other.succeeded, failed + other.failed, skipped + other.skipped,
                canceled + other.canceled, timedOut + other.timedOut);
    }
}
