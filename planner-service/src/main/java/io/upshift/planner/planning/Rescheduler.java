package io.upshift.planner.planning;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.TargetVersion;
import io.upshift.planner.campaign.jdbc.PackageCatalog;
import io.upshift.planner.campaign.jdbc.TargetStore;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.outbox.Outbox;
import io.upshift.planner.outbox.OutgoingMessage;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.planning.domain.ExclusionReason;
import io.upshift.planner.planning.domain.UpgradeWindows;
import io.upshift.planner.planning.domain.WindowPlanner;
import io.upshift.planner.planning.kafka.Notices;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Moves orgs of a scheduled campaign to their next window, each with one RESCHEDULED notice: the one
 * path that the campaign loop takes for orgs of a started wave whose window closed unreleased, and a
 * retry takes for failed orgs. The notice-period rule holds for every move as for the first notice:
 * the new window starts no sooner than the notice period after now ({@code Schedule.firstStart}).
 * Every move is a real one — the promised window closed, or was used by the failed attempt — so no
 * notice repeats a window. Moves are gathered in batches: one UPDATE and one outbox write per batch.
 */
@Component
public class Rescheduler {

    private final Planner planner;
    private final PackageCatalog catalog;
    private final Outbox outbox;
    private final PlanningProperties planning;

    Rescheduler(Planner planner, PackageCatalog catalog, Outbox outbox, PlanningProperties planning) {
        this.planner = planner;
        this.catalog = catalog;
        this.outbox = outbox;
        this.planning = planning;
    }

    /**
     * What a move did: the org moved, or stayed where it was because it has no window left at all
     * ({@code NoWindow}) or none that ends by the campaign's deadline (its caller cancels it with
     * {@code DeadlinePassed}).
     */
    public enum MoveResult {
        MOVED, NO_WINDOW, NO_WINDOW_BEFORE_DEADLINE;

        public boolean moved() {
            return this == MOVED;
        }
    }

    /** How a batch of moves is stored: the caller's UPDATE (a retry also resets the org's result). */
    @FunctionalInterface
    public interface MoveWriter {
        void write(List<String> orgIds, List<Instant> starts, List<Instant> ends, List<UUID> noticeIds);
    }

    /** A rescheduling of one campaign's orgs at {@code now}; call {@link Moves#finish()} when every org was offered. */
    public Moves start(Campaign campaign, Instant now, MoveWriter writer) {
        return new Moves(campaign, now, writer);
    }

    /** Orgs moved so far, written in batches of the planning batch size. */
    public final class Moves {
        private final Campaign campaign;
        private final Instant notBefore;
        private final MoveWriter writer;
        private final UpgradeWindows windows;
        private final TargetVersion target;
        private final String supportContact;
        private final List<String> orgIds = new ArrayList<>();
        private final List<Instant> starts = new ArrayList<>();
        private final List<Instant> ends = new ArrayList<>();
        private final List<UUID> noticeIds = new ArrayList<>();
        private final List<OutgoingMessage> notices = new ArrayList<>();
        private int moved;

        private Moves(Campaign campaign, Instant now, MoveWriter writer) {
            this.campaign = campaign;
            this.notBefore = campaign.spec().schedule().firstStart(now);
            this.writer = writer;
            this.windows = planner.upgradeWindows(campaign.spec());
            this.target = catalog.target(campaign.spec());
            this.supportContact = planning.supportContactOf(campaign.spec());
        }

        /** Moves the org to its next window after the notice period; false (nothing written) when it has none left. */
        public boolean move(TargetStore.Org org) {
            return tryMove(org).moved();
        }

        /**
         * Moves the org to its next window after the notice period (the same rule as planning:
         * {@link UpgradeWindows}), or says why it has none left (nothing written then).
         */
        public MoveResult tryMove(TargetStore.Org org) {
            UpgradeWindows.Next next;
            try {
                next = windows.next(WindowPlanner.zoneOf(org.timeZone()),
                        MaintenanceWindow.ofStored(org.days(), org.windowStart(), org.windowEnd()), notBefore);
            } catch (DateTimeException badZone) {
                return MoveResult.NO_WINDOW;
            }
            if (next instanceof UpgradeWindows.None none) {
                return none.reason() == ExclusionReason.NO_WINDOW_BEFORE_DEADLINE
                        ? MoveResult.NO_WINDOW_BEFORE_DEADLINE : MoveResult.NO_WINDOW;
            }
            TimeWindow window = ((UpgradeWindows.Found) next).window();
            UUID noticeId = UUID.randomUUID();
            orgIds.add(org.orgId());
            starts.add(window.start());
            ends.add(window.end());
            noticeIds.add(noticeId);
            notices.add(Notices.notice(noticeId, Notices.Kind.RESCHEDULED, campaign, Notices.recipient(org), window,
                    target.releaseNotesUrl(), supportContact));
            if (orgIds.size() >= planning.batchSize()) {
                flush();
            }
            return MoveResult.MOVED;
        }

        /**
         * Tells the subscriber of an org that had no window left and ends CANCELED (by the caller): it
         * was promised a window, so it hears that the upgrade will not come — with the moves' notices.
         */
        public void canceled(TargetStore.Org org) {
            notices.add(Notices.notice(UUID.randomUUID(), Notices.Kind.CANCELED, campaign, Notices.recipient(org),
                    new TimeWindow(org.plannedStart(), org.plannedEnd()), target.releaseNotesUrl(), supportContact));
            if (notices.size() >= planning.batchSize()) {
                flush();
            }
        }

        /** Writes what is left; returns how many orgs were moved in all. */
        public int finish() {
            flush();
            return moved;
        }

        private void flush() {
            if (!orgIds.isEmpty()) {
                writer.write(orgIds, starts, ends, noticeIds);
            }
            if (!notices.isEmpty()) {
                outbox.append(notices);
            }
            moved += orgIds.size();
            orgIds.clear();
            starts.clear();
            ends.clear();
            noticeIds.clear();
            notices.clear();
        }
    }
}
