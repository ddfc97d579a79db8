package io.upshift.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.demo.ApiClient;
import io.upshift.fleet.world.FleetWorld;
import io.upshift.fleet.world.OrgState;
import io.upshift.messages.UpgradeOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The promise to an ISV, checked after a campaign that lived through a fault, where each part of
 * it shows: the planner's API, the outcome events on Kafka, the simulated fleet's own push counts
 * and the SMTP server's mailbox.
 * <ol>
 * <li>every eligible org ends in exactly one terminal state (none forgotten);</li>
 * <li>no org's version was changed more than once, and the fleet agrees with each org's state;</li>
 * <li>the outcome events on Kafka say what the planner counted (one terminal outcome per org;
 * a redelivered duplicate carries the same command id and the same status);</li>
 * <li>every due email was sent exactly once: one advance notice and one result per org, one
 * report per passed wave and one campaign report — none lost, none handed to the relay twice.</li>
 * </ol>
 * And, as the run goes along, its API keys show in no service's log.
 */
final class Invariants {

    static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "SKIPPED", "CANCELED", "TIMED_OUT");
    /** How long the email check waits without a single new email arriving. */
    private static final Duration EMAIL_PATIENCE = Duration.ofMinutes(3);
    private static final Logger log = LoggerFactory.getLogger(Invariants.class);

    private final FaultStack stack;
    /** How many emails may arrive twice: one per sender loop and relay cut. */
    private final int allowedDoubles;

    Invariants(FaultStack stack) {
        this(stack, 0);
    }

    private Invariants(FaultStack stack, int allowedDoubles) {
        this.stack = stack;
        this.allowedDoubles = allowedDoubles;
    }

    /**
     * The same checks after the SMTP relay was killed {@code cuts} times in the middle of a
     * session. A relay that stores an email and dies before its "250 OK" reaches the notifier has
     * taken it, yet the notifier cannot know: it sends it again. SMTP offers no way out of that
     * window; the copy carries the same Message-ID, so a mail client can drop it. Each of the
     * notifier's {@link FaultStack#NOTIFIER_SENDERS} sender loops sends over its own connection,
     * one email at a time, so each cut can double at most one email per loop: up to
     * {@code cuts × NOTIFIER_SENDERS} emails may arrive twice, each with one Message-ID — and no more.
     */
    Invariants afterRelayCuts(int cuts) {
        return new Invariants(stack, cuts * FaultStack.NOTIFIER_SENDERS);
    }

    /** What a campaign left behind, read once it ended. */
    record Ending(FaultCampaign campaign, JsonNode status, List<JsonNode> orgs) {

        List<String> orgIds() {
            return orgs.stream().map(o -> o.path("orgId").asText()).toList();
        }

        long count(String state) {
            return status.path("counts").path(state).asLong();
        }
    }

    /** Waits for the campaign's end and reads where it stands. */
    Ending awaitEnd(FaultCampaign campaign, Duration timeout) {
        JsonNode status = campaign.awaitEnd(timeout);
        return new Ending(campaign, status, campaign.orgs());
    }

    /** All four, with every violation reported at once. */
    void hold(Ending ending) {
        int run = ending.campaign().options().run();
        timed(run, "every eligible org in exactly one terminal state",
                () -> everyEligibleOrgEndsInExactlyOneTerminalState(ending));
        timed(run, "no org upgraded twice, the fleet agrees", () -> noOrgIsUpgradedTwiceAndTheFleetAgrees(ending));
        timed(run, "outcome events = planner counts", () -> theOutcomeEventsMatchThePlannersCounts(ending));
        timed(run, "every due email sent exactly once", () -> everyDueEmailIsSentExactlyOnce(ending));
        timed(run, "the run's API keys in no service log", () -> stack.secrets().assertNoneIn(stack.services().logs()));
    }

    private static void timed(int run, String invariant, Runnable check) {
        long start = System.nanoTime();
        check.run();
        log.info("campaign {}: {} — holds (checked in {} ms)", run, invariant,
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    void everyEligibleOrgEndsInExactlyOneTerminalState(Ending ending) {
        assertThat(ending.status().path("state").asText()).as("campaign state: %s",
                FaultCampaign.summary(ending.status())).isEqualTo("COMPLETED");
        assertThat(ending.status().path("waves")).allSatisfy(w ->
                assertThat(w.path("state").asText()).as("wave %s", w.path("number")).isEqualTo("PASSED"));
        assertThat(ending.orgs()).as("org targets").hasSize((int) ending.campaign().eligible());
        assertThat(ending.orgIds()).as("org ids").doesNotHaveDuplicates();
        Map<String, Long> byState = ending.orgs().stream()
                .collect(Collectors.groupingBy(o -> o.path("state").asText(), TreeMap::new, Collectors.counting()));
        assertThat(TERMINAL).as("states of the orgs: %s", byState).containsAll(byState.keySet());
        for (String state : TERMINAL) {
            assertThat(byState.getOrDefault(state, 0L)).as("orgs listed %s vs the campaign's count", state)
                    .isEqualTo(ending.count(state));
        }
    }

    void noOrgIsUpgradedTwiceAndTheFleetAgrees(Ending ending) {
        Map<String, OrgState> fleet;
        try (FleetWorld world = stack.openFleetWorld()) {
            fleet = world.orgStates(ending.orgIds());
        }
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(fleet.values().stream().filter(o -> o.upgrades() > 1).map(OrgState::orgId).toList())
                .as("orgs upgraded more than once").isEmpty();
        for (JsonNode org : ending.orgs()) {
            String orgId = org.path("orgId").asText();
            OrgState state = fleet.get(orgId);
            String planned = org.path("state").asText();
            int upgrades = state == null ? 0 : state.upgrades();
            switch (planned) {
                case "SUCCEEDED" -> {
                    soft.assertThat(upgrades).as("upgrades of %s, SUCCEEDED in the planner", orgId).isEqualTo(1);
                    soft.assertThat(state == null ? null : state.installedVersion()).as("version of %s", orgId)
                            .isEqualTo(FaultCampaign.TARGET_VERSION);
                }
                case "SKIPPED" -> soft.assertThat(state == null ? null : state.installedVersion())
                        .as("version of %s, SKIPPED as already upgraded", orgId).isEqualTo(FaultCampaign.TARGET_VERSION);
                default -> soft.assertThat(upgrades).as("upgrades of %s, %s in the planner", orgId, planned).isZero();
            }
        }
        soft.assertAll();
    }

    void theOutcomeEventsMatchThePlannersCounts(Ending ending) {
        List<UpgradeOutcome> events = stack.kafka().outcomes(ending.campaign().id());
        Map<String, Set<String>> statusesByCommand = new HashMap<>();
        Map<String, Set<String>> finishingCommandsByOrg = new HashMap<>();
        for (UpgradeOutcome event : events) {
            String command = String.valueOf(event.getCommandId());
            statusesByCommand.computeIfAbsent(command, c -> new HashSet<>()).add(event.getStatus().name());
            if (!event.getStatus().name().equals("CANCELED")) {
                finishingCommandsByOrg.computeIfAbsent(event.getOrgId(), o -> new HashSet<>()).add(command);
            }
        }
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(statusesByCommand.entrySet().stream().filter(e -> e.getValue().size() > 1).toList())
                .as("commands whose duplicated outcome events disagree").isEmpty();
        soft.assertThat(finishingCommandsByOrg.entrySet().stream().filter(e -> e.getValue().size() > 1).toList())
                .as("orgs with terminal outcomes of more than one command").isEmpty();
        Map<String, Long> eventsByStatus = new TreeMap<>();
        for (JsonNode org : ending.orgs()) {
            String state = org.path("state").asText();
            String command = org.path("commandId").asText();
            boolean plannerTimeout = state.equals("TIMED_OUT") && "PlannerTimeout".equals(org.path("errorCode").asText());
            if (plannerTimeout || state.equals("CANCELED")) {
                continue; // decided by the planner itself: no executor outcome to match
            }
            Set<String> statuses = statusesByCommand.get(command);
            soft.assertThat(statuses).as("outcome events of %s's command %s (%s in the planner)",
                    org.path("orgId").asText(), command, state).isEqualTo(Set.of(state));
            if (statuses != null && statuses.size() == 1) {
                eventsByStatus.merge(statuses.iterator().next(), 1L, Long::sum);
            }
        }
        for (String state : List.of("SUCCEEDED", "FAILED", "SKIPPED")) {
            soft.assertThat(eventsByStatus.getOrDefault(state, 0L)).as("%s outcome events vs the planner's count", state)
                    .isEqualTo(ending.count(state));
        }
        soft.assertAll();
    }

    void everyDueEmailIsSentExactlyOnce(Ending ending) {
        String campaignId = ending.campaign().id();
        int waves = ending.status().path("waves").size();
        Set<String> orgIds = Set.copyOf(ending.orgIds());
        long deadline = System.nanoTime() + EMAIL_PATIENCE.toNanos();
        long lastLog = System.nanoTime();
        Mailbox.Campaign mailbox = stack.mailbox().campaign(campaignId);
        while (System.nanoTime() < deadline && !(mailbox.count("advance-notice") >= orgIds.size()
                && mailbox.count("result") >= orgIds.size() && mailbox.count("campaign-ended-report") >= 1
                && mailbox.count("wave-passed-report") >= waves && nothingLeftToSend(campaignId))) {
            if (System.nanoTime() - lastLog > Duration.ofSeconds(10).toNanos()) {
                lastLog = System.nanoTime();
                log.info("campaign {}: waiting for emails; received {}; the notifier's queue: {}",
                        ending.campaign().options().run(), mailbox, notifierQueue(campaignId));
            }
            // Each look reads every received mail: with thousands still to come (the load test), look less
            // often, so this JVM (the SMTP server's too) leaves the CPU to the notifier.
            long missing = 2L * orgIds.size() - mailbox.count("advance-notice") - mailbox.count("result");
            ServiceProcess.pause(Duration.ofSeconds(missing > 1_000 ? 5 : 1));
            int before = mailbox.total();
            mailbox = stack.mailbox().campaign(campaignId);
            if (mailbox.total() > before) {
                // Patience runs out only when mail stops coming: a large campaign's emails take a while.
                deadline = System.nanoTime() + EMAIL_PATIENCE.toNanos();
            }
        }
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(mailbox.sentTwice()).as("emails handed to the relay twice (at most %d: one per sender loop "
                + "and relay cut)", allowedDoubles).hasSizeLessThanOrEqualTo(allowedDoubles);
        soft.assertThat(mailbox.kind("advance-notice")).as("advance notices (%s)", mailbox)
                .containsOnlyKeys(orgIds).allSatisfy((org, n) -> assertThat(n).as("advance notices to %s", org).isOne());
        soft.assertThat(mailbox.kind("result")).as("result emails (%s)", mailbox)
                .containsOnlyKeys(orgIds).allSatisfy((org, n) -> assertThat(n).as("result emails to %s", org).isOne());
        soft.assertThat(mailbox.count("wave-passed-report")).as("wave reports (%s)", mailbox).isEqualTo(waves);
        soft.assertThat(mailbox.count("campaign-ended-report")).as("campaign reports (%s)", mailbox).isOne();
        soft.assertThat(mailbox.count("halted-report")).as("halt reports (%s)", mailbox).isZero();
        soft.assertAll();
    }

    private String notifierQueue(String campaignId) {
        try {
            return stack.notifier().get("/api/v1/campaigns/" + campaignId + "/emails")
                    .path("emails").toString();
        } catch (ApiClient.ApiException e) {
            return e.getMessage();
        }
    }

    /** The notifier's own view: nothing waiting or being sent for the campaign (reminders wait for their time). */
    private boolean nothingLeftToSend(String campaignId) {
        try {
            JsonNode emails = stack.notifier()
                    .get("/api/v1/campaigns/" + campaignId + "/emails").path("emails");
            long open = 0;
            for (var kind : emails.properties()) {
                if (!kind.getKey().equals("reminder")) {
                    open += kind.getValue().path("PENDING").asLong() + kind.getValue().path("SENDING").asLong();
                }
            }
            return open == 0;
        } catch (ApiClient.ApiException e) {
            return false;
        }
    }
}
