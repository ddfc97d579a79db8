package io.upshift.planner.dispatch.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The campaign loop's settings: how often it runs and its limits per round.
 *
 * @param interval how often the loop looks for orgs whose window is open (outcomes and people's
 *        actions wake it earlier)
 * @param maxReleasesPerRound commands one round releases per campaign at most: keeps each
 *        transaction short, so outcomes (which need the same campaign lock) wait little
 * @param maxReschedulesPerRound orgs moved to their next window per campaign and round
 * @param maxTimeoutsPerRound orgs marked TIMED_OUT per campaign and round
 * @param gaugeInterval how often the orgs-by-state gauges are refreshed
 * @param finishedVisibleFor how long a finished campaign keeps its gauges
 * @param sweepInterval how often a campaign's time-based sweeps run (orgs past their deadline →
 *        TIMED_OUT, windows that closed unreleased → next window): their deadlines are minutes to
 *        hours apart, so running them on every round (a round follows every applied outcome
 *        batch) only made the rounds, and the campaign lock, longer
 * @param defaultMaxInFlight the in-flight cap of a campaign that sets none and whose gate can halt
 *        it: orgs that run a failing version stay at most the gate's minimum sample plus this
 *        ({@code campaign/domain/BlastRadius})
 */
@Validated
@ConfigurationProperties("upshift.planner.dispatch")
public record DispatchProperties(
        @DefaultValue("1s") @NotNull Duration interval,
        @DefaultValue("2000") @Min(1) int maxReleasesPerRound,
        @DefaultValue("5000") @Min(1) int maxReschedulesPerRound,
        @DefaultValue("5000") @Min(1) int maxTimeoutsPerRound,
        @DefaultValue("5s") @NotNull Duration gaugeInterval,
        @DefaultValue("1h") @NotNull Duration finishedVisibleFor,
        @DefaultValue("1s") @NotNull Duration sweepInterval,
        @DefaultValue("50") @Min(1) int defaultMaxInFlight) {

    /**
     * The least time between two passes of the campaign loop. Every applied outcome batch (and a person's
     * resume, approval or retry) wakes the loop, but never sooner than this after its last pass; without a
     * wake-up it passes every {@link #interval}. A slot freed by an outcome waits at most this long to be
     * refilled. The rehearsal models the same spacing (rehearsal/DESIGN.md).
     */
    public static final Duration WAKE_UP_SPACING = Duration.ofMillis(25);
}
