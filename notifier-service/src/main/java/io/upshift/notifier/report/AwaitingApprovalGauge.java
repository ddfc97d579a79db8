package io.upshift.notifier.report;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.upshift.common.lifecycle.BackgroundLoop;
import io.upshift.notifier.report.jdbc.JdbcAwaitingApprovals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code upshift_notifier_wave_awaiting_approval_seconds{campaign}}: how long each campaign's wave has waited for a
 * person's approval; 0 for a campaign active in the last day that does not wait (so the series the alert watches
 * exists, and PrometheusProofIT can tell it from a broken one). The planner has no such gauge;
 * the notifier sees every WAVE_AWAITING_APPROVAL and what ends it, so it keeps one. Refreshed from the database every
 * 15 s by a background loop, so every replica shows the same value (alerts take the max by campaign).
 */
@Component
public class AwaitingApprovalGauge implements SmartLifecycle {

    public static final String NAME = "upshift.notifier.wave.awaiting.approval";
    private static final Duration REFRESH = Duration.ofSeconds(15);
    /** How long after its last event a campaign that does not wait keeps its 0. */
    private static final Duration ACTIVE = Duration.ofHours(24);

    private final JdbcAwaitingApprovals approvals;
    private final Clock clock;
    private final MultiGauge gauge;
    private final BackgroundLoop loop;

    AwaitingApprovalGauge(JdbcAwaitingApprovals approvals, MeterRegistry registry, Clock clock) {
        this.approvals = approvals;
        this.clock = clock;
        this.gauge = MultiGauge.builder(NAME)
                .description("How long a campaign's wave has been waiting for approval")
                .baseUnit("seconds")
                .register(registry);
        this.loop = BackgroundLoop.named("approval-gauge")
                .step(() -> {
                    refresh();
                    return REFRESH;
                })
                .afterFailure(REFRESH)
                .build();
    }

    /**
     * Reads the waiting waves and replaces the series: a waiting campaign shows how long it has waited, one active
     * in the last {@link #ACTIVE} that does not wait shows 0, and the others lose theirs.
     */
    public void refresh() {
        Instant now = clock.instant();
        Map<String, Instant> waiting = approvals.waitingSince(now.minus(ACTIVE));
        List<MultiGauge.Row<?>> rows = waiting.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("campaign", e.getKey()), e.getValue() == null ? 0
                        : Math.max(0, Duration.between(e.getValue(), now).toMillis()) / 1000.0))
                .toList();
        gauge.register(rows, true);
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

}
