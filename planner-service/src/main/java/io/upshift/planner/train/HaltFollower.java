package io.upshift.planner.train;

import io.upshift.common.lifecycle.BackgroundLoop;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.campaign.kafka.CampaignEvents;
import io.upshift.planner.train.config.TrainProperties;
import io.upshift.planner.train.jdbc.TrainStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The train's gates: when a base tier's campaign halts, each running tier that depends on it halts too,
 * with a reason naming the base — its executors cancel the commands they hold, as for any halt. A
 * person resumes the train (base first) or each tier. Polls every {@code upshift.planner.trains.interval};
 * meanwhile no dependent push is released for an org whose base did not succeed anyway (the dispatcher's rule).
 */
@Component
class HaltFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HaltFollower.class);

    private final TrainStore trains;
    private final CampaignStore campaigns;
    private final WaveStore waves;
    private final CampaignEvents events;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final BackgroundLoop loop;

    HaltFollower(TrainStore trains, CampaignStore campaigns, WaveStore waves, CampaignEvents events,
            TrainProperties properties, Clock clock, PlatformTransactionManager transactionManager) {
        this.trains = trains;
        this.campaigns = campaigns;
        this.waves = waves;
        this.events = events;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.loop = BackgroundLoop.named("train-halt-follower").step(() -> {
            follow();
            return properties.interval();
        }).afterFailure(properties.interval()).build();
    }

    /** Halts each running tier whose base tier is halted; returns how many it halted. */
    int follow() {
        int halted = 0;
        for (TrainStore.HaltedBase h : trains.tiersWithHaltedBase()) {
            Boolean done = transactions.execute(status -> {
                Optional<Campaign> locked = campaigns.lock(h.campaignId());
                if (locked.isEmpty() || !locked.get().state().canHalt()) {
                    return false;
                }
                Instant now = clock.instant();
                String reason = "base tier '" + h.baseName() + "' (campaign " + h.baseCampaignId() + ") halted"
                        + (h.baseReason() == null ? "" : ": " + h.baseReason());
                Campaign campaign = campaigns.update(locked.get().halted(reason), now);
                WaveCounts totals = waves.list(h.campaignId()).stream().map(Wave::counts)
                        .reduce(WaveCounts.ZERO, WaveCounts::plus);
                events.emit(campaign, CampaignEvents.Type.HALTED, null, totals, reason, now);
                log.warn("train {}: campaign {} halted: {}", h.trainId(), h.campaignId(), reason);
                return true;
            });
            halted += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return halted;
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
