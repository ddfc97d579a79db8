package io.upshift.planner.dispatch.domain;

import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.WaveState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Re-projects when a running campaign's orgs will be done, to say early that it will miss its
 * deadline (dispatch/DESIGN.md, "Deadlines"). The model is the dispatcher's, replayed forward from
 * now: waves run one after the other (a wave starts when the one before it has no org left and ran
 * its soak time); within a wave, orgs are released as the in-flight cap and the rate allow, and each
 * push takes the campaign's expected duration — or longer, when a push in flight has already run
 * longer (slow pushes show before they finish). A wave waiting for approval is projected as if
 * approved now: the projection runs from now, and the longer the approval waits, the later it
 * lands. Orgs' own windows are not modelled: planning placed every window before the deadline, and
 * orgs whose window closes unreleased are moved or canceled by the sweeps, not by this projection.
 *
 * <p>A paused or halted campaign releases nothing, so it cannot finish: no projected finish, and
 * every waiting org is at risk (orgs in flight still finish, when their push ends).
 */
public final class DeadlineWatch {

    private DeadlineWatch() {
    }

    public static Projection project(Input in) {
        Duration push = in.expectedPush();
        for (Instant since : in.inFlightSince()) {
            Duration running = Duration.between(since, in.now());
            if (running.compareTo(push) > 0) {
                push = running;
            }
        }
        int atRisk = 0;
        Instant last = null;
        // each in-flight org holds its slot until its push ends
        PriorityQueue<Instant> slots = new PriorityQueue<>(Comparator.naturalOrder());
        for (Instant since : in.inFlightSince()) {
            Instant done = later(in.now(), since.plus(push));
            slots.add(done);
            atRisk += done.isAfter(in.deadline()) ? 1 : 0;
            last = later(last, done);
        }
        int waiting = in.waves().stream().mapToInt(WaveLoad::pending).sum();
        if (in.state() == CampaignState.PAUSED || in.state() == CampaignState.HALTED) {
            return new Projection(waiting == 0 ? last == null ? in.now() : last : null, atRisk + waiting, push);
        }
        if (in.state() != CampaignState.RUNNING) {
            throw new IllegalArgumentException("only a running, paused or halted campaign is projected, not " + in.state());
        }
        Releaser releaser = new Releaser(in, push, slots);
        // first every started wave (running, or passed and running again for retried orgs), together
        Instant cursor = in.now();
        Instant phaseEnd = in.now();
        List<WaveLoad> pending = new ArrayList<>();
        for (WaveLoad wave : in.waves()) {
            if (wave.state() == WaveState.PENDING) {
                pending.add(wave);
                continue;
            }
            for (int i = 0; i < wave.pending(); i++) {
                Instant done = releaser.release(cursor);
                atRisk += done.isAfter(in.deadline()) ? 1 : 0;
                last = later(last, done);
                phaseEnd = later(phaseEnd, done);
            }
            if (wave.startedAt() != null) {
                phaseEnd = later(phaseEnd, wave.startedAt().plus(in.minimumWaveDuration()));
            }
        }
        // the next wave starts when nothing of the started ones is in flight any more
        phaseEnd = later(phaseEnd, last);
        for (WaveLoad wave : pending) {
            cursor = phaseEnd;
            Instant waveEnd = cursor.plus(in.minimumWaveDuration());
            for (int i = 0; i < wave.pending(); i++) {
                Instant done = releaser.release(cursor);
                atRisk += done.isAfter(in.deadline()) ? 1 : 0;
                last = later(last, done);
                waveEnd = later(waveEnd, done);
            }
            phaseEnd = waveEnd;
        }
        return new Projection(last == null ? in.now() : last, atRisk, push);
    }

    /** Releases orgs one by one as the in-flight cap and the rate allow; returns when each push ends. */
    private static final class Releaser {
        private final Integer cap;
        private final Duration perCommand;
        private final Duration push;
        private final PriorityQueue<Instant> slots;
        private Instant nextByRate;

        Releaser(Input in, Duration push, PriorityQueue<Instant> slots) {
            this.cap = in.maxInFlight();
            this.perCommand = in.maxPerMinute() == null ? Duration.ZERO
                    : Duration.ofMinutes(1).dividedBy(in.maxPerMinute());
            this.push = push;
            this.slots = slots;
            this.nextByRate = in.now();
        }

        Instant release(Instant notBefore) {
            Instant at = later(notBefore, nextByRate);
            if (cap != null && slots.size() >= cap) {
                at = later(at, slots.poll());
            }
            nextByRate = at.plus(perCommand);
            Instant done = at.plus(push);
            if (cap != null) {
                slots.add(done);
            }
            return done;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /**
     * What the projection needs, read with the campaign locked.
     *
     * @param waves every wave not passed, or passed with orgs waiting again (a retry), in order
     * @param inFlightSince when each org in flight was released
     * @param maxInFlight the in-flight cap the dispatcher applies ({@code BlastRadius}), null for none
     * @param maxPerMinute the campaign's rate cap, null for none
     * @param expectedPush the campaign's expected upgrade duration
     * @param minimumWaveDuration the soak time every wave runs at least
     */
    public record Input(CampaignState state, Instant now, Instant deadline, List<WaveLoad> waves,
            List<Instant> inFlightSince, Integer maxInFlight, Integer maxPerMinute, Duration expectedPush,
            Duration minimumWaveDuration) {

        public Input {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(deadline, "deadline");
            waves = waves.stream().sorted(Comparator.comparingInt(WaveLoad::number)).toList();
            inFlightSince = List.copyOf(inFlightSince);
            Objects.requireNonNull(expectedPush, "expectedPush");
            minimumWaveDuration = minimumWaveDuration == null ? Duration.ZERO : minimumWaveDuration;
            if ((maxInFlight != null && maxInFlight < 1) || (maxPerMinute != null && maxPerMinute < 1)) {
                throw new IllegalArgumentException("caps must be at least 1");
            }
        }
    }

    /** A wave's orgs still to release, and when it started (null: not yet). */
    public record WaveLoad(int number, WaveState state, int pending, Instant startedAt) {
    }

    /**
     * The verdict.
     *
     * @param finish when the last org is projected done (now when none is left); null when the campaign
     *        cannot finish (paused or halted with orgs waiting)
     * @param orgsAtRisk waiting and in-flight orgs not projected done by the deadline
     * @param push the push duration the projection assumed
     */
    public record Projection(Instant finish, int orgsAtRisk, Duration push) {

        /** The projection passes the deadline: some org is not projected done by it. */
        public boolean atRisk() {
            return orgsAtRisk > 0;
        }

        /** Time left between the projected finish and the deadline (negative when late), or null without a finish. */
        public Duration slack(Instant deadline) {
            return finish == null ? null : Duration.between(finish, deadline);
        }
    }
}
