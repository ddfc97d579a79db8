package io.upshift.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code upshift campaign rehearse ID}: starts a rehearsal of a draft (POST …/rehearsals), waits for it
 * and prints its report: makespan, waves, failures, halt, emails, safety bound, what the twin rests on.
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = "Rehearse a DRAFT campaign on a twin of the fleet fitted from history (simulated time; nothing is"
                + " sent) and print the report.")
final class RehearseCommand extends CampaignCommands.Base {

    @Parameters(paramLabel = "ID", description = "The campaign id.")
    String id;

    @Option(names = "--seeds", description = "Runs (default 100).")
    Integer seeds;

    @Option(names = "--seed", description = "The first run's seed (default 1): the same seeds give the same report.")
    Long firstSeed;

    @Option(names = "--approval-delay", paramLabel = "DURATION", description = "How long an approval takes, ISO-8601 (default PT1H).")
    String approvalDelay;

    @Option(names = "--timeout", defaultValue = "PT10M", paramLabel = "DURATION", description = "How long to wait for the report (default PT10M).")
    String timeout;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (seeds != null) {
            body.put("seeds", seeds);
        }
        if (firstSeed != null) {
            body.put("firstSeed", firstSeed);
        }
        if (approvalDelay != null) {
            body.put("approvalDelay", approvalDelay);
        }
        Api api = cli().api();
        JsonNode started = api.postJson(CampaignCommands.CAMPAIGNS + "/" + id + "/rehearsals", body, null).json();
        String path = "/api/v1/rehearsals/" + started.path("id").asString();
        long until = System.nanoTime() + Duration.parse(timeout).toNanos();
        JsonNode rehearsal = started;
        while ("RUNNING".equals(rehearsal.path("state").asString())) {
            if (System.nanoTime() > until) {
                throw new CliException(ExitCode.API_FAILED, "rehearsal " + started.path("id").asString()
                        + " still runs after " + timeout + "; read it later: GET " + path);
            }
            Thread.sleep(500);
            rehearsal = api.getJson(path);
        }
        if (cli().json()) {
            cli().printJson(rehearsal);
            return ExitCode.OK;
        }
        if (!"DONE".equals(rehearsal.path("state").asString())) {
            throw new CliException(ExitCode.API_FAILED, "rehearsal failed: " + rehearsal.path("error").asString());
        }
        print(cli().out(), rehearsal.path("report"));
        return ExitCode.OK;
    }

    static void print(PrintWriter out, JsonNode r) {
        JsonNode m = r.path("makespan");
        out.printf("rehearsal: %d orgs, %d seeds from %d%n", r.path("orgs").asLong(), r.path("seeds").asInt(),
                r.path("firstSeed").asLong());
        out.println(m.isNull() || m.isMissingNode() ? "makespan: no run completed"
                : "makespan: median " + m.path("median").asString() + " (90 %: " + m.path("p5").asString() + " … "
                        + m.path("p95").asString() + "), projected end " + r.path("projectedEnd").asString());
        Table waves = new Table("WAVE", "KIND", "ORGS", "STARTED", "MEDIAN START", "MEDIAN END");
        for (JsonNode w : r.path("waves")) {
            waves.row(w.path("number").asString(), w.path("kind").asString(), w.path("size").asString(),
                    Math.round(w.path("startedShare").asDouble() * 100) + " %", text(w.path("medianStart")),
                    text(w.path("medianEnd")));
        }
        waves.print(out);
        out.printf("failures per run: mean %s, 90 %%: %s … %s%n", r.path("failed").path("mean").asString(),
                r.path("failed").path("p5").asString(), r.path("failed").path("p95").asString());
        r.path("failuresByType").properties().forEach(e -> out.printf("  %-20s mean %s%n", e.getKey(),
                e.getValue().path("mean").asString()));
        JsonNode halt = r.path("halt");
        out.printf("halt: %d %% of runs%s%n", Math.round(halt.path("probability").asDouble() * 100),
                halt.path("byWave").isEmpty() ? "" : " (by wave: " + halt.path("byWave") + ")");
        out.println("emails per run: " + r.path("emails"));
        JsonNode safety = r.path("safety");
        out.println("safety: " + safety.path("statement").asString() + "; most exposed in a run: "
                + safety.path("maxExposed").asInt() + (safety.path("held").asBoolean() ? " (held)" : " (EXCEEDED)"));
        JsonNode twin = r.path("twin");
        out.println("twin: " + twin.path("pushesSeen").asInt() + " pushes of " + twin.path("campaignsSeen").asInt()
                + " campaigns; " + twin.path("chronicOrgs").asInt() + " chronic orgs");
        for (JsonNode d : twin.path("defaults")) {
            out.println("  default: " + d.asString());
        }
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "-" : n.asString();
    }
}
