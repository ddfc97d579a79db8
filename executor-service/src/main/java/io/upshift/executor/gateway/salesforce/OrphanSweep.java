package io.upshift.executor.gateway.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.Soql;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels push requests left {@code Created}: an executor killed between creating a request and
 * setting it Pending, or a create whose answer was lost, leaves one behind, and Salesforce keeps it
 * forever. Every {@code orphans.sweep-interval} it looks for {@code Created} requests of the
 * versions this gateway has been asked to push that are older than {@code orphans.min-age} — longer
 * than any executor takes to schedule or cancel its own — and cancels them. Requests of other
 * versions (another tool of the ISV) are left alone. Loop thread only.
 */
final class OrphanSweep {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweep.class);

    private final SalesforceClient salesforce;
    private final RetryingCalls calls;
    private final PushRequests requests;
    private final Clock clock;
    private final SalesforceGatewayProperties.Orphans settings;
    private final Set<String> versions = new LinkedHashSet<>();
    private boolean sweeping;

    OrphanSweep(SalesforceClient salesforce, RetryingCalls calls, PushRequests requests, Clock clock,
                SalesforceGatewayProperties.Orphans settings) {
        this.salesforce = salesforce;
        this.calls = calls;
        this.requests = requests;
        this.clock = clock;
        this.settings = settings;
    }

    /** A version this gateway pushes: its orphaned requests are swept from now on. */
    void pushes(String packageVersionId) {
        versions.add(packageVersionId);
    }

    void sweep() {
        if (sweeping || versions.isEmpty()) {
            return;
        }
        sweeping = true;
        Instant before = clock.instant().minus(settings.minAge());
        String soql = "SELECT Id, PackageVersionId, CreatedDate FROM PackagePushRequest WHERE Status = 'Created'"
                + " AND PackageVersionId IN " + Soql.inList(versions) + " AND CreatedDate < " + Soql.datetime(before);
        calls.once(SalesforceGatewayMetrics.FIND_ORPHANED_REQUESTS, () -> salesforce.queryAll(soql))
                .whenComplete((rows, failure) -> {
                    sweeping = false;
                    if (failure != null) {
                        log.warn("Looking for orphaned push requests failed; trying again in {}: {}",
                                settings.sweepInterval(), failure.toString());
                        return;
                    }
                    for (JsonNode row : rows) {
                        String id = row.path("Id").asText();
                        requests.cancel(id, () -> log.warn("Canceled the orphaned push request {} to {} (Created {},"
                                + " never scheduled)", id, row.path("PackageVersionId").asText(),
                                row.path("CreatedDate").asText()));
                    }
                });
    }
}
