package io.upshift.planner.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.dispatch.domain.DeadlineWatch.Input;
import io.upshift.planner.dispatch.domain.DeadlineWatch.Projection;
import io.upshift.planner.dispatch.domain.DeadlineWatch.WaveLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineWatchTest {

    private static final Instant NOW = Instant.parse("2026-03-07T02:00:00Z");
    private static final Duration PUSH = Duration.ofMinutes(20);

    @Test
    void aCampaignThatFitsIsOnTrackAndSaysItsSlack() {
        // 200 orgs, 100 at a time, 20 minutes each: two rounds, done at 02:40; deadline 08:00
        Projection p = project(running(200), List.of(), 100, NOW.plus(Duration.ofHours(6)));

        assertThat(p.finish()).isEqualTo(NOW.plus(Duration.ofMinutes(40)));
        assertThat(p.atRisk()).isFalse();
        assertThat(p.slack(NOW.plus(Duration.ofHours(6)))).isEqualTo(Duration.ofMinutes(320));
    }

    @Test
    void aCapTooLowForTheDeadlineIsAtRiskAndCountsTheOrgsThatWillNotMakeIt() {
        // the hotfix: 2,400 orgs in 6 h at 20 minutes a push need 134 in flight; with 100, 18 rounds fit
        Projection p = project(running(2400), List.of(), 100, NOW.plus(Duration.ofHours(6)));

        assertThat(p.atRisk()).isTrue();
        assertThat(p.finish()).isEqualTo(NOW.plus(Duration.ofMinutes(24 * 20)));
        assertThat(p.orgsAtRisk()).isEqualTo(2400 - 18 * 100);
        assertThat(p.slack(NOW.plus(Duration.ofHours(6)))).isNegative();
        // with 134 in flight it fits
        assertThat(project(running(2400), List.of(), 134, NOW.plus(Duration.ofHours(6))).atRisk()).isFalse();
    }

    @Test
    void theRateCapSlowsReleasesToo() {
        // 600 orgs, no in-flight cap, 10 a minute: the last is released after 59:54 and done 20 minutes later
        Input in = new Input(CampaignState.RUNNING, NOW, NOW.plus(Duration.ofMinutes(60)), running(600), List.of(), null,
                10, PUSH, Duration.ZERO);

        Projection p = DeadlineWatch.project(in);

        assertThat(p.finish()).isEqualTo(NOW.plus(Duration.ofSeconds(599 * 6)).plus(PUSH));
        // orgs released after 00:40 end after the deadline: 600 - 401
        assertThat(p.orgsAtRisk()).isEqualTo(199);
    }

    @Test
    void laterWavesWaitForTheSoakTimeOfTheOnesBefore() {
        // wave 1 running since now with a 2 h soak, wave 2 of 10 orgs after it: done at 02:00 + 2 h + 20 min
        List<WaveLoad> waves = List.of(new WaveLoad(1, WaveState.RUNNING, 0, NOW),
                new WaveLoad(2, WaveState.PENDING, 10, null));
        Input in = new Input(CampaignState.RUNNING, NOW, NOW.plus(Duration.ofHours(2)), waves, List.of(), 50, null, PUSH,
                Duration.ofHours(2));

        Projection p = DeadlineWatch.project(in);

        assertThat(p.finish()).isEqualTo(NOW.plus(Duration.ofMinutes(140)));
        assertThat(p.orgsAtRisk()).isEqualTo(10);
    }

    @Test
    void aWaveWaitingForApprovalIsProjectedAsIfApprovedNowSoALateApprovalBecomesARisk() {
        // wave 1 passed; wave 2 (100 orgs, 50 at a time) waits for approval: two rounds of 20 minutes from now
        List<WaveLoad> waves = List.of(new WaveLoad(1, WaveState.PASSED, 0, NOW.minus(Duration.ofHours(5))),
                new WaveLoad(2, WaveState.PENDING, 100, null));
        Instant deadline = NOW.plus(Duration.ofHours(1));

        Projection early = DeadlineWatch.project(new Input(CampaignState.RUNNING, NOW, deadline, waves, List.of(), 50,
                null, PUSH, Duration.ZERO));
        Projection late = DeadlineWatch.project(new Input(CampaignState.RUNNING, NOW.plus(Duration.ofMinutes(30)),
                deadline, waves, List.of(), 50, null, PUSH, Duration.ZERO));

        assertThat(early.atRisk()).isFalse();
        assertThat(early.finish()).isEqualTo(NOW.plus(Duration.ofMinutes(40)));
        assertThat(late.atRisk()).isTrue();
        assertThat(late.finish()).isEqualTo(NOW.plus(Duration.ofMinutes(70)));
        assertThat(late.orgsAtRisk()).isEqualTo(50);
    }

    @Test
    void aHaltedOrPausedCampaignCannotFinishAndEveryWaitingOrgIsAtRisk() {
        List<WaveLoad> waves = List.of(new WaveLoad(1, WaveState.HALTED, 30, NOW.minus(Duration.ofMinutes(10))));
        // two in flight, released 5 minutes ago: they end at 02:15, before the deadline
        List<Instant> inFlight = List.of(NOW.minus(Duration.ofMinutes(5)), NOW.minus(Duration.ofMinutes(5)));

        for (CampaignState state : List.of(CampaignState.HALTED, CampaignState.PAUSED)) {
            Projection p = DeadlineWatch.project(new Input(state, NOW, NOW.plus(Duration.ofDays(3)), waves, inFlight,
                    50, null, PUSH, Duration.ZERO));

            assertThat(p.finish()).as(state.name()).isNull();
            assertThat(p.slack(NOW.plus(Duration.ofDays(3)))).isNull();
            assertThat(p.atRisk()).isTrue();
            assertThat(p.orgsAtRisk()).isEqualTo(30);
        }
        // a paused campaign with nothing waiting finishes when its pushes in flight end
        Projection drained = DeadlineWatch.project(new Input(CampaignState.PAUSED, NOW, NOW.plus(Duration.ofDays(3)),
                List.of(new WaveLoad(1, WaveState.RUNNING, 0, NOW)), inFlight, 50, null, PUSH, Duration.ZERO));
        assertThat(drained.finish()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(drained.atRisk()).isFalse();
    }

    @Test
    void slowPushesShowBeforeTheyFinish() {
        // expected 20 minutes, but a push in flight has run for 50: the projection assumes 50 for every push
        Instant deadline = NOW.plus(Duration.ofMinutes(90));
        List<Instant> inFlight = List.of(NOW.minus(Duration.ofMinutes(50)), NOW.minus(Duration.ofMinutes(1)));

        Projection slow = project(running(2), inFlight, 2, deadline);
        Projection asExpected = project(running(2), List.of(NOW.minus(Duration.ofMinutes(1))), 2, deadline);

        assertThat(slow.push()).isEqualTo(Duration.ofMinutes(50));
        // the young push ends at 02:49 and its slot's next org at 03:39, after the deadline at 03:30
        assertThat(slow.finish()).isEqualTo(NOW.plus(Duration.ofMinutes(99)));
        assertThat(slow.atRisk()).isTrue();
        assertThat(slow.orgsAtRisk()).isEqualTo(1);
        assertThat(asExpected.atRisk()).isFalse();
    }

    @Test
    void orgsInFlightHoldTheirSlotsUntilTheirPushEnds() {
        // cap 2, both slots busy until 02:10 and 02:15: the two waiting orgs end at 02:30 and 02:35
        List<Instant> inFlight = List.of(NOW.minus(Duration.ofMinutes(10)), NOW.minus(Duration.ofMinutes(5)));

        Projection p = project(running(2), inFlight, 2, NOW.plus(Duration.ofMinutes(32)));

        assertThat(p.finish()).isEqualTo(NOW.plus(Duration.ofMinutes(35)));
        assertThat(p.orgsAtRisk()).isEqualTo(1);
    }

    @Test
    void nothingLeftIsOnTrack() {
        Projection p = project(List.of(new WaveLoad(1, WaveState.RUNNING, 0, NOW)), List.of(), 5, NOW.plusSeconds(1));

        assertThat(p.finish()).isEqualTo(NOW);
        assertThat(p.atRisk()).isFalse();
    }

    @Test
    void refusesCampaignsThatDoNotRun() {
        assertThatThrownBy(() -> DeadlineWatch.project(new Input(CampaignState.SCHEDULED, NOW, NOW.plusSeconds(60),
                running(1), List.of(), 1, null, PUSH, Duration.ZERO))).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<WaveLoad> running(int pending) {
        return Collections.singletonList(new WaveLoad(1, WaveState.RUNNING, pending, NOW));
    }

    private static Projection project(List<WaveLoad> waves, List<Instant> inFlight, Integer cap, Instant deadline) {
        return DeadlineWatch.project(new Input(CampaignState.RUNNING, NOW, deadline, waves, inFlight, cap, null, PUSH,
                Duration.ZERO));
    }
}
