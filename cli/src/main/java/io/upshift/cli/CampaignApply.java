package io.upshift.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Campaigns as code: {@code apply} makes the planner's DRAFT match the file, {@code diff} shows what
 * that would change. The file's campaign is found by its stable key, name and package: the DRAFT of
 * that name is updated (PUT with the ETag read as If-Match, so a change made meanwhile is not lost);
 * none of that name, one is created; one that is no longer a draft is left alone (exit 1), since a
 * file applies to a definition, and a scheduled campaign's definition is fixed.
 */
final class CampaignApply {

    private CampaignApply() {
    }

    /** The campaign of the file's name and package, if any, with its view and ETag. */
    record Found(String id, String state, JsonNode view, String etag) {
    }

    static Found find(Api api, CampaignDefinition definition) {
        List<JsonNode> named = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode page = api.getJson(CampaignCommands.CAMPAIGNS + CampaignCommands.query(Map.of(
                    "packageId", SalesforceIds.to18(definition.packageId()), "offset", String.valueOf(offset), "limit", "500")));
            page.forEach(c -> {
                if (definition.name().strip().equals(c.path("name").asString())) {
                    named.add(c);
                }
            });
            if (page.size() < 500) {
                break;
            }
            offset += 500;
        }
        List<JsonNode> drafts = named.stream().filter(c -> c.path("state").asString().equals("DRAFT")).toList();
        if (drafts.size() > 1) {
            throw new CliException(ExitCode.API_FAILED, drafts.size() + " DRAFT campaigns are named '" + definition.name()
                    + "' for package " + definition.packageId() + " (" + String.join(", ", drafts.stream()
                            .map(d -> d.path("id").asString()).toList()) + "): cancel all but one, then apply again");
        }
        JsonNode match = drafts.isEmpty() ? (named.isEmpty() ? null : named.getFirst()) : drafts.getFirst();
        if (match == null) {
            return null;
        }
        Api.Answer answer = api.get(CampaignCommands.CAMPAIGNS + "/" + match.path("id").asString());
        JsonNode view = answer.json();
        return new Found(view.path("id").asString(), view.path("state").asString(), view, answer.etag().orElse(null));
    }

    static CampaignDefinition stored(JsonNode view) {
        return CampaignFile.LENIENT.treeToValue(view.path("definition"), CampaignDefinition.class);
    }

    /** The file as the draft would hold it once applied: with the org file's ids in place of the file. */
    static CampaignDefinition desired(CampaignFile file) {
        CampaignDefinition body = file.definition().body();
        return file.orgFile() == null ? body : body.withOrgIds(file.orgFileIds());
    }

    /** Sets the draft's selection from the org file; prints the lines the planner could not use. */
    static JsonNode uploadSelection(UpshiftCli cli, Api api, String id, Path orgFile, String etag) {
        Api.Answer answer = api.postFile(CampaignCommands.CAMPAIGNS + "/" + id + "/selection", orgFile, etag);
        JsonNode selection = answer.json();
        for (String error : Problems.errors(selection)) {
            cli.env.err().println("  " + orgFile.getFileName() + ": " + error);
        }
        return api.getJson(CampaignCommands.CAMPAIGNS + "/" + id);
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Create the file's DRAFT campaign, or update it to match the file (found by name and package);"
                    + " the same file twice changes nothing.")
    static final class Apply extends CampaignCommands.Base {

        @Parameters(paramLabel = "FILE", description = "The campaign file (YAML).")
        Path file;

        @Override
        public Integer call() {
            CampaignFile campaign = CampaignFile.load(file);
            Api api = cli().api();
            Found found = find(api, campaign.definition());
            if (found == null) {
                Api.Answer created = api.postJson(CampaignCommands.CAMPAIGNS, campaign.definition().body(), null);
                JsonNode view = created.json();
                String id = view.path("id").asString();
                if (campaign.orgFile() != null) {
                    view = uploadSelection(cli(), api, id, campaign.orgFile(), created.etag().orElse(null));
                }
                return report("created", id, view, List.of());
            }
            if (!found.state().equals("DRAFT")) {
                throw new CliException(ExitCode.API_FAILED, "campaign '" + campaign.definition().name() + "' ("
                        + found.id() + ") is " + found.state() + ", no longer a draft: its definition is fixed;"
                        + " give the file a new name for a new campaign");
            }
            CampaignDefinition stored = stored(found.view());
            List<DraftDiff.Change> changes = DraftDiff.diff(desired(campaign), stored);
            if (changes.isEmpty()) {
                return report("unchanged", found.id(), found.view(), changes);
            }
            boolean onlyOrgIds = changes.stream().allMatch(c -> c.field().equals("selection.orgIds"));
            JsonNode view = found.view();
            String etag = found.etag();
            if (!onlyOrgIds) {
                // keep the stored ids through the PUT when an org file selects them: it is uploaded next, if it changed
                CampaignDefinition body = campaign.orgFile() == null ? campaign.definition().body()
                        : campaign.definition().body().withOrgIds(stored.selection() == null ? null : stored.selection().orgIds());
                Api.Answer replaced = api.putJson(CampaignCommands.CAMPAIGNS + "/" + found.id(), body, etag);
                view = replaced.json();
                etag = replaced.etag().orElse(null);
            }
            if (campaign.orgFile() != null && changes.stream().anyMatch(c -> c.field().equals("selection.orgIds"))) {
                view = uploadSelection(cli(), api, found.id(), campaign.orgFile(), etag);
            }
            return report("updated", found.id(), view, changes);
        }

        private int report(String action, String id, JsonNode view, List<DraftDiff.Change> changes) {
            if (cli().json()) {
                ObjectNode answer = Api.JSON.createObjectNode();
                answer.put("action", action);
                answer.put("id", id);
                answer.set("changes", Api.JSON.valueToTree(changes));
                answer.set("campaign", view);
                cli().printJson(answer);
                return ExitCode.OK;
            }
            cli().out().printf("%s: DRAFT campaign %s '%s' (version %d)%n", action, id, view.path("name").asString(),
                    view.path("version").asInt());
            changes.forEach(c -> cli().out().println("  " + c));
            return ExitCode.OK;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What `apply FILE` would change in the stored draft, field by field.")
    static final class Diff extends CampaignCommands.Base {

        @Parameters(paramLabel = "FILE", description = "The campaign file (YAML).")
        Path file;

        @Override
        public Integer call() {
            CampaignFile campaign = CampaignFile.load(file);
            Found found = find(cli().api(), campaign.definition());
            List<DraftDiff.Change> changes = found == null ? List.of() : DraftDiff.diff(desired(campaign), stored(found.view()));
            if (cli().json()) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("id", found == null ? null : found.id());
                answer.put("state", found == null ? null : found.state());
                answer.put("changes", changes);
                cli().printJson(answer);
                return ExitCode.OK;
            }
            var out = cli().out();
            if (found == null) {
                out.printf("No campaign '%s' for package %s yet: apply creates it.%n", campaign.definition().name(),
                        campaign.definition().packageId());
            } else if (changes.isEmpty()) {
                out.printf("No differences: %s campaign %s matches %s%n", found.state(), found.id(), file);
            } else {
                out.printf("%s campaign %s differs from %s in %d field%s:%n", found.state(), found.id(), file,
                        changes.size(), changes.size() == 1 ? "" : "s");
                Table table = new Table("FIELD", "STORED", "FILE");
                changes.forEach(c -> table.row(c.field(), c.stored(), c.file()));
                table.print(out);
            }
            return ExitCode.OK;
        }
    }
}
