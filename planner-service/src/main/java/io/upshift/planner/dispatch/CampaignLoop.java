package io.upshift.planner.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.shared.metrics.PlannerMetrics;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The planner's heartbeat: every {@code upshift.planner.dispatch.interval} it tends each campaign
 * that needs it (see {@link CampaignTender}). One thread per planner instance; several instances
 * share the work through row locks, never dispatching an org twice.
 */
@Component
class CampaignLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CampaignLoop.class);
    /**
     * The least time between two passes. Every applied outcome batch wakes the loop; a round that
     * starts at once takes the campaign lock just as the next batch wants it, so outcome batches
     * queued behind rounds. Leaving the lock to the outcomes for a moment also lets a round release
     * what several batches freed (bench/, ISSUE-8, two runs each: latency p50 79–115 ms with 5 ms,
     * 39–67 ms with 25 ms; makespan's own overhead 1.05 → 1.02). A slot freed by an outcome waits
     * at most this long to be refilled.
     */
    private static final Duration MIN_SPACING = Duration.ofMillis(25);

    private final CampaignStore campaigns;
    private final CampaignTender tender;
    private final CampaignGauges gauges;
    private final DispatchProperties properties;
    private final DispatchSignal signal;
    private final Timer loopTimer;

    private volatile boolean running;
    private Thread thread;

    CampaignLoop(CampaignStore campaigns, CampaignTender tender, CampaignGauges gauges, DispatchProperties properties,
            DispatchSignal signal, MeterRegistry meters) {
        this.signal = signal;
        this.campaigns = campaigns;
        this.tender = tender;
        this.gauges = gauges;
        this.properties = properties;
        this.loopTimer = Timer.builder(PlannerMetrics.DISPATCH_LOOP)
                .description("One pass of the campaign loop over every campaign it tends").register(meters);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("campaign-loop").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        signal.wake();
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops first: nothing new is released while the listeners and the outbox relay drain
        return Integer.MAX_VALUE - 50;
    }

    private void loop() {
        while (running) {
            long started = System.nanoTime();
            try {
                pass();
            } catch (RuntimeException e) {
                log.warn("campaign loop pass failed: {}", e.toString());
            }
            long elapsed = System.nanoTime() - started;
            loopTimer.record(Duration.ofNanos(elapsed));
            gauges.refreshIfDue();
            // a wake-up (outcomes applied, a campaign resumed) starts the next pass early, but never
            // sooner than MIN_SPACING after this one
            pause(Math.max(properties.interval().toNanos() - elapsed, 0), MIN_SPACING);
        }
    }

    private void pass() {
        List<UUID> ids = campaigns.idsToTend();
        tender.tendingOnly(ids);
        for (UUID id : ids) {
            if (!running) {
                return;
            }
            try {
                tender.tend(id);
            } catch (RuntimeException e) {
                // one campaign's trouble (a deadlock victim, a lost connection) must not stop the others
                log.warn("tending campaign {} failed, retrying next round: {}", id, e.toString());
            }
        }
    }

    private void pause(long nanos, Duration minimum) {
        try {
            Thread.sleep(minimum);
            if (running) {
                signal.await(Duration.ofNanos(Math.max(0, nanos - minimum.toNanos())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
