package io.upshift.planner.planning;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.jdbc.PackageCatalog;
import io.upshift.planner.campaign.jdbc.TargetStore;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.outbox.Outbox;
import io.upshift.planner.outbox.OutgoingMessage;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.planning.kafka.Notices;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Ends every waiting org (PLANNED, NOTIFIED) of a campaign CANCELED, each subscriber told with one
 * CANCELED notice: the one path a person's cancel and the deadline sweep take. The orgs are
 * streamed with a cursor and their notices written to the outbox in batches of the planning batch
 * size; the targets change in one UPDATE and the wave counters are recounted (a rare bulk change).
 * The caller holds the campaign lock.
 */
@Component
public class Cancellations {

    private final TargetStore targets;
    private final WaveStore waves;
    private final PackageCatalog catalog;
    private final Outbox outbox;
    private final PlanningProperties planning;

    Cancellations(TargetStore targets, WaveStore waves, PackageCatalog catalog, Outbox outbox,
            PlanningProperties planning) {
        this.targets = targets;
        this.waves = waves;
        this.catalog = catalog;
        this.outbox = outbox;
        this.planning = planning;
    }

    /** Cancels the waiting orgs with this error code and message; returns how many. */
    public int cancelWaiting(Campaign campaign, String errorCode, String message, Instant now) {
        UUID id = campaign.id();
        String releaseNotes = catalog.target(campaign.spec()).releaseNotesUrl();
        String support = planning.supportContactOf(campaign.spec());
        List<OutgoingMessage> notices = new ArrayList<>(planning.batchSize());
        targets.forEach(id, TargetState.WAITING, null, null, planning.batchSize(), org -> {
            notices.add(Notices.notice(UUID.randomUUID(), Notices.Kind.CANCELED, campaign, Notices.recipient(org),
                    new TimeWindow(org.plannedStart(), org.plannedEnd()), releaseNotes, support));
            if (notices.size() >= planning.batchSize()) {
                outbox.append(notices);
                notices.clear();
            }
        });
        outbox.append(notices);
        int canceled = targets.cancelWaiting(id, errorCode, message, now);
        waves.recount(id);
        return canceled;
    }
}
