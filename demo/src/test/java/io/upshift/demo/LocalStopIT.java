package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackConfig;
import io.upshift.devstack.OrderlyStop;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import sun.misc.Signal;

/**
 * {@code ./upshift run --keep-running} stopped by SIGTERM: the signal runs the demo's stop — every
 * service context closed, then the devstack — and nothing on the way logs an ERROR (it used to: a
 * failed Kafka log directory and a broken pipe on the relay's advisory lock, from the libraries'
 * shutdown hooks racing the stop). The signal is raised in this JVM; the stop's handler takes it, so
 * the JVM goes on (the handlers are given back after).
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalStopIT {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void sigtermStopsTheServicesThenTheDevstackWithoutAnError(CapturedOutput output) throws InterruptedException {
        DevStack stack = DevStack.start(DevStackConfig.forTests());
        LocalUpshift upshift = LocalUpshift.start(stack, LocalUpshift.Settings.of(1).withDatabase("stop"));
        OrderlyStop stop = OrderlyStop.onSignal(() -> UpshiftDemo.stop(new PrintStream(System.out, true), upshift, stack));
        int before = output.getAll().length();
        try {
            Signal.raise(new Signal("TERM"));
            stop.awaitStopped();
        } finally {
            stop.restoreSignals();
        }

        assertThat(upshift.planner().isActive()).isFalse();
        assertThat(upshift.executors()).allSatisfy(executor -> assertThat(executor.isActive()).isFalse());
        assertThat(upshift.notifier().isActive()).isFalse();
        String whileStopping = output.getAll().substring(before);
        assertThat(whileStopping).contains("Stopped.");
        assertThat(whileStopping.lines().filter(line -> line.contains(" ERROR ") || line.startsWith("Caused by:")))
                .as("error lines while stopping").isEmpty();
    }
}
