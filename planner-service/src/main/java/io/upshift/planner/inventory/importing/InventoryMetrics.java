package io.upshift.planner.inventory.importing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.upshift.planner.inventory.domain.ImportReport;
import io.upshift.planner.inventory.domain.OrgSource;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The inventory's metrics. Tags stay bounded: the source (4 values), the result or the outcome.
 * <ul>
 * <li>{@value #ORGS_IMPORTED} (Prometheus {@code upshift_planner_inventory_orgs_imported_total}):
 *     orgs by {@code source} and {@code result} = inserted | updated | unchanged | rejected</li>
 * <li>{@value #IMPORT_DURATION} (Prometheus {@code upshift_planner_inventory_import_duration_seconds}):
 *     imports by {@code source} and {@code outcome} = stored | rejected | failed</li>
 * </ul>
 */
@Component
class InventoryMetrics {

    static final String ORGS_IMPORTED = "upshift.planner.inventory.orgs.imported";
    static final String IMPORT_DURATION = "upshift.planner.inventory.import.duration";

    private final MeterRegistry registry;

    InventoryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void imported(ImportReport report, Duration took) {
        count(report.source(), "inserted", report.inserted());
        count(report.source(), "updated", report.updated());
        count(report.source(), "unchanged", report.unchanged());
        count(report.source(), "rejected", report.rejected());
        timer(report.source(), report.stored() ? "stored" : "rejected").record(took);
    }

    void failed(OrgSource source, Duration took) {
        timer(source, "failed").record(took);
    }

    private void count(OrgSource source, String result, long orgs) {
        Counter.builder(ORGS_IMPORTED).description("Orgs read by inventory imports, by what became of them")
                .tag("source", source.name()).tag("result", result)
                .register(registry).increment(orgs);
    }

    private Timer timer(OrgSource source, String outcome) {
        return Timer.builder(IMPORT_DURATION).description("How long inventory imports take")
                .tag("source", source.name()).tag("outcome", outcome).register(registry);
    }
}
