package io.upshift.executor.execution.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/** A clock and a scheduler that move only when the test says so. */
final class ManualTime extends Clock implements Scheduler {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private Instant now = T0;
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();

    private final class Task implements Comparable<Task>, Cancellable {
        final Instant due;
        final long order = sequence++;
        final Runnable work;
        boolean canceled;

        Task(Instant due, Runnable work) {
            this.due = due;
            this.work = work;
        }

        @Override
        public int compareTo(Task other) {
            int byTime = due.compareTo(other.due);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }

        @Override
        public void cancel() {
            canceled = true;
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(now.plus(delay), task);
        tasks.add(scheduled);
        return scheduled;
    }

    /** Moves time forward, running every task that falls due on the way, in order. */
    void advance(Duration duration) {
        Instant end = now.plus(duration);
        while (!tasks.isEmpty() && !tasks.peek().due.isAfter(end)) {
            Task next = tasks.poll();
            now = next.due;
            if (!next.canceled) {
                next.work.run();
            }
        }
        now = end;
    }

    int pendingTasks() {
        return (int) tasks.stream().filter(task -> !task.canceled).count();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
