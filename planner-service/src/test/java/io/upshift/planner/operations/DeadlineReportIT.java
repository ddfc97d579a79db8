package io.upshift.planner.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import io.upshift.security.testing.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The deadline report answers "was every selected org upgraded before the deadline, and if not, why
 * not" (issue #25): every selected org exactly once, in the JSON counts and in the CSV alike, and the
 * counts add up to targets + exclusions.
 *
 * <p>The campaigns here start a day after they are scheduled, so nothing is released while the test
 * runs; each outcome is built by updating the campaign's {@code campaign_target} rows directly in the
 * test database (and one {@code campaign_exclusion} row, and a campaign's state), the way the
 * dispatcher, the tracker and the deadline sweeper would have left them. The report only reads those
 * rows, so how they got there does not matter to it.
 */
class DeadlineReportIT extends PlannerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String[] EVERY_DAY = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
            "SUNDAY"};

    @Test
    void listsEverySelectedOrgOnceWithItsOutcomeInTheCountsAndTheCsv() {
        // given a package whose orgs meet every outcome: twelve targets, five excluded, two not selected
        Inventory.Package pkg = inventory().newPackage();
        List<String> t = pkg.add(Org.production()
                .window("Europe/Berlin", LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EVERY_DAY).times(12));
        String inactive = pkg.add(List.of(Org.production().status("INACTIVE"))).getFirst();
        String onTarget = pkg.add(List.of(Org.production().installed("4.2.1"))).getFirst();
        String noWindow = pkg.add(List.of(Org.production().window("UTC", LocalTime.of(22, 0), LocalTime.of(2, 0))))
                .getFirst();
        String blocked = pkg.add(List.of(Org.production())).getFirst();
        String notInstalled = pkg.add(List.of(Org.production().uninstalled())).getFirst();
        List<String> notSelected = pkg.add(Org.production().instance("EU9").times(2));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("update installed_package set push_blocked = true where package_id = ? and org_id = ?", pkg.id,
                blocked);
        Instant deadline = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("selection.instances", List.of("NA1"))
                .with("schedule.earliestStart", Instant.now().plus(Duration.ofDays(1)).toString())
                .with("schedule.deadline", deadline.toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from campaign_target"
                + " where campaign_id = ?::uuid and state = 'NOTIFIED'", Long.class, id) == 12);

        // and the targets driven to each outcome (see the class comment: rows set directly)
        Map<String, String[]> expected = new LinkedHashMap<>();
        finish(id, t.get(0), "SUCCEEDED", null, null, deadline.minus(Duration.ofHours(1)));
        expected.put(t.get(0), new String[] {"UPGRADED", ""});
        finish(id, t.get(1), "SUCCEEDED", null, null, deadline);
        expected.put(t.get(1), new String[] {"UPGRADED", ""});
        // a push released before the deadline that Salesforce finished after it
        finish(id, t.get(2), "SUCCEEDED", null, null, deadline.plus(Duration.ofMinutes(5)));
        expected.put(t.get(2), new String[] {"UPGRADED_LATE", ""});
        finish(id, t.get(3), "FAILED", "ApexTestFailure", "=cmd|' /C calc'!A0, \"AccountTrigger\" line 42",
                deadline.minus(Duration.ofHours(2)));
        expected.put(t.get(3), new String[] {"FAILED", "ApexTestFailure"});
        finish(id, t.get(4), "CANCELED", "DeadlinePassed", "the deadline passed before the org was upgraded", deadline);
        expected.put(t.get(4), new String[] {"CANCELED", "NOT_REACHED"});
        finish(id, t.get(5), "CANCELED", "BlockedBySubscriber", "the subscriber blocks push upgrades", deadline);
        expected.put(t.get(5), new String[] {"CANCELED", "BLOCKED"});
        finish(id, t.get(6), "CANCELED", "NoWindow", "no maintenance window is left", deadline);
        expected.put(t.get(6), new String[] {"CANCELED", "NO_WINDOW"});
        finish(id, t.get(7), "CANCELED", "RemovedFromCampaign", "customer asked", deadline);
        expected.put(t.get(7), new String[] {"CANCELED", "REMOVED_FROM_CAMPAIGN"});
        finish(id, t.get(8), "SKIPPED", null, null, deadline.minus(Duration.ofHours(3)));
        expected.put(t.get(8), new String[] {"ALREADY_ON_TARGET", "SKIPPED"});
        finish(id, t.get(9), "TIMED_OUT", "PlannerTimeout", "no outcome in time", deadline);
        expected.put(t.get(9), new String[] {"TIMED_OUT", "PlannerTimeout"});
        jdbc.update("update campaign_target set state = 'DISPATCHED', dispatched_at = now() where campaign_id = ?::uuid"
                + " and org_id = ?", id, t.get(10));
        expected.put(t.get(10), new String[] {"IN_PROGRESS", "DISPATCHED"});
        expected.put(t.get(11), new String[] {"IN_PROGRESS", "WAITING"});
        expected.put(inactive, new String[] {"EXCLUDED", "INACTIVE"});
        expected.put(onTarget, new String[] {"ALREADY_ON_TARGET", "EXCLUDED"});
        expected.put(noWindow, new String[] {"EXCLUDED", "NO_WINDOW"});
        expected.put(blocked, new String[] {"EXCLUDED", "BLOCKED_BY_SUBSCRIBER"});
        // the reason the deadline planner writes for an org with a window, but none that ends by the deadline
        assertThat(jdbc.update("update campaign_exclusion set reason = 'NO_WINDOW_BEFORE_DEADLINE' where campaign_id ="
                + " ?::uuid and org_id = ? and reason = 'NOT_INSTALLED'", id, notInstalled)).isEqualTo(1);
        expected.put(notInstalled, new String[] {"EXCLUDED", "NO_WINDOW_BEFORE_DEADLINE"});

        // when the report is read, by a VIEWER
        JsonNode report = get(id, "", "application/json").json();

        // then it counts every selected org once, by outcome and reason, and leaves the not selected out
        assertThat(report.get("campaignId").asText()).isEqualTo(id);
        assertThat(Instant.parse(report.get("deadline").asText())).isEqualTo(deadline);
        assertThat(report.get("measuredAgainst").asText()).isEqualTo("DEADLINE");
        assertThat(report.get("complete").asBoolean()).isFalse();
        assertThat(report.get("deadlinePassed").asBoolean()).isFalse();
        assertThat(report.get("allUpgradedBeforeDeadline").asBoolean()).isFalse();
        assertThat(report.get("targets").asLong()).isEqualTo(12);
        assertThat(report.get("exclusions").asLong()).isEqualTo(5);
        assertThat(report.get("total").asLong()).isEqualTo(17).isEqualTo(expected.size());
        assertThat(report.get("notSelected").asLong()).isEqualTo(notSelected.size());
        assertThat(jdbc.queryForObject("select count(*) from campaign_target where campaign_id = ?::uuid", Long.class, id)
                + jdbc.queryForObject("select count(*) from campaign_exclusion where campaign_id = ?::uuid and reason <>"
                        + " 'NOT_SELECTED'", Long.class, id)).isEqualTo(report.get("total").asLong());
        Map<String, Long> outcomes = new HashMap<>();
        Map<String, Long> reasons = new HashMap<>();
        expected.values().forEach(e -> {
            outcomes.merge(e[0], 1L, Long::sum);
            if (!e[1].isEmpty()) {
                reasons.merge(e[0] + "/" + e[1], 1L, Long::sum);
            }
        });
        assertThat(longs(report.get("outcomes"))).isEqualTo(withZeros(outcomes));
        assertThat(report.get("outcomes").properties().stream().mapToLong(e -> e.getValue().asLong()).sum())
                .isEqualTo(report.get("total").asLong());
        Map<String, Long> reported = new HashMap<>();
        report.get("reasons").properties().forEach(o -> o.getValue().properties()
                .forEach(r -> reported.put(o.getKey() + "/" + r.getKey(), r.getValue().asLong())));
        assertThat(reported).isEqualTo(reasons);

        // and the CSV lists the same orgs, each once, with the same outcome — asked by ?format=csv or by Accept
        Response csv = get(id, "?format=csv", null);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("deadline-report.csv");
        assertThat(get(id, "", "text/csv").text()).isEqualTo(csv.text());
        List<List<String>> rows = parse(csv.text());
        assertThat(rows.getFirst()).containsExactly("org_id", "org_name", "org_type", "instance", "time_zone", "outcome",
                "reason", "error_code", "message", "finished_at", "wave");
        Map<String, List<String>> byOrg = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(row).hasSize(11);
            assertThat(byOrg.put(row.get(0), row)).as("org %s listed twice", row.get(0)).isNull();
        }
        assertThat(byOrg.keySet()).isEqualTo(expected.keySet()).doesNotContainAnyElementsOf(notSelected);
        expected.forEach((org, e) -> assertThat(byOrg.get(org).subList(5, 7)).as(org).containsExactly(e[0], e[1]));
        Map<String, Long> csvOutcomes = new HashMap<>();
        byOrg.values().forEach(row -> csvOutcomes.merge(row.get(5), 1L, Long::sum));
        assertThat(withZeros(csvOutcomes)).isEqualTo(longs(report.get("outcomes")));
        // a target: its zone, finish and wave; the failure's message kept whole, neutralised for spreadsheets
        List<String> failed = byOrg.get(t.get(3));
        assertThat(failed.get(4)).isEqualTo("Europe/Berlin");
        assertThat(failed.get(7)).isEqualTo("ApexTestFailure");
        assertThat(failed.get(8)).isEqualTo("'=cmd|' /C calc'!A0, \"AccountTrigger\" line 42");
        assertThat(Instant.parse(byOrg.get(t.get(2)).get(9))).isEqualTo(deadline.plus(Duration.ofMinutes(5)));
        assertThat(byOrg.get(t.get(0)).get(10)).isEqualTo(jdbc.queryForObject("select wave_number::text from"
                + " campaign_target where campaign_id = ?::uuid and org_id = ?", String.class, id, t.get(0)));
        // an excluded org: the reason's description, no wave
        assertThat(byOrg.get(noWindow).get(8)).contains("no maintenance window");
        assertThat(byOrg.get(noWindow).get(10)).isEmpty();
    }

    @Test
    void withoutADeadlineTheReportIsByTheCampaignsEndAndSaysWhenEveryOrgMadeIt() {
        // given a campaign without a deadline over three orgs and one already on the target version
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().times(3));
        pkg.add(List.of(Org.production().installed("4.2.1")));
        String id = scheduled(CampaignJson.forPackage(pkg.id)
                .with("schedule.earliestStart", Instant.now().plus(Duration.ofDays(1)).toString()));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from campaign_target"
                + " where campaign_id = ?::uuid and state = 'NOTIFIED'", Long.class, id) == 3);

        // when every org succeeds, whenever that is, and the campaign completes (rows set directly, as above)
        Instant muchLater = Instant.now().plus(Duration.ofDays(400));
        orgs.forEach(org -> finish(id, org, "SUCCEEDED", null, null, muchLater));
        JsonNode running = get(id, "", null).json();
        jdbc.update("update campaign set state = 'COMPLETED', finished_at = now() where campaign_id = ?::uuid", id);
        JsonNode report = get(id, "?format=json", "text/csv").json();

        // then every selected org made it: three UPGRADED, one ALREADY_ON_TARGET
        assertThat(running.get("complete").asBoolean()).isFalse();
        assertThat(report.get("deadline").isNull()).isTrue();
        assertThat(report.get("measuredAgainst").asText()).isEqualTo("CAMPAIGN_END");
        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(report.get("allUpgradedBeforeDeadline").asBoolean()).isTrue();
        assertThat(report.get("total").asLong()).isEqualTo(4);
        assertThat(longs(report.get("outcomes"))).isEqualTo(withZeros(Map.of("UPGRADED", 3L, "ALREADY_ON_TARGET", 1L)));

        // and one org left waiting is enough to say no
        jdbc.update("update campaign_target set state = 'NOTIFIED', finished_at = null where campaign_id = ?::uuid"
                + " and org_id = ?", id, orgs.getFirst());
        assertThat(get(id, "", null).json().get("allUpgradedBeforeDeadline").asBoolean()).isFalse();
    }

    @Test
    void answersProblemDetailsForAnUnknownCampaignADraftAndAnUnknownFormat() {
        Response unknown = get(UUID.randomUUID().toString(), "", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(get(UUID.randomUUID().toString(), "?format=csv", "text/csv").status()).isEqualTo(404);

        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(2));
        String draft = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).json()).json().get("id").asText();
        Response conflict = get(draft, "", null);
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.json().get("currentState").asText()).isEqualTo("DRAFT");
        assertThat(conflict.json().get("detail").asText()).contains("not scheduled").contains("preview");
        assertThat(get(draft, "?format=csv", null).status()).isEqualTo(409);

        Response badFormat = get(draft, "?format=xml", null);
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.json().get("errors").get(0).get("field").asText()).isEqualTo("format");
    }

    /** Sets a target's terminal state as the tracker (or a sweeper) would. */
    private void finish(String campaignId, String orgId, String state, String errorCode, String message,
            Instant finishedAt) {
        assertThat(new JdbcTemplate(dataSource).update("""
                update campaign_target set state = ?, error_code = ?, error_message = ?, finished_at = ?, updated_at = now()
                where campaign_id = ?::uuid and org_id = ?""", state, errorCode, message, Timestamp.from(finishedAt),
                campaignId, orgId)).isEqualTo(1);
    }

    /** GETs the report as a VIEWER (every GET is readable by every role), with an Accept header when given. */
    private Response get(String campaignId, String query, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/campaigns/" + campaignId + "/deadline-report" + query))
                .header("Authorization", "Bearer " + TestIssuer.shared().token("vera-viewer", "VIEWER"))
                .timeout(Duration.ofSeconds(60)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response, response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> map = new HashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asLong()));
        return map;
    }

    private static Map<String, Long> withZeros(Map<String, Long> counts) {
        Map<String, Long> all = new HashMap<>();
        for (String outcome : List.of("UPGRADED", "UPGRADED_LATE", "ALREADY_ON_TARGET", "FAILED", "TIMED_OUT",
                "CANCELED", "EXCLUDED", "IN_PROGRESS")) {
            all.put(outcome, counts.getOrDefault(outcome, 0L));
        }
        return all;
    }

    /** RFC 4180, as a spreadsheet reads it: quoted cells may hold commas, quotes ("") and line breaks. */
    private static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(cell).as("the CSV ends with a line break").isEmpty();
        return rows;
    }
}
