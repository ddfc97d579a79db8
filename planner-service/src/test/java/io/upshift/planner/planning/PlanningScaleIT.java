package io.upshift.planner.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.PlannerIT;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A measurement, not a test of speed: plans a campaign over {@code -Dupshift.scale=N} generated
 * orgs and prints how long create, preview and schedule took. Off unless the property is set.
 */
@EnabledIfSystemProperty(named = "upshift.scale", matches = "\\d+")
class PlanningScaleIT extends PlannerIT {

    @Test
    void plansALargeFleet() {
        int n = Integer.parseInt(System.getProperty("upshift.scale"));
        Inventory.Package pkg = inventory().newPackage();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String prefix = "00DS" + Long.toString(System.nanoTime() % 1_000_000, 36);
        long t0 = System.nanoTime();
        jdbc.update("""
                insert into subscriber_org (org_id, org_name, org_type, status, instance, time_zone, window_days,
                                            window_start, window_end, locale, admin_emails, source, updated_at)
                select rpad(? || g, 18, 'x'), 'Org ' || g, case when g % 4 = 0 then 'SANDBOX' else 'PRODUCTION' end,
                       'ACTIVE', 'NA' || (g % 40), (array['UTC','Europe/Berlin','America/New_York','Asia/Tokyo'])[1 + g % 4],
                       '{MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY}', '00:00', '00:00', 'en-US',
                       array['admin' || g || '@org.example'], 'SIMULATED', now()
                from generate_series(1, ?) g""", prefix, n);
        jdbc.update("""
                insert into installed_package (org_id, package_id, installed_version, major, minor, patch, build, beta,
                                               installed, updated_at)
                select rpad(? || g, 18, 'x'), ?, '4.1.3', 4, 1, 3, 0, false, true, now() from generate_series(1, ?) g""",
                prefix, pkg.id, n);
        long seeded = System.nanoTime();

        Response created = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id)
                .with("schedule.earliestStart", Instant.now().plus(Duration.ofDays(3)).toString()).json());
        String id = created.json().get("id").asText();
        long t1 = System.nanoTime();
        Response preview = api().get("/api/v1/campaigns/" + id + "/preview");
        long t2 = System.nanoTime();
        Response scheduled = api().post("/api/v1/campaigns/" + id + "/schedule");
        long t3 = System.nanoTime();

        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        assertThat(preview.json().get("eligible").asLong()).isEqualTo(n);
        System.out.printf("SCALE n=%d seed(SQL insert-select)=%d ms create=%d ms preview=%d ms schedule=%d ms%n", n,
                (seeded - t0) / 1_000_000, (t1 - seeded) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        // leave no scheduled campaign holding these orgs for other tests in this JVM
        api().post("/api/v1/campaigns/" + id + "/cancel");
    }
}
