package io.upshift.planner.campaign.domain;

import io.upshift.planner.campaign.domain.CampaignSpec.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A wave of the orgs of one pilot list ("our test orgs", "design partners"), before the canary. Pilot waves
 * run in the order the strategy lists them, each judged by its own gate; an org on several lists goes with
 * the first of them.
 *
 * @param list the pilot list's name
 * @param gate the gate of this wave; null: the campaign's gate
 */
public record PilotWave(String list, GateRule gate) {

    /** The most pilot waves a campaign may have. */
    public static final int MAX = 10;

    public PilotWave {
        Objects.requireNonNull(list, "list");
    }

    /** The gate that judges {@code wave}: its pilot list's own, else the campaign's. */
    public static GateRule gateOf(CampaignSpec spec, Wave wave) {
        if (wave.pilotList() != null) {
            for (PilotWave pilot : spec.strategy().pilotWaves()) {
                if (pilot.list().equals(wave.pilotList()) && pilot.gate() != null) {
                    return pilot.gate();
                }
            }
        }
        return spec.gate();
    }

    static void problems(List<PilotWave> waves, List<Problem> problems) {
        if (waves.size() > MAX) {
            problems.add(new Problem("strategy.pilotWaves", "at most " + MAX + " pilot waves"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < waves.size(); i++) {
            PilotWave wave = waves.get(i);
            if (wave.list().isBlank()) {
                problems.add(new Problem("strategy.pilotWaves[" + i + "].list", "must name a pilot list"));
            } else if (!seen.add(wave.list())) {
                problems.add(new Problem("strategy.pilotWaves[" + i + "].list",
                        "the list '" + wave.list() + "' has a wave already"));
            }
        }
    }
}
