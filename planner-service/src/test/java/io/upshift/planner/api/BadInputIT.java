package io.upshift.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.support.Api;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every kind of bad input the planner's API gets, in one table: what is sent, the status and
 * problem type of the answer (RFC 9457), a fragment the problem must contain (in its detail or its
 * list of errors), and — for every row
 * — proof that nothing stored changed (the package, its versions and orgs, its campaigns with
 * their waves, targets, commands and outbox messages, and the API keys).
 *
 * <p>Finer points live beside the features: the line and column of each bad CSV row
 * ({@code InventoryImportIT}), partial imports, and limits on uploads with and without a length.
 */
class BadInputIT extends PlannerIT {

    /** What a row needs in place before the snapshot is taken. */
    enum Needs {
        NOTHING, DRAFT, EDITED_DRAFT, CANCELED
    }

    /** The world a row acts on: a fresh package with five production orgs, and a campaign if the row needs one. */
    final class Given {
        final Inventory.Package pkg = inventory().newPackage();
        final List<String> orgs = pkg.add(Org.production().times(5));
        String campaign;

        Given(Needs needs) {
            if (needs != Needs.NOTHING) {
                Response created = api().post("/api/v1/campaigns", json().json());
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                campaign = created.json().get("id").asText();
            }
            if (needs == Needs.EDITED_DRAFT) {
                assertThat(api().put("/api/v1/campaigns/" + campaign, json().with("name", "Edited").json(), "\"0\"")
                        .status()).isEqualTo(200);
            }
            if (needs == Needs.CANCELED) {
                assertThat(api().post("/api/v1/campaigns/" + campaign + "/cancel", "{}").status()).isEqualTo(200);
            }
        }

        CampaignJson json() {
            return CampaignJson.forPackage(pkg.id);
        }

        Api api() {
            return BadInputIT.this.api();
        }

        Response createCampaign(Function<CampaignJson, CampaignJson> change) {
            return api().post("/api/v1/campaigns", change.apply(json()).json());
        }

        Response importCsv(String csv) {
            return api().send("POST", "/api/v1/packages/" + pkg.id + "/subscribers/import", "text/csv",
                    BodyPublishers.ofString(csv));
        }

        String campaignPath(String action) {
            return "/api/v1/campaigns/" + campaign + (action.isEmpty() ? "" : "/" + action);
        }
    }

    private static Arguments row(String what, Needs needs, Function<Given, Response> call, int status, String type,
            String mentions) {
        return Arguments.of(what, needs, call, status, type, mentions);
    }

    static Stream<Arguments> table() {
        String csvHeader = "org_id,org_type,status,time_zone,installed_version\n";
        return Stream.of(
                // the shape of the request
                row("malformed JSON", Needs.NOTHING, g -> g.api().post("/api/v1/campaigns", "{\"name\": "),
                        400, "unreadable-body", ""),
                row("unknown field", Needs.NOTHING, g -> g.createCampaign(j -> j.with("colour", "blue")),
                        400, "unreadable-body", "colour"),
                row("wrong type", Needs.NOTHING, g -> g.createCampaign(j -> j.with("gate.minimumFinished", "many")),
                        400, "unreadable-body", "gate.minimumFinished"),
                row("a list where an object belongs", Needs.NOTHING, g -> g.createCampaign(j -> j.with("pacing", List.of(1))),
                        400, "unreadable-body", "pacing"),
                row("missing name", Needs.NOTHING, g -> g.createCampaign(j -> j.with("name", null)),
                        400, "invalid-request", "name"),
                row("not JSON at all", Needs.NOTHING, g -> g.api().send("POST", "/api/v1/campaigns", "text/plain",
                        BodyPublishers.ofString("push 4.2.1 please")), 415, "", ""),
                row("a JSON body over the size limit (33 MB)", Needs.NOTHING, g -> g.api().send("POST", "/api/v1/campaigns",
                        "application/json", hugeCampaign(g.pkg.id)), 413, "request-too-large", "33554432 bytes"),
                // unknown enum values, in the body and in the query
                row("unknown org type", Needs.NOTHING, g -> g.createCampaign(j -> j.with("selection.orgTypes",
                        List.of("MAINFRAME"))), 400, "unreadable-body", "MAINFRAME"),
                row("unknown ramp type", Needs.NOTHING, g -> g.createCampaign(j -> j.with("strategy.ramp.type",
                        "EXPONENTIAL")), 400, "unreadable-body", "EXPONENTIAL"),
                row("unknown state in a filter", Needs.NOTHING, g -> g.api().get("/api/v1/campaigns?state=BOGUS"),
                        400, "", ""),
                // ids that are not ids, or name nothing
                row("unknown campaign", Needs.NOTHING, g -> g.api().post("/api/v1/campaigns/" + java.util.UUID.randomUUID()
                        + "/pause", "{}"), 404, "not-found", "campaign"),
                row("a campaign id that is no UUID", Needs.NOTHING, g -> g.api().post("/api/v1/campaigns/42/cancel", "{}"),
                        400, "", ""),
                row("a malformed org id in an org's history", Needs.NOTHING, g -> g.api().get("/api/v1/orgs/00Dxyz/campaigns"),
                        400, "invalid-request", "orgId"),
                row("an unknown org's history", Needs.NOTHING, g -> g.api().get("/api/v1/orgs/" + Inventory.orgId()
                        + "/campaigns"), 404, "not-found", "org"),
                // values out of range
                row("threshold above 100", Needs.NOTHING, g -> g.createCampaign(j -> j.with("gate.failureThresholdPercent",
                        150)), 400, "invalid-request", "gate.failureThresholdPercent"),
                row("threshold below 0", Needs.NOTHING, g -> g.createCampaign(j -> j.with("gate.failureThresholdPercent",
                        -1)), 400, "invalid-request", "gate.failureThresholdPercent"),
                row("rate cap 0", Needs.NOTHING, g -> g.createCampaign(j -> j.with("pacing.maxCommandsPerMinute", 0)),
                        400, "invalid-request", "pacing.maxCommandsPerMinute"),
                row("in-flight cap below 0", Needs.NOTHING, g -> g.createCampaign(j -> j.with("pacing.maxInFlight", -5)),
                        400, "invalid-request", "pacing.maxInFlight"),
                row("per-instance cap 0", Needs.NOTHING, g -> g.createCampaign(j -> j.with("pacing.maxInFlightPerInstance",
                        0)), 400, "invalid-request", "pacing.maxInFlightPerInstance"),
                row("canary of 0 orgs", Needs.NOTHING, g -> g.createCampaign(j -> j.with("strategy.canary.count", 0)),
                        400, "invalid-request", "strategy.canary.count"),
                row("negative notice period", Needs.NOTHING, g -> g.createCampaign(j -> j.with("schedule.noticePeriod",
                        "-PT1H")), 400, "invalid-request", "schedule.noticePeriod"),
                row("org timeout of 0", Needs.NOTHING, g -> g.createCampaign(j -> j.with("orgTimeout", "PT0S")),
                        400, "invalid-request", "orgTimeout"),
                row("bad org id in the selection", Needs.NOTHING, g -> g.createCampaign(j -> j.with("selection.orgIds",
                        List.of("00Dnotanid"))), 400, "invalid-request", "selection.orgIds"),
                // definitions that do not hold together or cannot be pushed
                row("unknown package", Needs.NOTHING, g -> g.createCampaign(j -> j.with("packageId", Inventory.id("033"))),
                        404, "not-found", "package"),
                row("unknown version", Needs.NOTHING, g -> g.createCampaign(j -> j.with("targetVersion", "9.9.9")),
                        404, "not-found", "9.9.9"),
                row("beta target", Needs.NOTHING, g -> g.createCampaign(j -> j.with("targetVersion", "4.3.0")),
                        422, "unprocessable", "beta"),
                row("deprecated target", Needs.NOTHING, g -> g.createCampaign(j -> j.with("targetVersion", "3.9.0")),
                        422, "unprocessable", "deprecated"),
                row("downgrade", Needs.NOTHING, g -> g.createCampaign(j -> j.with("targetVersion", "4.1.0")
                        .with("selection.installedVersion.min", "4.1.3")), 422, "unprocessable", "downgrade"),
                row("every org already above the target", Needs.NOTHING, g -> g.createCampaign(j -> j.with("targetVersion",
                        "4.0.0")), 422, "unprocessable", "ALREADY_ON_TARGET"),
                row("a selection without an org", Needs.NOTHING, g -> g.createCampaign(j -> j.with("selection.instances",
                        List.of("NOWHERE"))), 422, "unprocessable", "no org"),
                row("window in the past", Needs.NOTHING, g -> g.createCampaign(j -> j.with("schedule.earliestStart",
                        Instant.now().minus(Duration.ofDays(1)).toString())), 422, "unprocessable", "schedule.earliestStart"),
                row("a notice shorter than the minimum, not urgent", Needs.NOTHING, g -> g.createCampaign(j -> j.with(
                        "schedule.noticePeriod", "PT0S")), 422, "unprocessable", "minimum notice period"),
                row("a deadline in the past", Needs.NOTHING, g -> g.createCampaign(j -> j.with("schedule.deadline",
                        Instant.now().minus(Duration.ofHours(1)).toString())), 422, "unprocessable", "schedule.deadline"),
                row("a deadline before the earliest start", Needs.NOTHING, g -> g.createCampaign(j -> j
                        .with("schedule.earliestStart", Instant.now().plus(Duration.ofDays(2)).toString())
                        .with("schedule.deadline", Instant.now().plus(Duration.ofDays(1)).toString())),
                        422, "unprocessable", "schedule.deadline"),
                row("an urgency without a reason", Needs.NOTHING, g -> g.createCampaign(j -> j.with(
                        "schedule.urgency", java.util.Map.of("reason", " "))), 400, "invalid-request", "schedule.urgency.reason"),
                row("a campaign window in an unknown zone", Needs.NOTHING, g -> g.createCampaign(j -> j.with(
                        "schedule.campaignWindow", java.util.Map.of("start", "02:00", "end", "08:00", "timeZone", "Mars/Base"))),
                        422, "unprocessable", "schedule.campaignWindow.timeZone"),
                row("a campaign window at 25 o'clock", Needs.NOTHING, g -> g.createCampaign(j -> j.with(
                        "schedule.campaignWindow", java.util.Map.of("start", "25:00", "end", "08:00"))),
                        400, "unreadable-body", "schedule.campaignWindow.start"),
                row("an unknown time-zone region", Needs.NOTHING, g -> g.createCampaign(j -> j.with(
                        "selection.timeZones", List.of("Mars/*"))), 422, "unprocessable", "selection.timeZones"),
                row("a * inside an instance name", Needs.NOTHING, g -> g.createCampaign(j -> j.with(
                        "selection.instances", List.of("E*U"))), 422, "unprocessable", "selection.instances"),
                row("canary by count and by percent", Needs.NOTHING, g -> g.createCampaign(j -> j.with(
                        "strategy.canary.percent", 5)), 422, "unprocessable", "strategy.canary"),
                row("doubling ramp without a canary", Needs.NOTHING, g -> g.createCampaign(j -> j.with("strategy.canary",
                        null)), 422, "unprocessable", "doubling"),
                // illegal state transitions
                row("pause a draft", Needs.DRAFT, g -> g.api().post(g.campaignPath("pause"), "{}"),
                        409, "conflict", "cannot pause"),
                row("resume a draft", Needs.DRAFT, g -> g.api().post(g.campaignPath("resume")),
                        409, "conflict", "cannot resume"),
                row("approve a wave of a draft", Needs.DRAFT, g -> g.api().as("bob", "APPROVER")
                        .post(g.campaignPath("approve"), "{}"), 409, "conflict", "cannot approve"),
                row("retry the failed orgs of a draft", Needs.DRAFT, g -> g.api().post(g.campaignPath("retry-failed"), "{}"),
                        409, "conflict", "cannot retry"),
                row("schedule a canceled campaign", Needs.CANCELED, g -> g.api().post(g.campaignPath("schedule")),
                        409, "conflict", "CANCELED"),
                row("edit a canceled campaign", Needs.CANCELED, g -> g.api().put(g.campaignPath(""), g.json().json(), null),
                        409, "conflict", "only a DRAFT"),
                row("cancel a canceled campaign", Needs.CANCELED, g -> g.api().post(g.campaignPath("cancel"), "{}"),
                        409, "conflict", "cannot cancel"),
                row("retry with a status that cannot be retried", Needs.DRAFT, g -> g.api().post(g.campaignPath("retry-failed"),
                        "{\"statuses\":[\"SUCCEEDED\"]}"), 400, "unreadable-body", "SUCCEEDED"),
                // concurrent updates: optimistic locking
                row("edit with the version read before someone else's edit", Needs.EDITED_DRAFT, g -> g.api()
                        .put(g.campaignPath(""), g.json().with("name", "Lost update").json(), "\"0\""),
                        409, "conflict", "changed since you read it"),
                row("schedule with a stale version", Needs.EDITED_DRAFT, g -> g.api()
                        .postWithIfMatch(g.campaignPath("schedule"), "", "\"0\""), 409, "conflict", "changed since you read it"),
                row("an entity tag that is no version", Needs.DRAFT, g -> g.api()
                        .postWithIfMatch(g.campaignPath("cancel"), "{}", "\"yesterday\""), 409, "conflict", ""),
                // CSV imports
                row("CSV with a bad org id", Needs.NOTHING, g -> g.importCsv(csvHeader + "00D123,PRODUCTION,ACTIVE,UTC,4.1.0\n"
                        + g.orgs.get(0) + ",PRODUCTION,ACTIVE,UTC,4.2.1\n"), 422, "import-rejected", "org_id"),
                row("CSV with an unknown time zone", Needs.NOTHING, g -> g.importCsv(csvHeader + g.orgs.get(0)
                        + ",PRODUCTION,ACTIVE,America/Atlantis,4.2.1\n"), 422, "import-rejected", "America/Atlantis"),
                row("CSV with the same org twice", Needs.NOTHING, g -> g.importCsv(csvHeader
                        + g.orgs.get(0) + ",PRODUCTION,ACTIVE,UTC,4.2.1\n" + Inventory.orgId() + ",SANDBOX,ACTIVE,UTC,4.2.1\n"
                        + g.orgs.get(0).substring(0, 15) + ",PRODUCTION,ACTIVE,UTC,4.2.1\n"), 422, "import-rejected",
                        "already on line 2"),
                row("CSV with an unknown column", Needs.NOTHING, g -> g.importCsv("org_id,colour\n" + g.orgs.get(0) + ",red\n"),
                        422, "invalid-import-file", "colour"),
                row("CSV of 100 MB, streamed without a length", Needs.NOTHING, g -> g.api().send("POST",
                        "/api/v1/packages/" + g.pkg.id + "/subscribers/import", "text/csv", hundredMegabytes(g.orgs.get(0))),
                        413, "import-too-large", "nothing was stored"),
                // inventory and packages
                row("a package that exists", Needs.NOTHING, g -> g.api().post("/api/v1/packages",
                        "{\"packageId\":\"" + g.pkg.id + "\",\"name\":\"Again\"}"), 409, "", ""),
                row("a version number that is none", Needs.NOTHING, g -> g.api().post("/api/v1/packages/" + g.pkg.id
                        + "/versions", "{\"versionId\":\"" + Inventory.id("04t") + "\",\"version\":\"four\","
                        + "\"releaseState\":\"RELEASED\"}"), 400, "", "version"),
                row("simulated fleet of no orgs", Needs.NOTHING, g -> g.api().post("/api/v1/packages/" + g.pkg.id
                        + "/subscribers/simulated", "{\"count\":0}"), 400, "", "count"),
                row("exclude an org without saying so", Needs.NOTHING, g -> g.api().put("/api/v1/orgs/" + g.orgs.get(0)
                        + "/exclusion", "{\"note\":\"why\"}", null), 400, "", "excluded"),
                // keys
                row("an API key with a role that does not exist", Needs.NOTHING, g -> g.api().post("/api/v1/api-keys",
                        "{\"name\":\"k\",\"roles\":[\"ROOT\"]}"), 400, "unreadable-body", "ROOT"));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("table")
    void answersBadInputWithProblemDetailsAndChangesNothingStored(String what, Needs needs, Function<Given, Response> call,
            int status, String type, String mentions) {
        Given given = new Given(needs);
        String before = stored(given.pkg.id);

        Response answer = call.apply(given);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        if (!type.isEmpty()) {
            assertThat(answer.json().get("type").asText()).isEqualTo("https://upshift.dev/problems/" + type);
        }
        assertThat(answer.text()).as("the problem details").contains(mentions);
        assertThat(stored(given.pkg.id)).as("what is stored").isEqualTo(before);
    }

    @Test
    void letsOnlyOneOfTwoConcurrentEditsOfACampaignWin() throws Exception {
        Given given = new Given(Needs.DRAFT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Response>> edits = List.of(
                    () -> given.api().put(given.campaignPath(""), given.json().with("name", "First").json(), "\"0\""),
                    () -> given.api().put(given.campaignPath(""), given.json().with("name", "Second").json(), "\"0\""));
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : pool.invokeAll(edits)) {
                answers.add(answer.get());
            }

            assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(200, 409);
            Response winner = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow();
            Response current = given.api().get(given.campaignPath(""));
            assertThat(current.json().get("name").asText()).isEqualTo(winner.json().get("name").asText());
            assertThat(current.json().get("version").asInt()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void letsOnlyOneOfTwoConcurrentLifecycleChangesWin() throws Exception {
        Given given = new Given(Needs.NOTHING);
        Response created = given.createCampaign(j -> j.with("strategy.canary", null).with("strategy.ramp.type", "SINGLE")
                .with("schedule.earliestStart", Instant.now().plus(Duration.ofDays(1)).toString()));
        given.campaign = created.json().get("id").asText();
        assertThat(given.api().post(given.campaignPath("schedule")).status()).isEqualTo(200);
        String etag = given.api().get(given.campaignPath("")).header("ETag");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Response>> cancels = List.of(
                    () -> given.api().postWithIfMatch(given.campaignPath("cancel"), "{}", etag),
                    () -> given.api().postWithIfMatch(given.campaignPath("cancel"), "{}", etag));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> answer : pool.invokeAll(cancels)) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        Response stale = given.api().postWithIfMatch(given.campaignPath("pause"), "{}", etag);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("currentState").asText()).isEqualTo("CANCELED");
    }

    /** Everything a failed request must leave alone, as one digest. */
    private String stored(String packageId) {
        return new JdbcTemplate(dataSource).queryForObject("""
                with campaigns as (select campaign_id from campaign where package_id = ?)
                select md5(coalesce(string_agg(row, '|' order by row), '')) from (
                    select row_to_json(p)::text as row from package p where package_id = ?
                    union all select row_to_json(v)::text from package_version v where package_id = ?
                    union all select row_to_json(i)::text from installed_package i where package_id = ?
                    union all select row_to_json(o)::text from subscriber_org o
                        where org_id in (select org_id from installed_package where package_id = ?)
                    union all select row_to_json(c)::text from campaign c where package_id = ?
                    union all select row_to_json(w)::text from campaign_wave w where campaign_id in (select * from campaigns)
                    union all select row_to_json(t)::text from campaign_target t where campaign_id in (select * from campaigns)
                    union all select row_to_json(m)::text from campaign_command m where campaign_id in (select * from campaigns)
                    union all select concat_ws(',', id, kind, ref) from outbox where campaign_id in (select * from campaigns)
                    union all select 'orgs ' || count(*) from subscriber_org
                    union all select 'campaigns ' || count(*) from campaign
                    union all select 'api keys ' || count(*) from api_key
                ) rows""", String.class, packageId, packageId, packageId, packageId, packageId, packageId);
    }

    /** A valid campaign whose org list makes the body 33 MB: one byte too many is as bad as a gigabyte. */
    private static BodyPublisher hugeCampaign(String packageId) {
        StringBuilder json = new StringBuilder(34 << 20).append("{\"name\":\"Huge\",\"packageId\":\"").append(packageId)
                .append("\",\"targetVersion\":\"4.2.1\",\"selection\":{\"orgIds\":[");
        String id = "\"00DA0000000Huge0AAA\",";
        while (json.length() < (33 << 20) + 1024) {
            json.append(id);
        }
        json.setLength(json.length() - 1);
        return BodyPublishers.ofString(json.append("]}}").toString());
    }

    /** 100 MB of org-file lines, made as they are sent and never held in memory. */
    private static BodyPublisher hundredMegabytes(String orgId) {
        byte[] line = (orgId + "\n").getBytes(StandardCharsets.US_ASCII);
        long total = 100L << 20;
        return BodyPublishers.ofInputStream(() -> new InputStream() {
            long sent;

            @Override
            public int read() {
                return sent >= total ? -1 : line[(int) (sent++ % line.length)];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (sent >= total) {
                    return -1;
                }
                int n = (int) Math.min(length, total - sent);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = line[(int) (sent++ % line.length)];
                }
                return n;
            }
        });
    }
}
