package io.upshift.planner.train.domain;

import io.upshift.planner.inventory.domain.PackageVersionNumber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One tier of a train as it is defined: its package, the version it pushes, and what it needs.
 *
 * @param requires null for a tier that needs no other package of the train
 */
public record TierPlan(String packageId, PackageVersionNumber target, Requirement requires) {

    /** The most tiers a train has: a release train, not a fleet-wide dependency graph. */
    public static final int MAX_TIERS = 10;

    /** A problem with a train's definition, naming the field ({@code tiers[1].requires.packageId}). */
    public record Problem(String field, String message) {
    }

    /**
     * Everything that must hold for tiers to make a train, in order: at least two tiers, each package
     * once, each requirement naming the package of an earlier tier (so the tiers are an order the
     * pushes can follow: no cycles), at a minimum that the earlier tier's target reaches — else no
     * org could ever meet it and the tier would push nothing.
     */
    public static List<Problem> check(List<TierPlan> tiers) {
        List<Problem> problems = new ArrayList<>();
        if (tiers.size() < 2 || tiers.size() > MAX_TIERS) {
            problems.add(new Problem("tiers", "a train has 2 to " + MAX_TIERS + " tiers, not " + tiers.size()));
            return problems;
        }
        Map<String, Integer> earlier = new HashMap<>();
        for (int i = 0; i < tiers.size(); i++) {
            TierPlan tier = tiers.get(i);
            if (earlier.containsKey(tier.packageId())) {
                problems.add(new Problem("tiers[" + i + "].campaign.packageId", "package " + tier.packageId()
                        + " is already tier " + (earlier.get(tier.packageId()) + 1) + ": each package once per train"));
            }
            Requirement needs = tier.requires();
            if (needs != null) {
                Integer base = earlier.get(needs.packageId());
                if (needs.packageId().equals(tier.packageId())) {
                    problems.add(new Problem("tiers[" + i + "].requires.packageId", "a tier cannot require its own package"));
                } else if (base == null) {
                    problems.add(new Problem("tiers[" + i + "].requires.packageId", "package " + needs.packageId()
                            + " is not the package of an earlier tier: a tier may only require one that runs before it"));
                } else if (tiers.get(base).target().compareTo(needs.minimum()) < 0) {
                    problems.add(new Problem("tiers[" + i + "].requires.minimumVersion", "tier " + (base + 1)
                            + " pushes " + tiers.get(base).target() + ", below the required " + needs.minimum()
                            + ": no org could meet it"));
                }
            }
            earlier.putIfAbsent(tier.packageId(), i);
        }
        if (tiers.getFirst().requires() != null && problems.isEmpty()) {
            problems.add(new Problem("tiers[0].requires", "the first tier cannot require another tier"));
        }
        return problems;
    }
}
