package io.upshift.planner.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignSpec.Canary;
import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import io.upshift.planner.campaign.domain.CampaignSpec.Ramp;
import io.upshift.planner.campaign.domain.CampaignSpec.RampType;
import io.upshift.planner.campaign.domain.CampaignSpec.Strategy;
import io.upshift.planner.campaign.domain.ChronicOrgs;
import io.upshift.planner.campaign.domain.PilotWave;
import io.upshift.planner.campaign.domain.Specs;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.inventory.domain.OrgType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Pilot lists go first, in the strategy's order, one wave each; chronic orgs go last, after every other wave.
 */
class PilotAndChronicWavesTest {

    private static final Instant START = Specs.NOW.plus(Duration.ofHours(72));
    private static final Strategy CANARY_AND_DOUBLING = new Strategy(true, new Canary(2, null),
            new Ramp(RampType.DOUBLING, List.of()), false, Duration.ZERO, ChronicOrgs.DEFAULT,
            List.of(new PilotWave("test orgs", null), new PilotWave("design partners", Specs.gate(0, 1))));

    @Test
    void pilotWavesComeFirstInTheStrategysOrderAndChronicOrgsLast() {
        List<WaveSlot> waves = WavePlanner.plan(CANARY_AND_DOUBLING, List.of(3L, 2L), 4, 10, 5);

        assertThat(waves).extracting(WaveSlot::kind).containsExactly(WaveKind.PILOT, WaveKind.PILOT, WaveKind.SANDBOX,
                WaveKind.CANARY, WaveKind.RAMP, WaveKind.RAMP, WaveKind.CHRONIC);
        assertThat(waves).extracting(WaveSlot::pilotList).startsWith("test orgs", "design partners", null);
        assertThat(waves.getFirst()).isEqualTo(new WaveSlot(1, WaveKind.PILOT, Pool.PILOT, 0, 3, "test orgs"));
        assertThat(waves.get(1)).isEqualTo(new WaveSlot(2, WaveKind.PILOT, Pool.PILOT, 3, 5, "design partners"));
        assertThat(waves.getLast()).isEqualTo(new WaveSlot(7, WaveKind.CHRONIC, Pool.CHRONIC, 0, 5));
    }

    @Test
    void aPilotListWithoutEligibleOrgsGetsNoWaveAndTheNextKeepsItsName() {
        List<WaveSlot> waves = WavePlanner.plan(CANARY_AND_DOUBLING, List.of(0L, 2L), 0, 10, 0);

        assertThat(waves.getFirst()).isEqualTo(new WaveSlot(1, WaveKind.PILOT, Pool.PILOT, 0, 2, "design partners"));
        assertThat(waves).extracting(WaveSlot::kind).doesNotContain(WaveKind.CHRONIC);
    }

    @Test
    void withoutPilotsOrChronicOrgsTheWavesAreAsBefore() {
        assertThat(WavePlanner.plan(CANARY_AND_DOUBLING, List.of(0L, 0L), 4, 10, 0))
                .isEqualTo(WavePlanner.plan(CANARY_AND_DOUBLING, 4, 10));
    }

    /**
     * Invariant: with LAST_WAVE, a chronic org is never in a wave before a non-chronic one, pilot orgs are in
     * waves before every other org (in list order), and every org lands in exactly one wave — whatever the
     * sizes, the strategy and the order the rest arrive in.
     */
    @Property(tries = 300)
    void chronicOrgsAreNeverBeforeAnyOtherAndPilotsNeverAfter(
            @ForAll @Size(max = 3) List<@IntRange(min = 0, max = 15) Integer> pilotSizes,
            @ForAll @IntRange(min = 0, max = 30) int sandboxes, @ForAll @IntRange(min = 0, max = 300) int main,
            @ForAll @IntRange(min = 0, max = 30) int chronic, @ForAll @IntRange(min = 1, max = 20) int canary,
            @ForAll boolean sandboxesFirst, @ForAll long seed) {
        List<PilotWave> pilotWaves = new ArrayList<>();
        for (int i = 0; i < pilotSizes.size(); i++) {
            pilotWaves.add(new PilotWave("list " + i, null));
        }
        Strategy strategy = new Strategy(sandboxesFirst, new Canary(canary, null),
                new Ramp(RampType.DOUBLING, List.of()), false, Duration.ZERO, ChronicOrgs.DEFAULT, pilotWaves);
        List<Candidate> orgs = new ArrayList<>();
        Map<String, Integer> pilotIndex = new HashMap<>();
        for (int i = 0; i < pilotSizes.size(); i++) {
            for (int j = 0; j < pilotSizes.get(i); j++) {
                String id = "P" + i + "-" + j;
                pilotIndex.put(id, i);
                orgs.add(org(id, OrgType.PRODUCTION, Pool.PILOT));
            }
        }
        List<Candidate> rest = new ArrayList<>();
        for (int i = 0; i < sandboxes; i++) {
            rest.add(org("S" + i, OrgType.SANDBOX, sandboxesFirst ? Pool.SANDBOXES : Pool.MAIN));
        }
        for (int i = 0; i < main; i++) {
            rest.add(org("M" + i, OrgType.PRODUCTION, Pool.MAIN));
        }
        Collections.shuffle(rest, new Random(seed));
        rest.sort(Comparator.comparing(Candidate::pool)); // the query's order: pool, then a seeded rank
        orgs.addAll(rest);
        for (int i = 0; i < chronic; i++) {
            orgs.add(org("C" + i, i % 3 == 0 ? OrgType.SANDBOX : OrgType.PRODUCTION, Pool.CHRONIC));
        }
        long sandboxPool = sandboxesFirst ? sandboxes : 0;
        List<WaveSlot> slots = WavePlanner.plan(strategy, pilotSizes.stream().map(Integer::longValue).toList(),
                sandboxPool, main + sandboxes - sandboxPool, chronic);
        PlanBuilder plan = new PlanBuilder(slots, sandboxesFirst, START,
                new Pacing(null, null, null, null, Duration.ofMinutes(1)), Duration.ZERO,
                new WindowPlanner(List.of()), true);

        Map<String, Integer> waveOf = new HashMap<>();
        for (Candidate org : orgs) {
            waveOf.put(org.orgId(), ((Placement.Placed) plan.place(org)).wave());
        }

        int lastNonChronic = waveOf.entrySet().stream().filter(e -> !e.getKey().startsWith("C"))
                .mapToInt(Map.Entry::getValue).max().orElse(0);
        int firstChronic = waveOf.entrySet().stream().filter(e -> e.getKey().startsWith("C"))
                .mapToInt(Map.Entry::getValue).min().orElse(Integer.MAX_VALUE);
        assertThat(firstChronic).isGreaterThan(lastNonChronic);
        int lastPilot = waveOf.entrySet().stream().filter(e -> e.getKey().startsWith("P"))
                .mapToInt(Map.Entry::getValue).max().orElse(0);
        int firstOther = waveOf.entrySet().stream().filter(e -> !e.getKey().startsWith("P"))
                .mapToInt(Map.Entry::getValue).min().orElse(Integer.MAX_VALUE);
        assertThat(firstOther).isGreaterThan(lastPilot);
        // pilot lists in the strategy's order, one wave each
        pilotIndex.forEach((a, i) -> pilotIndex.forEach((b, j) -> {
            if (i < j) {
                assertThat(waveOf.get(a)).isLessThan(waveOf.get(b));
            } else if (i.equals(j)) {
                assertThat(waveOf.get(a)).isEqualTo(waveOf.get(b));
            }
        }));
        assertThat(plan.projections().stream().mapToLong(WaveProjection::size).sum()).isEqualTo(orgs.size());
    }

    private static Candidate org(String id, OrgType type, Pool pool) {
        return new Candidate(id, type, "NA1", ZoneOffset.UTC, Optional.of(MaintenanceWindow.ALWAYS_OPEN), pool);
    }

}
