package io.upshift.planner.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.inventory.domain.MaintenanceWindow;
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

/** Invariant: no planned window lies outside the org's maintenance window or inside a blackout. */
class WindowPlannerPropertyTest {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York",
            "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney", "Asia/Kolkata", "Pacific/Chatham",
            "America/Sao_Paulo", "Europe/London");

    @Property(tries = 400)
    void plannedWindowsLieInsideTheMaintenanceWindowAndOutsideEveryBlackout(
            @ForAll("zones") ZoneId zone, @ForAll("windows") MaintenanceWindow window,
            @ForAll("instants") Instant notBefore, @ForAll("blackouts") List<TimeWindow> blackouts) {
        Optional<TimeWindow> planned = new WindowPlanner(blackouts).firstWindow(zone, window, notBefore);

        if (planned.isEmpty()) {
            // a window opens on at least one day (an org that never opens has none), so only one
            // buried under blackouts has no window
            assertThat(blackouts).isNotEmpty();
            return;
        }
        TimeWindow w = planned.get();
        assertThat(w.start()).isAfterOrEqualTo(notBefore);
        assertThat(w.length()).isPositive().isLessThanOrEqualTo(WindowPlanner.MAX_WINDOW);
        for (TimeWindow blackout : blackouts) {
            assertThat(w.overlaps(blackout)).as("%s overlaps blackout %s", w, blackout).isFalse();
        }
        for (Instant probe : probes(w)) {
            assertThat(window.isOpenAt(probe, zone)).as("%s in %s open at %s (planned %s)", window, zone, probe, w)
                    .isTrue();
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
    Arbitrary<List<TimeWindow>> blackouts() {
        Arbitrary<TimeWindow> blackout = Combinators.combine(
                Arbitraries.longs().between(0, 380L * 24 * 60), Arbitraries.longs().between(1, 10L * 24 * 60))
                .as((startMinute, minutes) -> new TimeWindow(BASE.plus(Duration.ofMinutes(startMinute)),
                        BASE.plus(Duration.ofMinutes(startMinute + minutes))));
        return blackout.list().ofMaxSize(5);
    }
}
