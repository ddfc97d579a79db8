package io.upshift.fleet.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class FleetWorldIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private DataSource dataSource;
    private WorldSettings settings;
    private final List<FleetWorld> worlds = new ArrayList<>();

    @BeforeEach
    void freshSchema(DevStack stack) {
        dataSource = stack.dataSource("fleet");
        settings = WorldSettings.defaults().withSchema(Fleets.schema());
    }

    @AfterEach
    void closeWorlds() {
        worlds.forEach(FleetWorld::close);
    }

    @Test
    void pushesAnOrgOnceAndRecordsItsNewVersion() throws Exception {
        FleetWorld world = open(settings.withLatency(LatencyModel.fixed(Duration.ofMillis(300))));
        String org = Fleets.orgIds(1).getFirst();
        world.seed(java.util.stream.Stream.of(Fleets.org(org, "4.1.0")));

        PushOutcome outcome = get(world.push(Fleets.push(org, "4.2.1")));

        assertThat(outcome).isInstanceOf(PushOutcome.Succeeded.class);
        assertThat(get(world.installedVersion(org, null, null))).contains("4.2.1");
        assertThat(world.orgStates(List.of(org)).get(org)).isEqualTo(new OrgState(org, "4.2.1", 1, 1));
    }

    @Test
    void reportsWhenEachPushStartsAScheduledOneAtItsStartTime() throws Exception {
        FleetWorld world = open(settings.withLatency(LatencyModel.fixed(Duration.ofMillis(100))));
        List<String> orgs = Fleets.orgIds(3);
        world.seed(orgs.stream().map(org -> Fleets.org(org, "4.1.0")));
        java.time.Instant before = java.time.Instant.now();
        java.time.Instant scheduled = before.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        PushOrder now = Fleets.push(orgs.get(0), "4.2.1");
        PushOrder later = Fleets.push(orgs.get(1), "4.2.1");
        later = new PushOrder(later.orgId(), later.instance(), later.targetVersion(), later.assumedVersion(), scheduled,
                later.reference());

        get(world.push(now));
        get(world.push(later));

        var starts = world.pushStarts(orgs);
        assertThat(starts).containsOnlyKeys(orgs.get(0), orgs.get(1));
        assertThat(starts.get(orgs.get(0))).singleElement()
                .satisfies(at -> assertThat(at).isBetween(before.minusMillis(1), scheduled));
        assertThat(starts.get(orgs.get(1))).containsExactly(scheduled);
    }

    @Test
    void aSecondReplicaPushingTheSameOrgAdoptsTheLiveJob() throws Exception {
        FleetWorld first = open(settings.withLatency(LatencyModel.fixed(Duration.ofSeconds(2))));
        FleetWorld second = open(settings.withLatency(LatencyModel.fixed(Duration.ofSeconds(2))));
        String org = Fleets.orgIds(1).getFirst();
        first.seed(java.util.stream.Stream.of(Fleets.org(org, "4.1.0")));

        CompletableFuture<PushOutcome> started = first.push(Fleets.push(org, "4.2.1"));
        await().atMost(WAIT).until(() -> first.report().jobsInProgress() == 1);
        CompletableFuture<PushOutcome> adopted = second.push(Fleets.push(org, "4.2.1"));

        assertThat(get(adopted).jobId()).isEqualTo(get(started).jobId());
        assertThat(first.orgStates(List.of(org)).get(org)).isEqualTo(new OrgState(org, "4.2.1", 1, 1));
    }

    @Test
    void replicasPushingTheSameOrgsAtOnceStartOneJobPerOrg() throws Exception {
        FleetWorld first = open(settings.withLatency(LatencyModel.logNormal(Duration.ofMillis(50), Duration.ofMillis(500))));
        FleetWorld second = open(settings.withLatency(LatencyModel.logNormal(Duration.ofMillis(50), Duration.ofMillis(500))));
        List<String> orgs = Fleets.orgIds(2_000);
        List<CompletableFuture<PushOutcome>> all = new ArrayList<>();

        for (String org : orgs) {
            all.add(first.push(Fleets.pushAssuming(org, "4.1.0", "4.2.1")));
            all.add(second.push(Fleets.pushAssuming(org, "4.1.0", "4.2.1")));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(all).allSatisfy(push -> assertThat(push.join()).isInstanceOf(PushOutcome.Succeeded.class));
        assertThat(first.report()).isEqualTo(new WorldReport(2_000, 2_000, 0, 2_000, 0, 0));
    }

    @Test
    void anOrgItHasNeverSeenIsTakenToHaveTheCommandsFromVersion() throws Exception {
        FleetWorld world = open(settings);
        String org = Fleets.orgIds(1).getFirst();

        assertThat(get(world.installedVersion(org, "4.1.3", "NA135"))).contains("4.1.3");
        assertThat(get(world.push(Fleets.push(org, "4.2.1")))).isInstanceOf(PushOutcome.Succeeded.class);
        assertThat(get(world.installedVersion(org, "4.1.3", "NA135"))).contains("4.2.1");
    }

    @Test
    void withoutAnAssumedVersionAnUnknownOrgHasNoPackage() throws Exception {
        FleetWorld world = open(settings);
        String org = Fleets.orgIds(1).getFirst();

        assertThat(get(world.installedVersion(org, null, "NA135"))).isEmpty();
        assertThat(get(world.push(Fleets.push(org, "4.2.1"))))
                .isInstanceOfSatisfying(PushOutcome.Failed.class, failed -> assertThat(failed.type())
                        .isEqualTo(PushErrorType.INELIGIBLE_UPGRADE));
    }

    @Test
    void rejectsBetaInactiveAndAlreadyUpgradedOrgsWithoutStartingAJob() throws Exception {
        FleetWorld world = open(settings);
        List<String> orgs = Fleets.orgIds(3);
        world.seed(java.util.stream.Stream.of(Fleets.betaOrg(orgs.get(0), "4.2.0"),
                Fleets.inactiveOrg(orgs.get(1), "4.1.0"), Fleets.org(orgs.get(2), "4.3.0")));

        for (String org : orgs) {
            PushOutcome outcome = get(world.push(Fleets.push(org, "4.2.1")));
            assertThat(outcome).isInstanceOfSatisfying(PushOutcome.Failed.class, failed -> {
                assertThat(failed.type()).isEqualTo(PushErrorType.INELIGIBLE_UPGRADE);
                assertThat(failed.jobId()).isZero();
            });
        }
        assertThat(world.report().pushJobs()).isZero();
    }

    @Test
    void aFailedJobIsNotAdoptedSoARetryStartsASecondJob() throws Exception {
        FleetWorld world = open(settings.withFailures(FailureModel.NONE.withFleet(
                FailureRates.of(PushErrorType.LOCKING_FAILURE, 0.5))));
        List<String> orgs = Fleets.orgIds(200);

        List<String> failedOnce = new ArrayList<>();
        for (String org : orgs) {
            if (get(world.push(Fleets.pushAssuming(org, "4.1.0", "4.2.1"))) instanceof PushOutcome.Failed failed) {
                assertThat(failed.type()).isEqualTo(PushErrorType.LOCKING_FAILURE);
                failedOnce.add(org);
            }
        }
        int succeededOnRetry = 0;
        for (String org : failedOnce) {
            if (get(world.push(Fleets.push(org, "4.2.1"))) instanceof PushOutcome.Succeeded) {
                succeededOnRetry++;
            }
        }

        assertThat(failedOnce).hasSizeBetween(70, 130);
        assertThat(succeededOnRetry).isBetween(failedOnce.size() / 4, failedOnce.size() * 3 / 4);
        assertThat(world.orgStates(failedOnce).values()).allSatisfy(state -> assertThat(state.pushJobs()).isEqualTo(2));
        assertThat(world.report().orgsUpgradedMoreThanOnce()).isZero();
    }

    @Test
    void findsTheFinishedPushThatACommandStarted() throws Exception {
        FleetWorld world = open(settings);
        String org = Fleets.orgIds(1).getFirst();
        PushOrder order = Fleets.pushAssuming(org, "4.1.0", "4.2.1");
        PushOutcome pushed = get(world.push(order));

        assertThat(get(world.finishedPush(org, "4.2.1", order.reference()))).contains(pushed);
        assertThat(get(world.finishedPush(org, "4.2.1", UUID.randomUUID()))).isEmpty();
    }

    @Test
    void refusesCallsAtTheUnavailableRateWithoutStartingJobs() throws Exception {
        FleetWorld world = open(settings.withFailures(FailureModel.NONE.withUnavailableRate(0.99)));
        String org = Fleets.orgIds(1).getFirst();

        CompletableFuture<PushOutcome> push = world.push(Fleets.pushAssuming(org, "4.1.0", "4.2.1"));

        assertThatThrownBy(() -> get(push)).hasCauseInstanceOf(WorldUnavailableException.class)
                .hasMessageContaining("503");
        assertThat(world.report().pushJobs()).isZero();
    }

    @Test
    void aJobLeftInProgressByAClosedReplicaIsEndedByTheOneThatAdoptsIt() throws Exception {
        FleetWorld crashed = open(settings.withLatency(LatencyModel.fixed(Duration.ofSeconds(1))));
        String org = Fleets.orgIds(1).getFirst();
        crashed.push(Fleets.pushAssuming(org, "4.1.0", "4.2.1"));
        await().atMost(WAIT).until(() -> crashed.report().jobsInProgress() == 1);
        crashed.close();

        FleetWorld survivor = open(settings);
        PushOutcome outcome = get(survivor.push(Fleets.push(org, "4.2.1")));

        assertThat(outcome).isInstanceOf(PushOutcome.Succeeded.class);
        assertThat(survivor.orgStates(List.of(org)).get(org)).isEqualTo(new OrgState(org, "4.2.1", 1, 1));
    }

    @Test
    void seedsAFleetInBatches() {
        FleetWorld world = open(settings.withBatchSize(1000));
        List<String> orgs = Fleets.orgIds(2_500);

        long written = world.seed(orgs.stream().map(org -> Fleets.org(org, "4.1.0")));

        assertThat(written).isEqualTo(2_500);
        assertThat(world.report().orgs()).isEqualTo(2_500);
    }

    private FleetWorld open(WorldSettings worldSettings) {
        FleetWorld world = FleetWorld.open(dataSource, worldSettings, Clock.systemUTC());
        worlds.add(world);
        return world;
    }

    private static <T> T get(CompletableFuture<T> future) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

}
