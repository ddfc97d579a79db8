package io.upshift.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Packages, their versions, and subscriber orgs: {@code /api/v1/packages} and {@code /api/v1/orgs}. */
final class InventoryCommands {

    private InventoryCommands() {
    }

    @Command(name = "packages", mixinStandardHelpOptions = true, description = "List the registered packages.")
    static final class Packages implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            UpshiftCli cli = UpshiftCli.root(spec);
            JsonNode answer = cli.api().getJson("/api/v1/packages");
            if (cli.json()) {
                cli.printJson(answer);
                return ExitCode.OK;
            }
            Table table = new Table("PACKAGE ID", "NAME", "NAMESPACE", "CREATED");
            answer.path("items").forEach(p -> table.row(text(p, "packageId"), text(p, "name"), text(p, "namespace"),
                    text(p, "createdAt")));
            table.print(cli.out());
            return ExitCode.OK;
        }
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, description = "List a package's versions.")
    static final class Versions implements Callable<Integer> {

        @Parameters(paramLabel = "PACKAGE", description = "The package id (15 or 18 characters).")
        String packageId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            UpshiftCli cli = UpshiftCli.root(spec);
            JsonNode answer = cli.api().getJson("/api/v1/packages/" + packageId + "/versions");
            if (cli.json()) {
                cli.printJson(answer);
                return ExitCode.OK;
            }
            Table table = new Table("VERSION", "VERSION ID", "STATE", "DEPRECATED", "PUSHABLE", "NAME");
            answer.path("items").forEach(v -> table.row(text(v, "version"), text(v, "versionId"), text(v, "releaseState"),
                    v.path("deprecated").asBoolean() ? "yes" : "no", v.path("pushable").asBoolean() ? "yes" : "no",
                    text(v, "name")));
            table.print(cli.out());
            return ExitCode.OK;
        }
    }

    @Command(name = "orgs", mixinStandardHelpOptions = true, description = "Import subscriber orgs and show one org.",
            subcommands = {Import.class, Show.class})
    static final class Orgs implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(UpshiftCli.root(spec).out());
            return ExitCode.USAGE;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a package's subscriber orgs from a Salesforce CLI org file or a headered CSV;"
                    + " every bad line is printed.")
    static final class Import implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "PACKAGE", description = "The package id.")
        String packageId;

        @Parameters(index = "1", paramLabel = "FILE", description = "An org file or a headered CSV (org_id, …).")
        Path file;

        @Option(names = "--partial", description = "Store the good lines even when some are bad (default: one bad line refuses the file).")
        boolean partial;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            UpshiftCli cli = UpshiftCli.root(spec);
            if (!Files.isRegularFile(file)) {
                throw new CliException(ExitCode.USAGE, file + ": no such file");
            }
            JsonNode answer;
            try {
                answer = cli.api().postFile("/api/v1/packages/" + packageId + "/subscribers/import?partial=" + partial,
                        file, null).json();
            } catch (Api.ApiFailure refused) {
                // the import's 422 lists the bad lines: all of them, one a line, then the one-line summary
                if (refused.problem() != null && refused.problem().path("errors").size() > 0) {
                    printLineErrors(cli, refused.problem());
                }
                throw refused;
            }
            if (cli.json()) {
                cli.printJson(answer);
            } else {
                cli.out().printf("Imported %s (%s): %d rows, %d inserted, %d updated, %d unchanged, %d rejected%n",
                        file, text(answer, "format"), answer.path("rows").asLong(), answer.path("inserted").asLong(),
                        answer.path("updated").asLong(), answer.path("unchanged").asLong(), answer.path("rejected").asLong());
                printLineErrors(cli, answer);
            }
            return ExitCode.OK;
        }

        private static void printLineErrors(UpshiftCli cli, JsonNode withErrors) {
            for (String error : Problems.errors(withErrors)) {
                cli.env.err().println("  " + error);
            }
            if (withErrors.path("errorsTruncated").asBoolean()) {
                cli.env.err().println("  (more bad lines than the API lists)");
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "An org and its history across campaigns.")
    static final class Show implements Callable<Integer> {

        @Parameters(paramLabel = "ORG", description = "The org id (15 or 18 characters).")
        String orgId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            UpshiftCli cli = UpshiftCli.root(spec);
            Api api = cli.api();
            JsonNode org = api.getJson("/api/v1/orgs/" + orgId);
            JsonNode campaigns = api.getJson("/api/v1/orgs/" + orgId + "/campaigns");
            if (cli.json()) {
                ObjectNode both = Api.JSON.createObjectNode();
                both.set("org", org);
                both.set("campaigns", campaigns);
                cli.printJson(both);
                return ExitCode.OK;
            }
            var out = cli.out();
            out.printf("%s  %s  %s on %s, %s%s%n", text(org, "orgId"), text(org, "orgName"), text(org, "orgType"),
                    text(org, "instance"), text(org, "status") == null ? "status unknown" : text(org, "status"),
                    org.path("excluded").asBoolean()
                            ? "  EXCLUDED" + (text(org, "excludedNote") == null ? "" : " (" + text(org, "excludedNote") + ")") : "");
            JsonNode window = org.path("maintenanceWindow").isMissingNode() ? org.path("window") : org.path("maintenanceWindow");
            out.printf("time zone %s; window %s%n", text(org, "timeZone"), window.isObject()
                    ? (window.path("alwaysOpen").asBoolean() ? "always open"
                            : window.path("days") + " " + text(window, "start") + "–" + text(window, "end")) : "-");
            Table installed = new Table("PACKAGE", "NAME", "VERSION", "INSTALLED");
            org.path("installedPackages").forEach(p -> installed.row(text(p, "packageId"), text(p, "packageName"),
                    text(p, "version"), p.path("installed").asBoolean() ? "yes" : "no"));
            if (!installed.isEmpty()) {
                out.println();
                installed.print(out);
            }
            out.println();
            Table history = new Table("CAMPAIGN", "NAME", "TARGET", "CAMPAIGN STATE", "ORG STATE", "WAVE", "FINISHED", "ERROR");
            campaigns.forEach(h -> history.row(text(h, "campaignId"), text(h, "campaignName"), text(h, "targetVersion"),
                    text(h, "campaignState"), text(h.path("target"), "state"), h.path("target").path("wave").asInt(),
                    text(h.path("target"), "finishedAt"), error(h.path("target"))));
            if (history.isEmpty()) {
                out.println("in no campaign yet");
            } else {
                history.print(out);
            }
            return ExitCode.OK;
        }
    }

    static String error(JsonNode target) {
        String code = text(target, "errorCode");
        String message = text(target, "errorMessage");
        if (code == null && message == null) {
            return null;
        }
        return (code == null ? "" : code + ": ") + (message == null ? "" : message);
    }

    static String text(JsonNode node, String field) {
        return Problems.text(node, field);
    }
}
