package io.upshift.planner.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.upshift.common.lifecycle.BackgroundLoop;
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
     * {@link DispatchProperties#WAKE_UP_SPACING}. Every applied outcome batch wakes the loop; a round that
     * starts at once takes the campaign lock just as the next batch wants it, so outcome batches
     * queued behind rounds. Leaving the lock to the outcomes for a moment also lets a round release
     * what several batches freed (bench/, ISSUE-8, two runs each: latency p50 79–115 ms with 5 ms,
     * 39–67 ms with 25 ms; makespan's own overhead 1.05 → 1.02).
     */
    private static final Duration MIN_SPACING = DispatchProperties.WAKE_UP_SPACING;

    private final CampaignStore campaigns;
    private final CampaignTender tender;
    private final CampaignGauges gauges;
    private final DispatchProperties properties;
    private final Timer loopTimer;

    private final BackgroundLoop loop;

    CampaignLoop(CampaignStore campaigns, CampaignTender tender, CampaignGauges gauges, DispatchProperties properties,
            DispatchSignal signal, MeterRegistry meters) {
        this.campaigns = campaigns;
        this.tender = tender;
        this.gauges = gauges;
        this.properties = properties;
        this.loopTimer = Timer.builder(PlannerMetrics.DISPATCH_LOOP)
                .description("One pass of the campaign loop over every campaign it tends").register(meters);
        // stops first: nothing new is released while the listeners and the outbox relay drain
        this.loop = BackgroundLoop.named("campaign-loop").phase(Integer.MAX_VALUE - 50)
                .step(this::round)
                // a wake-up (outcomes applied, a campaign resumed) starts the next pass early, but never
                // sooner than MIN_SPACING after this one
                .pause(pause -> {
                    Thread.sleep(MIN_SPACING);
                    signal.await(pause.minus(MIN_SPACING));
                }, signal::wake)
                .afterFailure(properties.interval())
                .stopTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public int getPhase() {
        return loop.getPhase();
    }

    /** One pass; returns the pause before the next: the rest of the interval, at least MIN_SPACING. */
    private Duration round() {
        long started = System.nanoTime();
        try {
            pass();
        } catch (RuntimeException e) {
            log.warn("campaign loop pass failed: {}", e.toString());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        loopTimer.record(elapsed);
        gauges.refreshIfDue();
        Duration rest = properties.interval().minus(elapsed);
        return rest.compareTo(MIN_SPACING) > 0 ? rest : MIN_SPACING;
    }

    private void pass() {
        List<UUID> ids = campaigns.idsToTend();
        tender.tendingOnly(ids);
        for (UUID id : ids) {
            if (!loop.isRunning()) {
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
}
