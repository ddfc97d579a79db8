package io.upshift.bench.micro;

import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.planning.domain.WindowPlanner;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One org's first usable window: the planner computes it for every distinct (maintenance window,
 * wave start) of a campaign, and again when a window closes before release.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WindowPlanningBenchmark {

    private final Instant earliest = Instant.parse("2026-11-23T10:00:00Z");
    private final WindowPlanner planner = new WindowPlanner(List.of(
            new TimeWindow(Instant.parse("2026-12-24T00:00:00Z"), Instant.parse("2026-12-27T00:00:00Z"))));
    private final ZoneId berlin = ZoneId.of("Europe/Berlin");
    private final MaintenanceWindow weekendNights = new MaintenanceWindow(
            EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(22, 0), LocalTime.of(4, 0));
    private final ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
    private final MaintenanceWindow weekdayEvenings = new MaintenanceWindow(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(19, 0), LocalTime.of(23, 0));

    @Benchmark
    public Optional<TimeWindow> weekendNightAcrossMidnight() {
        return planner.firstWindow(berlin, weekendNights, earliest);
    }

    @Benchmark
    public Optional<TimeWindow> weekdayEvening() {
        return planner.firstWindow(losAngeles, weekdayEvenings, earliest);
    }

    @Benchmark
    public Optional<TimeWindow> alwaysOpen() {
        return planner.firstWindow(ZoneOffset.UTC, MaintenanceWindow.ALWAYS_OPEN, earliest);
    }
}
