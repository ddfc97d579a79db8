package io.upshift.planner.gate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.PilotWave;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.campaign.kafka.CampaignEvents;
import io.upshift.planner.gate.domain.Gate;
import io.upshift.planner.gate.domain.WaveProgression;
import io.upshift.planner.gate.domain.WaveProgression.Step;
import io.upshift.planner.shared.metrics.PlannerMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Evaluates a campaign's gates and moves its waves on, with the campaign row locked by the caller:
 * after outcomes are applied, after timeouts, and on every tick of the campaign loop. A tripped gate
 * halts the wave and the campaign in the same transaction that applied the failing outcomes, so the
 * dispatcher (which needs the same lock) releases nothing more. Every transition is a CampaignEvent.
 */
@Component
public class WaveAdvancer {

    private static final Logger log = LoggerFactory.getLogger(WaveAdvancer.class);

    private final CampaignStore campaigns;
    private final WaveStore waves;
    private final CampaignEvents events;
    private final MeterRegistry meters;

    WaveAdvancer(CampaignStore campaigns, WaveStore waves, CampaignEvents events, MeterRegistry meters) {
        this.campaigns = campaigns;
        this.waves = waves;
        this.events = events;
        this.meters = meters;
    }

    /** Applies what the gates and waves call for; returns the campaign as it is afterwards. */
    public Campaign advance(Campaign campaign, Instant now) {
        if (!campaign.state().canHalt() && !campaign.state().canComplete()) {
            return campaign;
        }
        return advance(campaign, waves.list(campaign.id()), now);
    }

    /** The same, with the campaign's waves as the caller just read them under the campaign lock. */
    public Campaign advance(Campaign campaign, List<Wave> current, Instant now) {
        if (!campaign.state().canHalt() && !campaign.state().canComplete()) {
            return campaign;
        }
        countEvaluations(campaign, current);
        Instant deadline = campaign.spec().schedule().deadline();
        List<Step> steps = WaveProgression.decide(new WaveProgression.Input(campaign.state(),
                campaign.spec().strategy().approvalRequired(), campaign.spec().strategy().minimumWaveDuration(),
                campaign.spec().gate(), current.stream().map(w -> WaveProgression.WaveStatus.of(w, campaign.spec())).toList(), now,
                campaign.spec().schedule().urgent(), deadline != null && !now.isBefore(deadline)));
        Map<Integer, Wave> byNumber = current.stream().collect(Collectors.toMap(Wave::number, Function.identity()));
        Campaign result = campaign;
        for (Step step : steps) {
            result = apply(result, step, byNumber, current, now);
        }
        return result;
    }

    private Campaign apply(Campaign campaign, Step step, Map<Integer, Wave> byNumber, List<Wave> all, Instant now) {
        UUID id = campaign.id();
        return switch (step) {
            case Step.HaltWave halt -> {
                String reason = "wave " + halt.wave() + ": " + halt.decision().describe();
                waves.finish(id, halt.wave(), WaveState.HALTED, reason, now);
                events.emit(campaign, CampaignEvents.Type.WAVE_HALTED, halt.wave(), byNumber.get(halt.wave()).counts(),
                        reason, now);
                Campaign halted = campaigns.update(campaign.halted(reason), now);
                events.emit(halted, CampaignEvents.Type.HALTED, halt.wave(), totals(all), reason, now);
                Counter.builder(PlannerMetrics.GATE_TRIPS).description("Gates that tripped and halted a campaign")
                        .tag("campaign", id.toString()).tag("wave", String.valueOf(halt.wave())).register(meters)
                        .increment();
                log.warn("campaign {} halted: {}", id, reason);
                yield halted;
            }
            case Step.PassWave pass -> {
                String reason = pass.decision().describe();
                waves.finish(id, pass.wave(), WaveState.PASSED, reason, now);
                events.emit(campaign, CampaignEvents.Type.WAVE_PASSED, pass.wave(), byNumber.get(pass.wave()).counts(),
                        reason, now);
                yield campaign;
            }
            case Step.StartWave start -> {
                waves.start(id, start.wave(), now);
                events.emit(campaign, CampaignEvents.Type.WAVE_STARTED, start.wave(), byNumber.get(start.wave()).counts(),
                        null, now);
                yield campaign;
            }
            case Step.RequestApproval request -> {
                waves.requestApproval(id, request.wave(), now);
                events.emit(campaign, CampaignEvents.Type.WAVE_AWAITING_APPROVAL, request.wave(),
                        byNumber.get(request.wave()).counts(), "wave " + request.wave() + " waits for approval"
                                + (campaign.spec().schedule().urgent() && request.wave() == all.getFirst().number()
                                        ? ": the first wave of an urgent campaign, by someone who neither created nor"
                                                + " scheduled it" : ""), now);
                yield campaign;
            }
            case Step.Complete complete -> {
                Campaign completed = campaigns.update(campaign.completed(now), now);
                events.emit(completed, CampaignEvents.Type.COMPLETED, null, totals(all), null, now);
                yield completed;
            }
        };
    }

    private void countEvaluations(Campaign campaign, List<Wave> current) {
        for (Wave wave : current) {
            if (wave.state() == WaveState.RUNNING) {
                Gate.Verdict verdict = Gate.evaluate(PilotWave.gateOf(campaign.spec(), wave), wave.counts(), wave.baseline()).verdict();
                Counter.builder(PlannerMetrics.GATE_EVALUATIONS).description("Gate evaluations of running waves")
                        .tag("result", verdict.name().toLowerCase(Locale.ROOT)).register(meters).increment();
            }
        }
    }

    static WaveCounts totals(List<Wave> waves) {
        return waves.stream().map(Wave::counts).reduce(WaveCounts.ZERO, WaveCounts::plus);
    }
}
