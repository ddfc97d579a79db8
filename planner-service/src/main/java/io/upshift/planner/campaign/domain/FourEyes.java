package io.upshift.planner.campaign.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The four-eyes rule: whoever created a campaign cannot approve its first production wave — the
 * first wave that upgrades orgs customers work in — so a second person looks at the sandboxes'
 * results before production is touched. Later waves, and sandbox waves, the creator may approve.
 */
public final class FourEyes {

    private FourEyes() {
    }

    /** Why {@code approver} may not approve {@code waiting}, or empty when the rule allows it. */
    public static Optional<String> objection(Campaign campaign, List<Wave> waves, Wave waiting, String approver) {
        String creator = campaign.spec().createdBy();
        if (creator == null || !creator.equals(approver)) {
            return Optional.empty();
        }
        Optional<Wave> firstProduction = waves.stream().filter(w -> !"SANDBOX".equals(w.kind()))
                .min(Comparator.comparingInt(Wave::number));
        if (firstProduction.isEmpty() || firstProduction.get().number() != waiting.number()) {
            return Optional.empty();
        }
        return Optional.of(approver + " created campaign " + campaign.id() + " and so cannot approve wave "
                + waiting.number() + ", its first production wave: another person with the APPROVER role must");
    }
}
