package io.upshift.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * Follows a campaign until it ends, so that a pipeline can wait on it: exit 0 when it COMPLETED, 10
 * when it HALTED, 11 when it was CANCELED. On a terminal the waves are redrawn in place; to a pipe or
 * a file, a line is printed when a wave changes state or makes progress.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow a campaign's waves until it ends: exit 0 COMPLETED, 10 HALTED, 11 CANCELED.")
final class WatchCommand extends CampaignCommands.Base {

    /** The final line says these: not twice. */
    private static final java.util.Set<String> FINAL = java.util.Set.of("COMPLETED", "HALTED", "CANCELED");

    @Parameters(paramLabel = "ID", description = "The campaign id.")
    String id;

    @Option(names = "--interval", paramLabel = "DURATION", description = "How often to poll, ISO-8601 (default PT2S).")
    Duration interval;

    @Option(names = "--plain", description = "Plain lines even on a terminal.")
    boolean plain;

    @Override
    public Integer call() {
        UpshiftCli cli = cli();
        Api api = cli.api();
        Duration every = interval != null ? interval : cli.env.pollInterval();
        boolean redraw = cli.env.terminal() && !plain && !cli.json();
        PrintWriter out = cli.out();
        Map<Integer, String> seen = new HashMap<>();
        String lastState = null;
        int drawn = 0;
        while (true) {
            JsonNode c = api.getJson(CampaignCommands.CAMPAIGNS + "/" + id);
            String state = c.path("state").asString();
            if (cli.json()) {
                if (!state.equals(lastState)) {
                    out.println(Api.JSON.writeValueAsString(c));
                }
            } else if (redraw) {
                if (drawn > 0) {
                    out.print("\033[" + drawn + "F\033[J"); // back to the first line drawn, clear below
                }
                java.io.StringWriter frame = new java.io.StringWriter();
                CampaignText.status(new PrintWriter(frame), c);
                out.print(frame);
                drawn = (int) frame.toString().lines().count();
            } else {
                if (!state.equals(lastState) && !FINAL.contains(state)) {
                    out.printf("campaign %s %s%s%n", id, state, c.hasNonNull("stateReason")
                            ? " — " + c.path("stateReason").asString() : "");
                }
                for (JsonNode w : c.path("waves")) {
                    String line = waveLine(w);
                    if (!w.path("state").asString().equals("PENDING") && !line.equals(seen.get(w.path("number").asInt()))) {
                        seen.put(w.path("number").asInt(), line);
                        out.println(line);
                    }
                }
            }
            out.flush();
            lastState = state;
            switch (state) {
                case "COMPLETED":
                    out.println("campaign " + id + " COMPLETED");
                    return ExitCode.OK;
                case "HALTED":
                    out.println("campaign " + id + " HALTED" + reason(c) + " (exit 10)");
                    return ExitCode.HALTED;
                case "CANCELED":
                    out.println("campaign " + id + " CANCELED" + reason(c) + " (exit 11)");
                    return ExitCode.CANCELED;
                default:
                    sleep(every);
            }
        }
    }

    static String waveLine(JsonNode w) {
        JsonNode counts = w.path("counts");
        return String.format("  wave %d %-10s %-9s %5d/%-5d done  %4d failed%s", w.path("number").asInt(),
                w.path("kind").asString(), w.path("state").asString(), w.path("finished").asInt(),
                counts.path("total").asInt(), counts.path("failed").asInt() + counts.path("timedOut").asInt(),
                w.path("awaitingApproval").asBoolean() ? "  — awaiting approval"
                        : w.hasNonNull("stateReason") ? "  — " + w.path("stateReason").asString() : "");
    }

    private static String reason(JsonNode c) {
        return c.hasNonNull("stateReason") ? ": " + c.path("stateReason").asString() : "";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.API_FAILED, "interrupted");
        }
    }
}
