package io.upshift.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the planner process twice in one campaign. First while its relay is sending the
 * campaign's advance notices — built from the targets (#21): some published and marked, some owed —
 * then a restart: every subscriber still gets exactly one advance notice (the invariants count the
 * emails). Then while it dispatches — with commands written to its
 * transactional outbox and not yet marked published — then a restart. The restarted planner
 * publishes what was left (some of it a second time: the relay may have sent a batch it had not
 * marked yet), and the executors, the fleet and the planner's own outcome tracking make sure no
 * org is upgraded twice and none is forgotten.
 */
class PlannerKillIT {

    /** Targets whose advance notice is published, and those still owing it (V33). */
    private static final String NOTICES = """
            select count(*) filter (where notice_id is not null), count(*) filter (where state = 'PLANNED' and notice_id is null)
            from campaign_target where campaign_id = ?""";

    private static final String UNSENT_COMMANDS = """
            select count(*) from outbox where sent_at is null and kind = 'COMMAND' and campaign_id = ?""";

    @Test
    void aPlannerKilledMidNoticesAndAgainWithCommandsInItsOutboxSendsEachOnceAfterItsRestartsAndEveryOrgEndsOnce() throws Exception {
        FaultStack stack = FaultStack.shared();
        Invariants invariants = new Invariants(stack);
        UpshiftProcesses services = stack.services();
        ServiceProcess planner = services.planner();
        FaultCampaign campaign = stack.campaign(FaultStack.ORGS).schedule();
        UUID campaignId = UUID.fromString(campaign.id());

        long[] noticesAtDeath;
        try (Connection db = stack.devstack().dataSource(stack.plannerDatabase()).getConnection();
                PreparedStatement notices = db.prepareStatement(NOTICES)) {
            notices.setObject(1, campaignId);
            // Given the relay half-way through the advance notices (some published, some owed)
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            long[] seen = counts(notices);
            while (seen[0] == 0 || seen[1] == 0) {
                assertThat(seen[1]).as("every notice was out before the relay was seen half-way").isPositive();
                assertThat(System.nanoTime()).as("the relay never started on the notices").isLessThan(deadline);
                Thread.sleep(2);
                seen = counts(notices);
            }
            // When the planner is killed then, and restarted
            services.kill(planner);
            noticesAtDeath = seen;
        }
        services.restart(planner);
        campaign.awaitFinished(0.3, Duration.ofMinutes(5));

        long unsentAtDeath;
        try (Connection db = stack.devstack().dataSource(stack.plannerDatabase()).getConnection();
                PreparedStatement unsent = db.prepareStatement(UNSENT_COMMANDS)) {
            unsent.setObject(1, campaignId);
            // Given commands released and not yet published (the relay publishes within milliseconds: watch closely)
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (count(unsent) == 0) {
                assertThat(System.nanoTime()).as("no unpublished command seen in the outbox").isLessThan(deadline);
                Thread.sleep(2);
            }
            // When the planner is killed at that moment
            services.kill(planner);
            unsentAtDeath = count(unsent);
        }

        // Then after a restart the campaign completes, with every invariant
        services.restart(planner);
        Invariants.Ending ending = invariants.awaitEnd(campaign, Duration.ofMinutes(8));
        invariants.hold(ending);
        assertThat(unsentAtDeath).as("commands the killed planner had released but not published").isPositive();
        assertThat(noticesAtDeath).as("advance notices published and owed just before the first kill")
                .doesNotContain(0L);
    }

    private static long[] counts(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    private static long count(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
