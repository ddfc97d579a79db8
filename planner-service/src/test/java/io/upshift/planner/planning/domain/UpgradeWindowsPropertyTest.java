package io.upshift.planner.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import io.upshift.planner.campaign.domain.CampaignSpec.Strategy;
import io.upshift.planner.campaign.domain.CampaignWindow;
import io.upshift.planner.campaign.domain.CampaignWindow.Mode;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariant of every planned window, through the plan builder: never outside the org's own window
 * (WITHIN_ORG_WINDOWS), never outside the campaign's window, never inside a blackout, never ending
 * after the deadline, never before the earliest start.
 */
class UpgradeWindowsPropertyTest {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York",
            "Asia/Tokyo", "Australia/Sydney", "Asia/Kolkata", "Pacific/Chatham", "America/Sao_Paulo");

    @Property(tries = 400)
    void plannedWindowsKeepEveryWindowBlackoutAndTheDeadline(
            @ForAll("zones") ZoneId orgZone, @ForAll("windows") MaintenanceWindow orgWindow,
            @ForAll("windows") MaintenanceWindow campaignHours, @ForAll("campaignZones") String campaignZone,
            @ForAll Mode mode, @ForAll("instants") Instant notBefore, @ForAll("deadlines") Duration untilDeadline,
            @ForAll("blackouts") List<TimeWindow> blackouts) {
        CampaignWindow campaignWindow = new CampaignWindow(campaignHours.days(), campaignHours.start(),
                campaignHours.end(), campaignZone.isEmpty() ? null : campaignZone, mode);
        Instant deadline = untilDeadline.isZero() ? null : notBefore.plus(untilDeadline);
        UpgradeWindows windows = new UpgradeWindows(new WindowPlanner(blackouts), true, campaignWindow, deadline);
        PlanBuilder plan = new PlanBuilder(WavePlanner.plan(Strategy.ALL_AT_ONCE, 0, 1), false, notBefore,
                Pacing.UNLIMITED, Duration.ZERO, windows);

        Placement placement = plan.place(new Candidate("00D000000000001AAA", OrgType.PRODUCTION, "NA1", orgZone,
                Optional.of(orgWindow)));

        if (placement instanceof Placement.Excluded excluded) {
            if (excluded.reason() == ExclusionReason.NO_WINDOW_BEFORE_DEADLINE) {
                assertThat(deadline).as("only a campaign with a deadline misses it").isNotNull();
            }
            return;
        }
        TimeWindow w = ((Placement.Placed) placement).window();
        assertThat(w.start()).isAfterOrEqualTo(notBefore);
        assertThat(w.length()).isPositive().isLessThanOrEqualTo(WindowPlanner.MAX_WINDOW);
        if (deadline != null) {
            assertThat(w.end()).as("%s ends by the deadline %s", w, deadline).isBeforeOrEqualTo(deadline);
        }
        for (TimeWindow blackout : blackouts) {
            assertThat(w.overlaps(blackout)).as("%s overlaps blackout %s", w, blackout).isFalse();
        }
        ZoneId zone = campaignZone.isEmpty() ? orgZone : ZoneId.of(campaignZone);
        for (Instant probe : probes(w)) {
            assertThat(campaignHours.isOpenAt(probe, zone)).as("campaign window %s in %s open at %s (planned %s)",
                    campaignHours, zone, probe, w).isTrue();
            if (mode == Mode.WITHIN_ORG_WINDOWS) {
                assertThat(orgWindow.isOpenAt(probe, orgZone)).as("org window %s in %s open at %s (planned %s)",
                        orgWindow, orgZone, probe, w).isTrue();
            }
        }
    }

    private static List<Instant> probes(TimeWindow w) {
        List<Instant> probes = new ArrayList<>();
        for (Instant t = w.start(); t.isBefore(w.end()); t = t.plus(Duration.ofMinutes(7))) {
            probes.add(t);
        }
        probes.add(w.end().minusMillis(1));
        return probes;
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }

    @Provide
    Arbitrary<String> campaignZones() {
        // empty: the campaign window is read in each org's zone
        List<String> zones = new ArrayList<>(ZONES);
        zones.add("");
        return Arbitraries.of(zones);
    }

    @Provide
    Arbitrary<MaintenanceWindow> windows() {
        Arbitrary<Set<DayOfWeek>> days = Arbitraries.of(DayOfWeek.values()).set().ofMinSize(1).ofMaxSize(7);
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 24 * 4 - 1).map(q -> LocalTime.of(q / 4, q % 4 * 15));
        return Combinators.combine(days, times, times).as(MaintenanceWindow::new);
    }

    @Provide
    Arbitrary<Instant> instants() {
        // a year that crosses both DST changes in both hemispheres
        return Arbitraries.longs().between(0, 365L * 24 * 3600).map(BASE::plusSeconds);
    }

    @Provide
    Arbitrary<Duration> deadlines() {
        // zero: no deadline; otherwise minutes to three weeks after the earliest start
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(1, 21L * 24 * 60).map(Duration::ofMinutes)));
    }

    @Provide
    Arbitrary<List<TimeWindow>> blackouts() {
        Arbitrary<TimeWindow> blackout = Combinators.combine(
                Arbitraries.longs().between(0, 380L * 24 * 60), Arbitraries.longs().between(1, 10L * 24 * 60))
                .as((startMinute, minutes) -> new TimeWindow(BASE.plus(Duration.ofMinutes(startMinute)),
                        BASE.plus(Duration.ofMinutes(startMinute + minutes))));
        return blackout.list().ofMaxSize(4);
    }
}
