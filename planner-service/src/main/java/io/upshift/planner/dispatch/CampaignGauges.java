package io.upshift.planner.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.shared.jdbc.Sql;
import io.upshift.planner.shared.metrics.PlannerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The gauge of orgs by campaign and state, read from the wave counters (one small query) every few
 * seconds. Only campaigns not finished, or finished within the last hour, are shown, so the number
 * of series stays bounded.
 */
@Component
class CampaignGauges {

    private static final Logger log = LoggerFactory.getLogger(CampaignGauges.class);
    private static final String[] STATES = {"pending", "dispatched", "succeeded", "failed", "skipped", "canceled",
            "timed_out"};

    private final JdbcTemplate jdbc;
    private final DispatchProperties properties;
    private final Clock clock;
    private final MultiGauge gauge;
    private Instant next = Instant.EPOCH;

    CampaignGauges(JdbcTemplate jdbc, DispatchProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.gauge = MultiGauge.builder(PlannerMetrics.CAMPAIGN_ORGS).baseUnit("orgs")
                .description("Org targets by campaign and state").register(meters);
    }

    void refreshIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return;
        }
        next = now.plus(properties.gaugeInterval());
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            jdbc.query("""
                    select w.campaign_id, sum(w.pending) as pending, sum(w.dispatched) as dispatched,
                           sum(w.succeeded) as succeeded, sum(w.failed) as failed, sum(w.skipped) as skipped,
                           sum(w.canceled) as canceled, sum(w.timed_out) as timed_out
                    from campaign_wave w join campaign c on c.campaign_id = w.campaign_id
                    where c.finished_at is null or c.finished_at > ?
                    group by w.campaign_id""",
                    rs -> {
                        String campaign = rs.getString("campaign_id");
                        for (String state : STATES) {
                            rows.add(MultiGauge.Row.of(Tags.of("campaign", campaign, "state", state), rs.getLong(state)));
                        }
                    }, Sql.ts(now.minus(properties.finishedVisibleFor())));
            gauge.register(rows, true);
        } catch (RuntimeException e) {
            log.debug("could not refresh campaign gauges: {}", e.toString());
        }
    }
}
