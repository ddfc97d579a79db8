package io.upshift.planner.operations.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deadline report's counts: selected orgs by {@link DeadlineOutcome} and, within an outcome, by
 * reason. Fed with groups (an outcome and how many orgs have it), so a campaign of a million targets is
 * counted in the database and tallied here from a few rows. The total is targets + exclusions, by
 * construction: every group added is counted once in its outcome.
 */
public final class DeadlineTally {

    private final Map<DeadlineOutcome, Long> outcomes = new EnumMap<>(DeadlineOutcome.class);
    private final Map<DeadlineOutcome, Map<String, Long>> reasons = new EnumMap<>(DeadlineOutcome.class);
    private long targets;
    private long exclusions;

    public DeadlineTally() {
        for (DeadlineOutcome outcome : DeadlineOutcome.values()) {
            outcomes.put(outcome, 0L);
        }
    }

    /** {@code n} targets of the campaign with this outcome. */
    public DeadlineTally addTargets(DeadlineOutcome.Classified classified, long n) {
        targets += n;
        return add(classified, n);
    }

    /** {@code n} orgs scheduling excluded with this outcome. */
    public DeadlineTally addExclusions(DeadlineOutcome.Classified classified, long n) {
        exclusions += n;
        return add(classified, n);
    }

    private DeadlineTally add(DeadlineOutcome.Classified classified, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a count is never negative: " + n);
        }
        outcomes.merge(classified.outcome(), n, Long::sum);
        if (classified.reason() != null) {
            reasons.computeIfAbsent(classified.outcome(), o -> new TreeMap<>()).merge(classified.reason(), n, Long::sum);
        }
        return this;
    }

    /** Every outcome, zeros included, in the enum's order. */
    public Map<DeadlineOutcome, Long> outcomes() {
        return Collections.unmodifiableMap(outcomes);
    }

    /** For the outcomes that have reasons, the counts by reason (sorted by reason). */
    public Map<DeadlineOutcome, Map<String, Long>> reasons() {
        return Collections.unmodifiableMap(reasons);
    }

    public long targets() {
        return targets;
    }

    public long exclusions() {
        return exclusions;
    }

    public long total() {
        return targets + exclusions;
    }

    /**
     * Whether every selected org is upgraded by the deadline or already on the target: false while any
     * is still in progress, and for any failed, timed out, canceled, excluded or late one.
     */
    public boolean allMeetDeadline() {
        return outcomes.entrySet().stream().allMatch(e -> e.getKey().meetsDeadline() || e.getValue() == 0);
    }
}
