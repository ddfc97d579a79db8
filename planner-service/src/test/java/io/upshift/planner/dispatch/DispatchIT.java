package io.upshift.planner.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.KafkaProbe;
import io.upshift.planner.support.PlannerIT;
import io.upshift.planner.support.TestExecutor;
import io.upshift.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Commands leave when windows are open and waves run, never beyond the campaign's caps. */
class DispatchIT extends PlannerIT {

    @Test
    void fillsTheInFlightCapsAndReleasesNothingMoreWhileNoOutcomeArrives() {
        // given 90 orgs on three pods, at most 12 in flight and at most 3 per pod
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().instance("NA1").times(30));
        pkg.add(Org.production().instance("NA2").times(30));
        pkg.add(Org.production().instance("NA3").times(30));
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("pacing.maxInFlight", 12)
                .with("pacing.maxInFlightPerInstance", 3));

        try (KafkaProbe<UpgradeCommand> commands = KafkaProbe.read(Topics.UPGRADE_COMMANDS)) {
            // when the campaign runs for a while
            List<UpgradeCommand> released = commands.await(c -> c.getCampaignId().toString().equals(id), 9,
                    Duration.ofSeconds(30));
            released = commands.drain(c -> c.getCampaignId().toString().equals(id), Duration.ofSeconds(3));

            // then three per pod left, nine in all: the per-pod cap binds before the global one
            assertThat(released).hasSize(9);
            Map<String, Long> perPod = released.stream()
                    .collect(Collectors.groupingBy(UpgradeCommand::getInstance, Collectors.counting()));
            assertThat(perPod).containsOnly(Map.entry("NA1", 3L), Map.entry("NA2", 3L), Map.entry("NA3", 3L));
            assertThat(released).allSatisfy(c -> {
                assertThat(c.getAttempt()).isEqualTo(1);
                assertThat(c.getFromVersion()).isEqualTo("4.1.3");
                assertThat(c.getTargetVersion()).isEqualTo("4.2.1");
                assertThat(c.getPackageVersionId()).startsWith("04t");
                assertThat(c.getNotBefore()).isBefore(c.getNotAfter());
                assertThat(c.getIssuedAt()).isAfterOrEqualTo(c.getNotBefore()).isBefore(c.getNotAfter());
            });
            Response status = api().get("/api/v1/campaigns/" + id);
            assertThat(status.json().get("state").asText()).isEqualTo("RUNNING");
            assertThat(status.json().get("counts").get("DISPATCHED").asInt()).isEqualTo(9);
        }
    }

    @Test
    void neverExceedsTheRateInAnyMinute() {
        // given 200 orgs and 120 commands a minute
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(200));
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("pacing.maxCommandsPerMinute", 120));

        try (KafkaProbe<UpgradeCommand> commands = KafkaProbe.read(Topics.UPGRADE_COMMANDS)) {
            // when it runs for about eight seconds
            commands.await(c -> c.getCampaignId().toString().equals(id), 10, Duration.ofSeconds(30));
            List<UpgradeCommand> released = commands.drain(c -> c.getCampaignId().toString().equals(id),
                    Duration.ofSeconds(6));

            // then about two a second went out, spread rather than in one burst
            Instant first = released.getFirst().getIssuedAt();
            Instant last = released.getLast().getIssuedAt();
            long seconds = Math.max(1, Duration.between(first, last).toSeconds());
            assertThat(released.size()).isBetween(10, 120);
            assertThat(released.size() / (double) seconds).isLessThanOrEqualTo(2.0 + 10.0 / seconds);
            for (UpgradeCommand c : released) {
                long inMinute = released.stream().filter(o -> !o.getIssuedAt().isAfter(c.getIssuedAt())
                        && o.getIssuedAt().isAfter(c.getIssuedAt().minus(Duration.ofMinutes(1)))).count();
                assertThat(inMinute).isLessThanOrEqualTo(120);
            }
            assertThat(released).extracting(UpgradeCommand::getOrgId).doesNotHaveDuplicates();
        }
    }

    @Test
    void releasesFirstTheOrgsWhosePushesAreExpectedToTakeLongest() {
        // given six orgs on one pod whose pushes of the previous version took 1 to 6 minutes
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().installed("4.1.0").instance("NA7").times(6));
        String previous = scheduled(CampaignJson.forPackage(pkg.id).with("targetVersion", "4.1.3")
                .with("strategy.canary", null).with("strategy.ramp.type", "SINGLE")
                .with("pacing.maxInFlightPerInstance", 6));
        try (TestExecutor executor = TestExecutor.answering(previous, c -> null, Duration.ZERO)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() == 6);
            for (TestExecutor.Received r : executor.received()) {
                executor.send(r.command(), OutcomeStatus.SUCCEEDED,
                        Duration.ofMinutes(orgs.indexOf(r.command().getOrgId()) + 1));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + previous).json().get("state").asText()).isEqualTo("COMPLETED"));
        }
        // and a seventh org never pushed, for which the campaign expects 20 minutes
        String newcomer = pkg.add(Org.production().instance("NA7").times(1)).getFirst();

        try (KafkaProbe<UpgradeCommand> commands = KafkaProbe.read(Topics.UPGRADE_COMMANDS)) {
            // when the next version goes out two at a time
            String id = scheduled(CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                    .with("strategy.ramp.type", "SINGLE").with("pacing.maxInFlightPerInstance", 2)
                    .with("pacing.expectedUpgradeDuration", "PT20M"));
            commands.await(c -> c.getCampaignId().toString().equals(id), 2, Duration.ofSeconds(30));
            List<UpgradeCommand> released = commands.drain(c -> c.getCampaignId().toString().equals(id),
                    Duration.ofSeconds(2));

            // then the two expected to take longest go first: the newcomer and the org that took 6 minutes
            assertThat(released).extracting(UpgradeCommand::getOrgId)
                    .containsExactlyInAnyOrder(newcomer, orgs.get(5));
            // and the API shows each org's forecast: its last push, or the campaign's expectation
            Map<String, String> expected = new java.util.HashMap<>();
            api().get("/api/v1/campaigns/" + id + "/orgs").json().get("items")
                    .forEach(t -> expected.put(t.get("orgId").asText(), t.get("expectedDuration").asText()));
            assertThat(expected).containsEntry(orgs.get(0), "PT1M").containsEntry(orgs.get(5), "PT6M")
                    .containsEntry(newcomer, "PT20M").hasSize(7);
        }
    }

    @Test
    void aCampaignWithoutCapsNeverHasMoreThanTheDefaultInFlightAndSaysSo() {
        // given 80 orgs and a campaign that sets no cap at all (its gate judges after 5 finished orgs)
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().instance("NA1").times(40));
        pkg.add(Org.production().instance("NA2").times(40));
        Response created = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("gate.minimumFinished", 5).json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String bound = "at most 55 orgs can run a failing version before the gate halts";

        // then the preview states the bound in orgs: the gate's sample plus the default cap of 50
        Response preview = api().get("/api/v1/campaigns/" + id + "/preview");
        assertThat(preview.json().get("plan").get("blastRadius").get("orgs").asInt()).as(preview.toString()).isEqualTo(55);
        assertThat(preview.json().get("plan").get("blastRadius").get("statement").asText()).startsWith(bound);

        try (KafkaProbe<UpgradeCommand> commands = KafkaProbe.read(Topics.UPGRADE_COMMANDS)) {
            // when it runs while no outcome arrives
            assertThat(api().post("/api/v1/campaigns/" + id + "/schedule").status()).isEqualTo(200);
            commands.await(c -> c.getCampaignId().toString().equals(id), 50, Duration.ofSeconds(30));
            List<UpgradeCommand> released = commands.drain(c -> c.getCampaignId().toString().equals(id),
                    Duration.ofSeconds(3));

            // then the default cap held: 50 in flight, not 80
            assertThat(released).hasSize(50);
            Response status = api().get("/api/v1/campaigns/" + id);
            assertThat(status.json().get("counts").get("DISPATCHED").asInt()).isEqualTo(50);
            // and the campaign view states the bound too
            assertThat(status.json().get("blastRadius").get("maxInFlight").asInt()).isEqualTo(50);
            assertThat(status.json().get("blastRadius").get("defaultCap").asBoolean()).isTrue();
            assertThat(status.json().get("blastRadius").get("statement").asText()).startsWith(bound);
        }
    }

    @Test
    void neverExceedsThePerPodRate() {
        // given 40 orgs on two pods and at most 6 commands a minute per pod
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().instance("NA1").times(20));
        pkg.add(Org.production().instance("NA2").times(20));
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("pacing.maxCommandsPerMinutePerInstance", 6));
        assertThat(api().get("/api/v1/campaigns/" + id).json().get("definition").get("pacing")
                .get("maxCommandsPerMinutePerInstance").asInt()).isEqualTo(6);

        try (KafkaProbe<UpgradeCommand> commands = KafkaProbe.read(Topics.UPGRADE_COMMANDS)) {
            // when it runs for a few seconds
            commands.await(c -> c.getCampaignId().toString().equals(id), 2, Duration.ofSeconds(30));
            List<UpgradeCommand> released = commands.drain(c -> c.getCampaignId().toString().equals(id),
                    Duration.ofSeconds(4));

            // then each pod got its share of the rate, spread out: one command per 10 seconds, not six at once
            Map<String, Long> perPod = released.stream()
                    .collect(Collectors.groupingBy(UpgradeCommand::getInstance, Collectors.counting()));
            assertThat(perPod).containsOnlyKeys("NA1", "NA2");
            assertThat(perPod.values()).allSatisfy(n -> assertThat(n).isBetween(1L, 2L));
        }
    }
}
