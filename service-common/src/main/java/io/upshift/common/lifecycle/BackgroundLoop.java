package io.upshift.common.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A named background thread that runs one step again and again, with the pause each step asks
 * for, started and stopped with the application context. A step that fails is logged (with its
 * causes) and tried again after a back-off; a failure while stopping is not logged; an interrupt
 * ends the loop. {@link #stop()} tells the loop to end, wakes its pause and whatever else the owner
 * registered with {@link Builder#onStop(Runnable)} (a Kafka consumer's {@code wakeup()}), and waits
 * for the thread up to the stop timeout.
 *
 * <pre>{@code
 * BackgroundLoop loop = BackgroundLoop.named("outbox-relay")
 *         .phase(Integer.MAX_VALUE - 200)
 *         .step(() -> relayOnce() < batchSize ? pollInterval : Duration.ZERO)
 *         .pause(signal::await, signal::wake)   // optional: the owner's own wake-up signal
 *         .afterFailure(retryBackoff, e -> closeProducer())
 *         .stopTimeout(sendTimeout.plusSeconds(5))
 *         .build();
 * }</pre>
 */
public final class BackgroundLoop implements SmartLifecycle {

    /** One step of the loop. */
    @FunctionalInterface
    public interface Step {
        /** Does one round of work; returns how long to pause before the next one (zero or null: none). */
        Duration run() throws Exception;
    }

    /** How the loop waits between steps; it should return early when woken. */
    @FunctionalInterface
    public interface Pause {
        void await(Duration pause) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final Step step;
    private final int phase;
    private final Pause pause;
    private final Runnable wake;
    private final Runnable onStop;
    private final Duration failureBackoff;
    private final Consumer<Exception> onFailure;
    private final Duration stopTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeRequested;
    private volatile boolean running;
    private volatile Thread thread;

    private BackgroundLoop(Builder builder) {
        this.name = builder.name;
        this.step = Objects.requireNonNull(builder.step, "step");
        this.phase = builder.phase;
        this.pause = builder.pause != null ? builder.pause : this::awaitWake;
        this.wake = builder.pause != null ? builder.wake : this::signalWake;
        this.onStop = builder.onStop;
        this.failureBackoff = builder.failureBackoff;
        this.onFailure = builder.onFailure;
        this.stopTimeout = builder.stopTimeout;
    }

    /** A loop on a thread of this name. */
    public static Builder named(String threadName) {
        return new Builder(threadName);
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            wakeRequested = false;
            thread = Thread.ofPlatform().name(name).daemon().unstarted(this::loop);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        running = false;
        wake.run();
        onStop.run();
        Thread current = thread;
        if (current == null || current == Thread.currentThread()) {
            return;
        }
        try {
            if (!current.join(stopTimeout)) {
                log.warn("{}: did not stop within {}", name, stopTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    /** Ends the current pause early, so the next step starts now. */
    public void wake() {
        wake.run();
    }

    private void loop() {
        try {
            while (running) {
                Duration next;
                try {
                    next = step.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    if (!running) {
                        return; // stopping woke or broke the step: nothing to report
                    }
                    log.warn("{}: failed, trying again in {}: {}", name, failureBackoff, describe(e));
                    onFailure.accept(e);
                    next = failureBackoff;
                }
                if (running && next != null && next.isPositive()) {
                    pause.await(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("{}: stopped by an unexpected failure", name, e);
            throw e;
        } finally {
            if (thread == Thread.currentThread()) {
                running = false;
            }
        }
    }

    private void awaitWake(Duration pause) throws InterruptedException {
        long nanos = pause.toNanos();
        lock.lock();
        try {
            while (!wakeRequested && running && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            wakeRequested = false;
        } finally {
            lock.unlock();
        }
    }

    private void signalWake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The exception and its causes on one line. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "BackgroundLoop[" + name + (running ? ", running" : "") + "]";
    }

    /** Builds a {@link BackgroundLoop}; only the step is required. */
    public static final class Builder {

        private final String name;
        private Step step;
        private int phase = DEFAULT_PHASE;
        private Pause pause;
        private Runnable wake = () -> { };
        private Runnable onStop = () -> { };
        private Duration failureBackoff = Duration.ofSeconds(1);
        private Consumer<Exception> onFailure = e -> { };
        private Duration stopTimeout = Duration.ofSeconds(10);

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a background loop needs a thread name");
            }
            this.name = name;
        }

        /** The work of one round. */
        public Builder step(Step step) {
            this.step = step;
            return this;
        }

        /** The lifecycle phase: higher starts later and stops earlier (default {@link SmartLifecycle#DEFAULT_PHASE}). */
        public Builder phase(int phase) {
            this.phase = phase;
            return this;
        }

        /**
         * Waits with the owner's own signal instead of the loop's: {@code wake} must make a running
         * {@code pause} return (it is called by {@link #wake()} and on stop). Without it the loop
         * waits on its own condition, which {@link BackgroundLoop#wake()} and {@code stop()} signal.
         */
        public Builder pause(Pause pause, Runnable wake) {
            this.pause = Objects.requireNonNull(pause, "pause");
            this.wake = Objects.requireNonNull(wake, "wake");
            return this;
        }

        /** Also run on stop, before waiting for the thread: whatever unblocks a step (a consumer's wakeup). */
        public Builder onStop(Runnable onStop) {
            this.onStop = Objects.requireNonNull(onStop, "onStop");
            return this;
        }

        /** The pause after a failed step (default 1 s). */
        public Builder afterFailure(Duration backoff) {
            return afterFailure(backoff, e -> { });
        }

        /** The pause after a failed step, and what to do about the failure first (close a broken client). */
        public Builder afterFailure(Duration backoff, Consumer<Exception> onFailure) {
            this.failureBackoff = requirePositive(backoff, "backoff");
            this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
            return this;
        }

        /** How long stop() waits for the thread to finish its step (default 10 s). */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = requirePositive(timeout, "timeout");
            return this;
        }

        public BackgroundLoop build() {
            return new BackgroundLoop(this);
        }

        private static Duration requirePositive(Duration duration, String what) {
            if (duration == null || !duration.isPositive()) {
                throw new IllegalArgumentException(what + " must be positive, was " + duration);
            }
            return duration;
        }
    }
}
