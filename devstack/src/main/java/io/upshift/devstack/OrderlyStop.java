package io.upshift.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Stops a local stack in order on Ctrl-C (SIGINT) or SIGTERM: the services first, then the
 * devstack. A JVM shutdown hook cannot do that: on a signal the JVM starts every hook at once, and
 * the libraries under the devstack have their own — Kafka's test kit deletes the broker's log
 * directory (its temporary directory's hook) and embedded PostgreSQL stops its server — so they
 * ran while the broker was still writing checkpoints ("all log dirs have failed") and the planner
 * was still taking its relay's advisory lock ("Broken pipe"). Handling the signal ourselves runs the
 * whole stop before the JVM begins to exit; the libraries' hooks then find nothing left running.
 * A second Ctrl-C while stopping ends the JVM at once. Where the signals cannot be handled (not a
 * POSIX JVM), a shutdown hook still runs the same stop, once.
 */
public final class OrderlyStop {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Runnable stop;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Restore> previous = new ArrayList<>();

    private record Restore(Signal signal, SignalHandler handler) {
    }

    private OrderlyStop(Runnable stop) {
        this.stop = stop;
    }

    /** Runs {@code stop} once, on SIGINT, SIGTERM or (failing those) when the JVM exits. */
    public static OrderlyStop onSignal(Runnable stop) {
        OrderlyStop orderly = new OrderlyStop(stop);
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                orderly.previous.add(new Restore(signal, Signal.handle(signal, orderly::signalled)));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // this JVM does not let us handle the signal: the shutdown hook below still stops
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(orderly::stopOnce, "upshift-stop"));
        return orderly;
    }

    /** Blocks until the stop has run. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Gives the signals back to their earlier handlers (a test that raised one). */
    public void restoreSignals() {
        previous.forEach(r -> Signal.handle(r.signal(), r.handler()));
        previous.clear();
    }

    private void signalled(Signal signal) {
        if (started.get() && stopped.getCount() > 0) {
            System.err.println("upshift: stopping at once (second " + signal.getName() + ")");
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        stopOnce();
    }

    private void stopOnce() {
        if (started.compareAndSet(false, true)) {
            try {
                stop.run();
            } finally {
                stopped.countDown();
            }
        } else {
            try {
                stopped.await(); // the JVM exits only after the stop already under way has finished
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
