package io.upshift.executor.campaign.domain;

import io.upshift.executor.execution.domain.CampaignGate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which campaigns are stopped, as the campaign events tell it. Only stopped campaigns are kept,
 * so the map stays as small as the number of halted and canceled campaigns. A halt is lifted by
 * a later resume; a cancel is final.
 */
public final class CampaignStates implements CampaignGate {

    private final Map<UUID, Stop> stopped = new ConcurrentHashMap<>();
    private final Consumer<UUID> onStop;

    public CampaignStates() {
        this(campaignId -> { });
    }

    /** @param onStop told each time a campaign halts or is canceled (the gateway stops what Salesforce holds) */
    public CampaignStates(Consumer<UUID> onStop) {
        this.onStop = onStop;
    }

    /** A campaign's commands must not run, since {@code at}, for {@code reason}. */
    private record Stop(CampaignSignal signal, String reason, Instant at) {
    }

    public void apply(UUID campaignId, CampaignSignal signal, String reason, Instant at) {
        applyState(campaignId, signal, reason, at);
        if (signal == CampaignSignal.HALTED || signal == CampaignSignal.CANCELED) {
            onStop.accept(campaignId);
        }
    }

    private void applyState(UUID campaignId, CampaignSignal signal, String reason, Instant at) {
        switch (signal) {
            case HALTED -> stopped.compute(campaignId, (id, current) ->
                    current != null && current.signal() == CampaignSignal.CANCELED ? current
                            : new Stop(CampaignSignal.HALTED, reason, at));
            case CANCELED -> stopped.put(campaignId, new Stop(CampaignSignal.CANCELED, reason, at));
            case RESUMED -> stopped.computeIfPresent(campaignId, (id, current) ->
                    current.signal() == CampaignSignal.CANCELED ? current : null);
            case NONE -> {
            }
        }
    }

    @Override
    public Optional<String> stopReason(UUID campaignId) {
        Stop stop = stopped.get(campaignId);
        if (stop == null) {
            return Optional.empty();
        }
        String what = stop.signal() == CampaignSignal.CANCELED ? "The campaign was canceled" : "The campaign was halted";
        return Optional.of(what + " at " + stop.at() + (stop.reason() == null || stop.reason().isBlank() ? ""
                : ": " + stop.reason()));
    }

    /** How many campaigns are stopped now. */
    public int stoppedCount() {
        return stopped.size();
    }
}
