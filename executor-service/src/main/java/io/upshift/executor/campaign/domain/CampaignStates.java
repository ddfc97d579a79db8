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
 * a later resume; a cancel is final. Orgs a person removed from a campaign are kept too (as many as
 * were removed, which people do one by one); a removal is final.
 */
public final class CampaignStates implements CampaignGate {

    private final Map<UUID, Stop> stopped = new ConcurrentHashMap<>();
    private final Map<String, Stop> removed = new ConcurrentHashMap<>();
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
        apply(campaignId, null, signal, reason, at);
    }

    /** As {@link #apply(UUID, CampaignSignal, String, Instant)}; {@code orgId} names the org of ORG_REMOVED. */
    public void apply(UUID campaignId, String orgId, CampaignSignal signal, String reason, Instant at) {
        applyState(campaignId, orgId, signal, reason, at);
        if (signal == CampaignSignal.HALTED || signal == CampaignSignal.CANCELED) {
            onStop.accept(campaignId);
        }
    }

    private void applyState(UUID campaignId, String orgId, CampaignSignal signal, String reason, Instant at) {
        switch (signal) {
            case ORG_REMOVED -> {
                if (orgId != null) {
                    removed.put(campaignId + "/" + orgId, new Stop(signal, reason, at));
                }
            }
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

    @Override
    public Optional<String> stopReason(UUID campaignId, String orgId) {
        Optional<String> campaign = stopReason(campaignId);
        if (campaign.isPresent()) {
            return campaign;
        }
        Stop stop = removed.get(campaignId + "/" + orgId);
        return stop == null ? Optional.empty() : Optional.of("The org was removed from the campaign at " + stop.at()
                + (stop.reason() == null || stop.reason().isBlank() ? "" : ": " + stop.reason()));
    }

    /** How many campaigns are stopped now. */
    public int stoppedCount() {
        return stopped.size();
    }
}
