package io.upshift.executor.gateway.salesforce;

import static io.upshift.executor.gateway.salesforce.GatewayHarness.WAIT;
import static io.upshift.executor.gateway.salesforce.Pushes.org;
import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.GatewayException;
import io.upshift.salesforce.stub.SalesforceStub.Subscriber;
import io.upshift.salesforce.stub.StubFault;
import io.upshift.salesforce.stub.StubRoute;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Installed-version lookups through the gateway, against the stub. */
class InstalledVersionsTest {

    private final GatewayHarness harness = new GatewayHarness(10);
    private final SalesforceUpgradeGateway gateway = harness.gateway();

    @AfterEach
    void stop() {
        harness.close();
    }

    private CompletableFuture<Optional<String>> installed(String orgId) {
        return gateway.installedVersion(orgId, harness.packageId).toCompletableFuture();
    }

    @Test
    void readsTheInstalledVersionOfManyOrgsInOneQuery() {
        harness.stub.addSubscriber(new Subscriber(org(20), "Not installed", "Production", "Active", "NA135", "u",
                harness.packageId, null));

        List<CompletableFuture<Optional<String>>> versions = List.of(org(1), org(2), org(20), org(99)).stream()
                .map(this::installed).toList();

        assertThat(versions).extracting(f -> f.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .containsExactly(Optional.of("4.1.0"), Optional.of("4.1.0"), Optional.empty(), Optional.empty());
        long subscriberQueries = harness.stub.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().contains("PackageSubscriber")).count();
        assertThat(subscriberQueries).isEqualTo(1);
    }

    @Test
    void acceptsAFifteenCharacterOrgId() {
        assertThat(installed(org(1).substring(0, 15))).succeedsWithin(WAIT).isEqualTo(Optional.of("4.1.0"));
    }

    @Test
    void surfacesAServerErrorAsATransientGatewayErrorForTheRunnerToRetry() {
        harness.stub.injectFault(StubRoute.QUERY, StubFault.SERVER_ERROR, 1);

        assertThat(installed(org(1))).failsWithin(WAIT).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.TRANSIENT);
                    assertThat(e.errorCode()).isEqualTo("UNKNOWN_EXCEPTION");
                });
    }
}
