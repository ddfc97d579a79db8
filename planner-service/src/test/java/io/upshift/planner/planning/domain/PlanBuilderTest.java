package io.upshift.planner.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import io.upshift.planner.campaign.domain.Specs;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {

    private static final Instant START = Specs.NOW.plus(Duration.ofHours(72));

    @Test
    void plansLaterWavesAfterTheProjectedEndOfTheWaveBefore() {
        // given 2 sandboxes, then a canary of 1 and the rest, always-open orgs, 10-minute upgrades
        List<WaveSlot> slots = WavePlanner.plan(Specs.sandboxesThenCanaryThenDoubling(1), 2, 3);
        PlanBuilder plan = new PlanBuilder(slots, true, START, new Pacing(null, null, null, null, Duration.ofMinutes(10)),
                Duration.ZERO, new WindowPlanner(List.of()), true);

        // when
        Placement s1 = plan.place(org("A", OrgType.SANDBOX));
        plan.place(org("B", OrgType.SANDBOX));
        Placement canary = plan.place(org("C", OrgType.PRODUCTION));
        plan.place(org("D", OrgType.PRODUCTION));
        plan.place(org("E", OrgType.PRODUCTION));
        List<WaveProjection> waves = plan.projections();

        // then
        assertThat(s1).isEqualTo(new Placement.Placed(1, new TimeWindow(START, START.plus(Duration.ofHours(24)))));
        assertThat(canary).isInstanceOfSatisfying(Placement.Placed.class, p -> {
            assertThat(p.wave()).isEqualTo(2);
            assertThat(p.window().start()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        });
        assertThat(waves).extracting(WaveProjection::size).containsExactly(2L, 1L, 2L);
        assertThat(waves.get(2).projectedEnd()).isEqualTo(START.plus(Duration.ofMinutes(30)));
    }

    @Test
    void projectsAWaveByItsSlowestCap() {
        // given 120 orgs in one wave, 60 a minute: two minutes of releasing, then one upgrade
        List<WaveSlot> slots = WavePlanner.plan(new io.upshift.planner.campaign.domain.CampaignSpec.Strategy(
                false, null, null, false, Duration.ZERO), 0, 120);
        PlanBuilder plan = new PlanBuilder(slots, false, START, new Pacing(60, 1000, null, null, Duration.ofMinutes(1)),
                Duration.ZERO, new WindowPlanner(List.of()), true);

        for (int i = 0; i < 120; i++) {
            plan.place(org("O" + i, OrgType.PRODUCTION));
        }

        assertThat(plan.projections().getFirst().projectedEnd()).isEqualTo(START.plus(Duration.ofMinutes(3)));
    }

    @Test
    void projectsAWaveByItsBusiestPodsRate() {
        // given 120 orgs in one wave, all on one pod that takes 30 commands a minute: four minutes, then one upgrade
        List<WaveSlot> slots = WavePlanner.plan(new io.upshift.planner.campaign.domain.CampaignSpec.Strategy(
                false, null, null, false, Duration.ZERO), 0, 120);
        PlanBuilder plan = new PlanBuilder(slots, false, START, new Pacing(600, null, null, 30, Duration.ofMinutes(1)),
                Duration.ZERO, new WindowPlanner(List.of()), true);

        for (int i = 0; i < 120; i++) {
            plan.place(org("O" + i, OrgType.PRODUCTION));
        }

        assertThat(plan.projections().getFirst().projectedEnd()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    }

    @Test
    void excludesAnOrgWithoutAWindow() {
        List<WaveSlot> slots = WavePlanner.plan(Specs.sandboxesThenCanaryThenDoubling(1), 0, 1);
        PlanBuilder plan = new PlanBuilder(slots, true, START, Pacing.UNLIMITED, Duration.ZERO,
                new WindowPlanner(List.of()), true);
        Optional<MaintenanceWindow> never = MaintenanceWindow.ofStored(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT);

        Placement placement = plan.place(new Candidate("X", OrgType.PRODUCTION, "NA1", ZoneId.of("UTC"), never));

        assertThat(placement).isEqualTo(new Placement.Excluded(ExclusionReason.NO_WINDOW));
    }

    @Test
    void ignoresMaintenanceWindowsWhenTheCampaignSaysSo() {
        List<WaveSlot> slots = WavePlanner.plan(Specs.sandboxesThenCanaryThenDoubling(1), 0, 1);
        PlanBuilder plan = new PlanBuilder(slots, true, START, Pacing.UNLIMITED, Duration.ZERO,
                new WindowPlanner(List.of()), false);
        MaintenanceWindow saturdays = new MaintenanceWindow(Set.of(DayOfWeek.SATURDAY), LocalTime.of(1, 0),
                LocalTime.of(2, 0));

        Placement placement = plan.place(new Candidate("X", OrgType.PRODUCTION, "NA1", ZoneId.of("UTC"),
                Optional.of(saturdays)));

        assertThat(placement).isInstanceOfSatisfying(Placement.Placed.class,
                p -> assertThat(p.window().start()).isEqualTo(START));
    }

    @Test
    void plansAnOrgThatNeverOpensWhenTheCampaignIgnoresMaintenanceWindows() {
        List<WaveSlot> slots = WavePlanner.plan(Specs.sandboxesThenCanaryThenDoubling(1), 0, 1);
        PlanBuilder plan = new PlanBuilder(slots, true, START, Pacing.UNLIMITED, Duration.ZERO,
                new WindowPlanner(List.of()), false);

        Placement placement = plan.place(new Candidate("X", OrgType.PRODUCTION, "NA1", ZoneId.of("UTC"),
                Optional.empty()));

        assertThat(placement).isEqualTo(new Placement.Placed(1, new TimeWindow(START, START.plus(Duration.ofHours(24)))));
    }

    @Test
    void refusesOrgsOutOfWaveOrder() {
        List<WaveSlot> slots = WavePlanner.plan(Specs.sandboxesThenCanaryThenDoubling(1), 1, 2);
        PlanBuilder plan = new PlanBuilder(slots, true, START, Pacing.UNLIMITED, Duration.ZERO,
                new WindowPlanner(List.of()), true);
        plan.place(org("P", OrgType.PRODUCTION));

        assertThatThrownBy(() -> plan.place(org("S", OrgType.SANDBOX))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shortensTheSoakToTheLongestWithWhichTheLastWaveEndsByTheDeadline() {
        // given a canary of 1 and a ramp of 2, always-open orgs, 10-minute pushes, a 30-minute soak: the plan
        // ends 60 minutes after the start (two soaks), but the deadline is 34 minutes after it
        Instant deadline = START.plus(Duration.ofMinutes(34));
        PlanBuilder plan = soaking(Duration.ofMinutes(30), deadline);

        // then the longest soak that fits is 17 minutes: two waves of 17 end at the deadline
        Duration soak = plan.longestSoakEndingBy(deadline);
        assertThat(soak).isEqualTo(Duration.ofMinutes(17));
        List<WaveProjection> waves = soaking(soak, deadline).projections();
        assertThat(waves).extracting(WaveProjection::size).containsExactly(1L, 2L);
        assertThat(waves.getLast().projectedEnd()).isEqualTo(deadline);
    }

    @Test
    void keepsTheSoakAskedForWhenItFitsAndGoesToZeroWhenNothingFits() {
        Instant roomy = START.plus(Duration.ofHours(2));
        Instant tight = START.plus(Duration.ofMinutes(15));

        assertThat(soaking(Duration.ofMinutes(30), roomy).longestSoakEndingBy(roomy)).isEqualTo(Duration.ofMinutes(30));
        // two waves of a 10-minute push take 20 minutes whatever the soak
        assertThat(soaking(Duration.ofMinutes(30), tight).longestSoakEndingBy(tight)).isEqualTo(Duration.ZERO);
    }

    @Test
    void replaysTheSamePlanFromItsGroups() {
        Instant deadline = START.plus(Duration.ofDays(3));
        PlanBuilder plan = soaking(Duration.ofMinutes(30), deadline);

        List<WaveProjection> replayed = plan.replay(Duration.ofMinutes(30));

        assertThat(replayed).isEqualTo(plan.projections());
    }

    /** A canary of one and a ramp of two always-open orgs, placed, with a deadline and a 1-minute usable minimum. */
    private static PlanBuilder soaking(Duration soak, Instant deadline) {
        List<WaveSlot> slots = WavePlanner.plan(new io.upshift.planner.campaign.domain.CampaignSpec.Strategy(false,
                new io.upshift.planner.campaign.domain.CampaignSpec.Canary(1, null), null, false, soak), 0, 3);
        UpgradeWindows windows = new UpgradeWindows(new WindowPlanner(List.of(), Duration.ofMinutes(1),
                Duration.ofHours(24)), true, null, deadline);
        PlanBuilder plan = new PlanBuilder(slots, false, START, new Pacing(null, null, null, null,
                Duration.ofMinutes(10)), soak, windows).recordingGroups();
        for (String id : List.of("A", "B", "C")) {
            plan.place(org(id, OrgType.PRODUCTION));
        }
        return plan;
    }

    private static Candidate org(String id, OrgType type) {
        return new Candidate(id, type, "NA1", ZoneId.of("UTC"), Optional.of(MaintenanceWindow.ALWAYS_OPEN));
    }
}
