package io.upshift.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code upshift campaign …}: campaigns as code (create, apply, diff) and their life (schedule … report). */
@Command(name = "campaign", mixinStandardHelpOptions = true, description = "Define, preview, schedule, follow and report campaigns.",
        subcommands = {CampaignCommands.Create.class, CampaignApply.Apply.class, CampaignApply.Diff.class,
                CampaignCommands.Preview.class, CampaignCommands.Schedule.class, CampaignCommands.ListCampaigns.class,
                CampaignCommands.Status.class, WatchCommand.class, CampaignCommands.Pause.class,
                CampaignCommands.Resume.class, CampaignCommands.Cancel.class, CampaignCommands.Approve.class,
                CampaignCommands.RetryFailed.class, ReportCommand.class, RehearseCommand.class})
final class CampaignCommands implements Callable<Integer> {

    static final String CAMPAIGNS = "/api/v1/campaigns";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(UpshiftCli.root(spec).out());
        return ExitCode.USAGE;
    }

    /** The base of every campaign command: the root's options and an API client. */
    abstract static class Base implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        UpshiftCli cli() {
            return UpshiftCli.root(spec);
        }

        /** Prints a campaign view: JSON as is, or its status for people. */
        int printCampaign(JsonNode campaign, String headline) {
            if (cli().json()) {
                cli().printJson(campaign);
            } else {
                if (headline != null) {
                    cli().out().println(headline);
                }
                CampaignText.status(cli().out(), campaign);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "create",
            description = {"Create a DRAFT campaign from a campaign file or from flags (always a new one; `apply` updates a draft in place).",
                    "From flags: campaign create --name NAME --package ID --version V [--canary-percent P] [--ramp doubling] "
                            + "[--notice 24h] [--deadline INSTANT] … (the same body as a file; blackouts and a campaign window need a file)."})
    static final class Create extends Base {

        // --version is the target version here, so no standard --version option (the root's still prints the CLI's)
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Parameters(paramLabel = "FILE", arity = "0..1", description = "The campaign file (YAML); or give the flags instead.")
        Path file;

        @Mixin
        CampaignFlags flags;

        @Override
        public Integer call() {
            CampaignFile campaign = campaign(file, flags);
            Api api = cli().api();
            Api.Answer created = api.postJson(CAMPAIGNS, campaign.definition().body(), null);
            JsonNode view = created.json();
            if (campaign.orgFile() != null) {
                view = CampaignApply.uploadSelection(cli(), api, view.path("id").asString(), campaign.orgFile(),
                        created.etag().orElse(null));
            }
            return printCampaign(view, "Created DRAFT campaign " + view.path("id").asString());
        }

        /** The file's campaign, or the flags': one of the two, not both. */
        static CampaignFile campaign(Path file, CampaignFlags flags) {
            if (file != null && flags.any()) {
                throw new CliException(ExitCode.USAGE, "give a campaign file or the flags, not both "
                        + "(to change a file's campaign, edit the file)");
            }
            if (file == null && !flags.any()) {
                throw new CliException(ExitCode.USAGE, "give a campaign file, or at least --name, --package and --version");
            }
            return file != null ? CampaignFile.load(file) : flags.toCampaign();
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "What scheduling the draft now would plan: eligible and excluded orgs, waves, timeline, blast radius, deadline fit.")
    static final class Preview extends Base {

        @Parameters(paramLabel = "ID", description = "The campaign id.")
        String id;

        @Override
        public Integer call() {
            JsonNode preview = cli().api().getJson(CAMPAIGNS + "/" + id + "/preview");
            if (cli().json()) {
                cli().printJson(preview);
            } else {
                CampaignText.preview(cli().out(), preview);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true,
            description = "DRAFT → SCHEDULED: plans the windows and sends every org its advance notice.")
    static final class Schedule extends Base {

        @Parameters(paramLabel = "ID", description = "The campaign id.")
        String id;

        @Override
        public Integer call() {
            JsonNode view = cli().api().postJson(CAMPAIGNS + "/" + id + "/schedule", null, null).json();
            return printCampaign(view, "Scheduled campaign " + id + ": first wave from " + Problems.text(view, "startsAt"));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Campaigns, newest first.")
    static final class ListCampaigns extends Base {

        @Option(names = "--state", description = "Only campaigns in this state (DRAFT, SCHEDULED, RUNNING, PAUSED, HALTED, COMPLETED, CANCELED).")
        String state;

        @Option(names = "--package", paramLabel = "PACKAGE", description = "Only campaigns of this package.")
        String packageId;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default 50, at most 500).")
        int limit;

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            if (state != null) {
                query.put("state", state.toUpperCase(java.util.Locale.ROOT));
            }
            if (packageId != null) {
                query.put("packageId", SalesforceIds.to18(packageId));
            }
            query.put("limit", String.valueOf(limit));
            JsonNode list = cli().api().getJson(CAMPAIGNS + query(query));
            if (cli().json()) {
                cli().printJson(list);
                return ExitCode.OK;
            }
            Table table = new Table("ID", "NAME", "STATE", "PACKAGE", "TARGET", "STARTS", "FINISHED");
            list.forEach(c -> table.row(text(c, "id"), text(c, "name"), text(c, "state"), text(c, "packageId"),
                    text(c, "targetVersion"), text(c, "startsAt"), text(c, "finishedAt")));
            table.print(cli().out());
            return ExitCode.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Where a campaign stands: state, counts, waves.")
    static final class Status extends Base {

        @Parameters(paramLabel = "ID", description = "The campaign id.")
        String id;

        @Override
        public Integer call() {
            return printCampaign(cli().api().getJson(CAMPAIGNS + "/" + id), null);
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Release nothing new; orgs in flight finish.")
    static final class Pause extends Base {

        @Parameters(paramLabel = "ID", description = "The campaign id.")
        String id;

        @Option(names = "--reason", description = "Why, for the record.")
        String reason;

        @Override
        public Integer call() {
            return printCampaign(cli().api().postJson(CAMPAIGNS + "/" + id + "/pause", reasonBody(reason), null).json(),
                    "Paused campaign " + id);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "PAUSED or HALTED → RUNNING.")
    static final class Resume extends Base {

        @Parameters(paramLabel = "ID", description = "The campaign id.")
        String id;

        @Override
        public Integer call() {
            return printCampaign(cli().api().postJson(CAMPAIGNS + "/" + id + "/resume", null, null).json(),
                    "Resumed campaign " + id);
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "→ CANCELED: orgs not released yet are canceled and told so; released ones finish.")
    static final class Cancel extends Base {

        @Parameters(paramLabel = "ID", description = "The campaign id.")
        String id;

        @Option(names = "--reason", description = "Why, for the record and the subscribers' reports.")
        String reason;

        @Override
        public Integer call() {
            return printCampaign(cli().api().postJson(CAMPAIGNS + "/" + id + "/cancel", reasonBody(reason), null).json(),
                    "Canceled campaign " + id);
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Start the wave that waits for approval (you must be an APPROVER, and not who created or scheduled it).")
    static final class Approve extends Base {

        @Parameters(paramLabel = "ID", description = "The campaign id.")
        String id;

        @Option(names = "--wave", description = "The wave you mean to approve (refused if another one waits).")
        Integer wave;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (wave != null) {
                body.put("wave", wave);
            }
            return printCampaign(cli().api().postJson(CAMPAIGNS + "/" + id + "/approve", body, null).json(),
                    "Approved the waiting wave of campaign " + id);
        }
    }

    @Command(name = "retry-failed", mixinStandardHelpOptions = true,
            description = "Put FAILED and TIMED_OUT orgs back in line (a new window after the notice period).")
    static final class RetryFailed extends Base {

        @Parameters(paramLabel = "ID", description = "The campaign id.")
        String id;

        @Option(names = "--status", split = ",", description = "FAILED and/or TIMED_OUT (default both).")
        List<String> statuses;

        @Option(names = "--wave", description = "Only orgs of this wave.")
        Integer wave;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (statuses != null) {
                body.put("statuses", statuses.stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList());
            }
            if (wave != null) {
                body.put("wave", wave);
            }
            JsonNode answer = cli().api().postJson(CAMPAIGNS + "/" + id + "/retry-failed", body, null).json();
            if (cli().json()) {
                cli().printJson(answer);
                return ExitCode.OK;
            }
            return printCampaign(answer.path("campaign"), answer.path("retried").asLong() + " orgs back in line");
        }
    }

    static Map<String, Object> reasonBody(String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    static String query(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    static String text(JsonNode node, String field) {
        return Problems.text(node, field);
    }
}
