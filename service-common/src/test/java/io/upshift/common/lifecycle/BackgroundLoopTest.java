package io.upshift.common.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private BackgroundLoop loop;

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    /** A loop whose step counts and then asks for an hour's pause. */
    private static BackgroundLoop.Builder hourlyLoop(AtomicInteger steps) {
        return BackgroundLoop.named("test-loop").step(() -> {
            steps.incrementAndGet();
            return Duration.ofHours(1);
        });
    }

    @Test
    void runsTheStepAgainAndAgainOnItsNamedThreadUntilStopped() {
        List<String> threads = new CopyOnWriteArrayList<>();
        loop = BackgroundLoop.named("test-loop").phase(42).step(() -> {
            threads.add(Thread.currentThread().getName());
            return Duration.ofMillis(1);
        }).build();

        loop.start();

        await().atMost(WAIT).until(() -> threads.size() >= 3);
        assertThat(loop.isRunning()).isTrue();
        assertThat(loop.getPhase()).isEqualTo(42);
        assertThat(threads).containsOnly("test-loop");
        loop.stop();
        int steps = threads.size();
        assertThat(loop.isRunning()).isFalse();
        await().during(Duration.ofMillis(100)).atMost(WAIT).until(() -> threads.size() == steps);
    }

    @Test
    void pausesAsLongAsTheStepAsksUnlessWoken() {
        AtomicInteger steps = new AtomicInteger();
        loop = hourlyLoop(steps).build();

        loop.start();
        await().atMost(WAIT).until(() -> steps.get() == 1);
        await().during(Duration.ofMillis(100)).atMost(WAIT).until(() -> steps.get() == 1);
        loop.wake();

        await().atMost(WAIT).until(() -> steps.get() == 2);
    }

    @Test
    void triesAFailedStepAgainAfterTheBackoffAndTellsTheOwner() {
        AtomicInteger steps = new AtomicInteger();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        loop = BackgroundLoop.named("test-loop").step(() -> {
            if (steps.incrementAndGet() == 1) {
                throw new IllegalStateException("broker unreachable");
            }
            return Duration.ofHours(1);
        }).afterFailure(Duration.ofMillis(10), failures::add).build();

        loop.start();

        await().atMost(WAIT).until(() -> steps.get() == 2);
        assertThat(failures).singleElement().satisfies(e -> assertThat(e).hasMessage("broker unreachable"));
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void stopWakesAStepBlockedInACallAndWaitsForTheThread() throws InterruptedException {
        Semaphore blocked = new Semaphore(0);
        CountDownLatch entered = new CountDownLatch(1);
        List<Exception> failures = new CopyOnWriteArrayList<>();
        loop = BackgroundLoop.named("test-loop").step(() -> {
            entered.countDown();
            blocked.acquire();
            throw new IllegalStateException("woken up"); // what a consumer's poll throws after wakeup()
        }).onStop(blocked::release).afterFailure(Duration.ofMillis(10), failures::add).build();

        loop.start();
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        loop.stop();

        assertThat(loop.isRunning()).isFalse();
        assertThat(failures).isEmpty();
    }

    @Test
    void pausesOnTheOwnersSignalWhenGivenOne() {
        Semaphore signal = new Semaphore(0);
        AtomicInteger steps = new AtomicInteger();
        loop = hourlyLoop(steps).pause(pause -> signal.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS), signal::release).build();

        loop.start();
        await().atMost(WAIT).until(() -> steps.get() == 1);
        signal.release(); // someone else wakes the owner's signal

        await().atMost(WAIT).until(() -> steps.get() == 2);
        loop.stop();
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void canBeStartedAgainAfterItStopped() {
        AtomicInteger steps = new AtomicInteger();
        loop = hourlyLoop(steps).build();
        loop.start();
        await().atMost(WAIT).until(() -> steps.get() == 1);
        loop.stop();

        loop.start();

        await().atMost(WAIT).until(() -> steps.get() == 2);
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void refusesAMissingNameOrStep() {
        assertThatThrownBy(() -> BackgroundLoop.named(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BackgroundLoop.named("x").build()).hasMessageContaining("step");
    }
}
