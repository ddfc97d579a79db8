package io.upshift.planner.campaign.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The four-eyes rule: neither whoever created a campaign nor whoever scheduled it can approve its
 * first production wave — the first wave that upgrades orgs customers work in, whether sandboxes go
 * before it or not — so a second person looks before production is touched. Later waves, and
 * sandbox waves, they may approve. An urgent campaign (shorter notice, {@link Urgency}) adds one: its
 * first wave, even one of sandboxes only, is approved by a second person too.
 */
public final class FourEyes {

    private FourEyes() {
    }

    /** Why {@code approver} may not approve {@code waiting}, or empty when the rule allows it. */
    public static Optional<String> objection(Campaign campaign, List<Wave> waves, Wave waiting, String approver) {
        String role = approver == null ? null
                : approver.equals(campaign.spec().createdBy()) ? "created"
                : approver.equals(campaign.scheduledBy()) ? "scheduled"
                : null;
        if (role == null) {
            return Optional.empty();
        }
        Optional<Wave> first = waves.stream().min(Comparator.comparingInt(Wave::number));
        if (campaign.spec().schedule().urgent() && first.isPresent() && first.get().number() == waiting.number()) {
            return Optional.of(approver + " " + role + " campaign " + campaign.id() + " and so cannot approve wave "
                    + waiting.number() + ", the first wave of an urgent campaign (" + campaign.spec().schedule().urgency()
                    .reason() + "): another person with the APPROVER role must");
        }
        Optional<Wave> firstProduction = waves.stream().filter(w -> !w.sandboxesOnly())
                .min(Comparator.comparingInt(Wave::number));
        if (firstProduction.isEmpty() || firstProduction.get().number() != waiting.number()) {
            return Optional.empty();
        }
        return Optional.of(approver + " " + role + " campaign " + campaign.id() + " and so cannot approve wave "
                + waiting.number() + ", its first production wave: another person with the APPROVER role must");
    }
}
