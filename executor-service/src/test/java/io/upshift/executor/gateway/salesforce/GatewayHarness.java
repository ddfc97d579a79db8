package io.upshift.executor.gateway.salesforce;

import static io.upshift.executor.gateway.salesforce.Pushes.NOW;
import static io.upshift.executor.gateway.salesforce.Pushes.TARGET;
import static io.upshift.executor.gateway.salesforce.Pushes.org;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upshift.executor.execution.domain.CampaignGate;
import io.upshift.executor.execution.domain.PackageVersion;
import io.upshift.executor.execution.domain.RetryPolicy;
import io.upshift.executor.execution.domain.RunObserver;
import io.upshift.executor.execution.domain.Scheduler;
import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeOrg;
import io.upshift.executor.execution.domain.UpgradeRunner;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.stub.MutableClock;
import io.upshift.salesforce.stub.SalesforceStub;
import io.upshift.salesforce.stub.SalesforceStub.Subscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The Salesforce gateway as the executor runs it, for the fault ITs: the stateful stub with a
 * fixed clock, gateways (one per "executor") with short intervals, and the executor's real
 * {@link UpgradeRunner} (retrying transient failures for as long as the window allows) on each.
 */
final class GatewayHarness implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final UUID CAMPAIGN = UUID.fromString("00000000-0000-0000-0000-00000000c0de");

    final MutableClock clock = new MutableClock(NOW);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final SalesforceStub stub = new SalesforceStub(clock);
    final String packageId = stub.addPackage("Invoicing", "inv");
    final String v410 = stub.addVersion(packageId, "4.1.0");
    final String v420 = stub.addVersion(packageId, TARGET);
    private final List<SalesforceClient> clients = new ArrayList<>();
    private final List<SalesforceUpgradeGateway> gateways = new ArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "harness-runner");
        thread.setDaemon(true);
        return thread;
    });

    GatewayHarness(int orgs) {
        IntStream.rangeClosed(1, orgs).forEach(n -> stub.addSubscriber(Subscriber.active(org(n), packageId, v410)));
    }

    /** A gateway with its own client (its own session), as another executor has. */
    SalesforceUpgradeGateway gateway(SalesforceGatewayProperties.Push settings) {
        SalesforceClient client = new SalesforceClient(stub.clientCredentialsConfig(), clock);
        clients.add(client);
        SalesforceUpgradeGateway gateway = new SalesforceUpgradeGateway(client, settings, clock,
                new SalesforceGatewayMetrics(registry));
        gateways.add(gateway);
        return gateway;
    }

    SalesforceUpgradeGateway gateway() {
        return gateway(Pushes.fastSettings(200));
    }

    /** The executor's runner on this gateway: no attempt count, backoff of tens of milliseconds. */
    UpgradeRunner runner(SalesforceUpgradeGateway gateway) {
        return runner(gateway, campaign -> Optional.empty());
    }

    /** The runner, learning stopped campaigns from {@code campaigns}. */
    UpgradeRunner runner(SalesforceUpgradeGateway gateway, CampaignGate campaigns) {
        Scheduler scheduler = (delay, task) -> {
            var future = timers.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
        return new UpgradeRunner(gateway, campaigns,
                new RetryPolicy(0, Duration.ofMillis(20), 2.0, Duration.ofMillis(200)), Duration.ofSeconds(10),
                Duration.ofMinutes(2), scheduler, clock, () -> ThreadLocalRandom.current().nextDouble(),
                RunObserver.NONE);
    }

    /** The planner's command to push org n, its window open for four hours. */
    UpgradeOrg command(int n) {
        return command(n, NOW.plus(Duration.ofHours(4)));
    }

    UpgradeOrg command(int n, Instant notAfter) {
        return new UpgradeOrg(UUID.randomUUID(), CAMPAIGN, 1, org(n), "NA135", packageId, "4.1.0",
                PackageVersion.parse(TARGET).orElseThrow(), v420, NOW.minus(Duration.ofMinutes(1)), notAfter, 1,
                NOW.minus(Duration.ofMinutes(1)));
    }

    static CompletableFuture<UpgradeFinished> run(UpgradeRunner runner, UpgradeOrg command) {
        return runner.run(command, () -> true).toCompletableFuture();
    }

    /** Every push request's status, oldest first. */
    List<String> requestStatuses() {
        return stub.records("PackagePushRequest").stream().map(r -> (String) r.get("Status")).toList();
    }

    @Override
    public void close() {
        gateways.forEach(SalesforceUpgradeGateway::close);
        clients.forEach(SalesforceClient::close);
        timers.shutdownNow();
        stub.close();
    }
}
