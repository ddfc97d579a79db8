package io.upshift.resilience;

import io.upshift.demo.ApiClient;
import io.upshift.demo.LocalUpshift;
import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackConfig;
import io.upshift.devstack.SecretScanner;
import io.upshift.fleet.world.FleetWorld;
import io.upshift.fleet.world.WorldSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every fault test runs on, started once per test JVM (five JVMs take a while to start on a
 * busy machine): a restartable devstack (its broker and PostgreSQL can be stopped and started
 * again on the same ports with their data), and Upshift as separate processes — the planner,
 * three executors and the notifier — configured for compressed time like the demo. Each test runs
 * its own campaign on its own package and fleet, and leaves every service running when it ends.
 */
final class FaultStack {

    static final int EXECUTORS = 3;
    /**
     * Orgs per fault campaign. CI runs 1,500 so that the six tests stay within a few minutes on two
     * cores: the notifier's emails (two per org), not the campaign, set the pace.
     * {@code -Dresilience.orgs=5000} runs the size.
     */
    static final int ORGS = Integer.getInteger("upshift.faults.orgs", 1_500);
    /**
     * The notifier's sender loops, set here rather than left to its default: each loop has its own SMTP
     * connection, so a relay cut can double one email per loop ({@link Invariants#afterRelayCuts}).
     */
    static final int NOTIFIER_SENDERS = 4;
    /** Commands partitions: two per executor, so a killed executor's share moves to the others. */
    static final int PARTITIONS = 6;

    private static FaultStack shared;

    private final DevStack devstack;
    private final FleetDatabase fleet;
    private final UpshiftProcesses services;
    private final AtomicInteger runs = new AtomicInteger();
    private final Mailbox mailbox;
    /** The release manager's key: campaigns need an OPERATOR (an ADMIN may not start a push). */
    private final String operatorKey;

    private FaultStack(DevStack devstack, FleetDatabase fleet, UpshiftProcesses services) {
        this.devstack = devstack;
        this.fleet = fleet;
        this.services = services;
        this.mailbox = new Mailbox(devstack.smtp());
        this.operatorKey = plannerAsAdmin().createKey("fault-tests-release-manager", "OPERATOR");
    }

    static synchronized FaultStack shared() {
        if (shared == null) {
            DevStack devstack = DevStack.start(DevStackConfig.forTests().withDefaultPartitions(PARTITIONS)
                    .withRestartableParts());
            FleetDatabase fleet = null;
            UpshiftProcesses services;
            try {
                fleet = new FleetDatabase();
                services = UpshiftProcesses.start(devstack, fleet, settings());
            } catch (RuntimeException e) {
                if (fleet != null) {
                    fleet.close();
                }
                devstack.close();
                throw e;
            }
            shared = new FaultStack(devstack, fleet, services);
            FleetDatabase fleetDatabase = fleet;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                services.close();
                fleetDatabase.close();
                devstack.close();
            }, "fault-stack-shutdown"));
        }
        // A test that failed half-way may have left a part down: every test starts with all of it up.
        shared.devstack.startKafka();
        shared.devstack.startPostgres();
        shared.devstack.smtp().start();
        shared.services.reviveAll();
        return shared;
    }

    /** The demo's compressed time, a little faster still: shorter pushes, quicker retries, more mail per second. */
    static LocalUpshift.Settings settings() {
        Map<String, String> executor = new LinkedHashMap<>();
        executor.put("upshift.executor.simulated.seed", "7");
        executor.put("upshift.executor.simulated.latency.median", "200ms");
        executor.put("upshift.executor.simulated.latency.p99", "1s");
        executor.put("upshift.executor.simulated.latency.max", "2s");
        executor.put("upshift.executor.retry.initial-backoff", "500ms");
        executor.put("upshift.executor.retry.max-backoff", "2s");
        // About 1 % of failures (FaultCampaign's gate sample assumes it), half of them transient: each is
        // its command's outcome (the executor does not push again). At 4 % the 10 % gate halted a healthy
        // campaign on a noisy sample (PoisonRecordsIT: 7 of 68 in wave 6) — the gate working, not the
        // fault under test.
        executor.put("upshift.executor.simulated.failures.fleet.LockingFailure", "0.005");
        executor.put("upshift.executor.simulated.failures.fleet.ApexTestFailure", "0.005");
        return LocalUpshift.Settings.of(EXECUTORS)
                .withDatabase("faults")
                .withPlanner(Map.of("upshift.planner.dispatch.interval", "250ms",
                        // compressed time: FaultCampaign's 5-second notice stands for days
                        "upshift.planner.planning.minimum-notice-period", "5s"))
                .withExecutor(executor)
                .withNotifier(Map.of(
                        "upshift.notifier.delivery.rate-per-second", "2000",
                        "upshift.notifier.delivery.batch-size", "200",
                        "upshift.notifier.delivery.senders", String.valueOf(NOTIFIER_SENDERS),
                        // compressed time: the sender looks for a relay that came back every 5 s, not every 30 s
                        "upshift.notifier.delivery.max-relay-pause", "5s",
                        "upshift.notifier.publisher-recipients", "release-team@acme-isv.example"));
    }

    DevStack devstack() {
        return devstack;
    }

    UpshiftProcesses services() {
        return services;
    }

    String plannerDatabase() {
        return services.plannerDatabase();
    }

    /** The planner's API as the release manager (OPERATOR): campaigns. */
    ApiClient planner() {
        return new ApiClient(services.planner().url(), operatorKey);
    }

    /** The planner's API as the run's ADMIN: packages and inventory. */
    ApiClient plannerAsAdmin() {
        return new ApiClient(services.planner().url(), services.adminKey());
    }

    /** The notifier's API as the run's ADMIN (reading a campaign's emails needs any role). */
    ApiClient notifier() {
        return new ApiClient(services.notifier().url(), services.adminKey());
    }

    /** Looks for the run's API keys in every service's log. */
    SecretScanner secrets() {
        return SecretScanner.of(Map.of("bootstrap admin key", services.adminKey(), "operator's API key", operatorKey));
    }

    /** What the SMTP server received (one reader for the whole run: it remembers what it has read). */
    Mailbox mailbox() {
        return mailbox;
    }

    KafkaEvidence kafka() {
        return new KafkaEvidence(devstack.kafkaBootstrapServers(), devstack.schemaRegistryUrl());
    }

    /** The simulated fleet's world as the executors share it (its counts cover every executor). */
    FleetWorld openFleetWorld() {
        return FleetWorld.open(fleet.dataSource(), WorldSettings.defaults(), Clock.systemUTC());
    }

    /** A campaign of its own: its own package, and a fleet seed no other campaign on this stack uses. */
    FaultCampaign campaign(int orgs) {
        // The stack's databases are new with every test JVM, so a counter keeps packages and fleets apart.
        return new FaultCampaign(plannerAsAdmin(), planner(), FaultCampaign.Options.of(orgs, runs.incrementAndGet()));
    }

    /** The same, with a different in-flight cap (the load test releases more at once). */
    FaultCampaign campaign(int orgs, int maxInFlight) {
        return new FaultCampaign(plannerAsAdmin(), planner(), FaultCampaign.Options.of(orgs, runs.incrementAndGet())
                .withMaxInFlight(maxInFlight));
    }
}
