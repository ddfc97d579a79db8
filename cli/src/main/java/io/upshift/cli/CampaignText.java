package io.upshift.cli;

import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;

/** A campaign, its waves and its preview as text for people (the JSON stays the API's own). */
final class CampaignText {

    private CampaignText() {
    }

    static void status(PrintWriter out, JsonNode c) {
        out.printf("%s  %s  %s%n", text(c, "id"), text(c, "name"), text(c, "state"));
        out.printf("package %s (%s) → %s; created by %s%s%n", text(c, "packageId"), text(c, "packageName"),
                text(c, "targetVersion"), text(c, "createdBy"),
                c.hasNonNull("scheduledBy") ? ", scheduled by " + text(c, "scheduledBy") : "");
        if (c.hasNonNull("startsAt") || c.hasNonNull("finishedAt")) {
            out.printf("starts %s, started %s, finished %s%n", text(c, "startsAt"), text(c, "startedAt"), text(c, "finishedAt"));
        }
        if (c.hasNonNull("stateReason")) {
            out.println("reason: " + text(c, "stateReason"));
        }
        StringBuilder counts = new StringBuilder();
        c.path("counts").properties().forEach(e -> {
            if (e.getValue().asLong() > 0) {
                counts.append(counts.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asLong());
            }
        });
        if (!counts.isEmpty()) {
            out.println("orgs: " + counts);
        }
        if (c.path("waves").size() > 0) {
            Table waves = new Table("WAVE", "KIND", "STATE", "DONE", "FAILED", "RATE", "PLANNED START", "NOTE");
            c.path("waves").forEach(w -> waves.row(w.path("number").asInt(), text(w, "kind"), text(w, "state"),
                    w.path("finished").asInt() + "/" + w.path("counts").path("total").asInt(),
                    w.path("counts").path("failed").asInt() + w.path("counts").path("timedOut").asInt(),
                    w.hasNonNull("failureRatePercent") ? w.path("failureRatePercent").asString() + " %" : "-",
                    text(w, "plannedStart"), w.path("awaitingApproval").asBoolean() ? "awaiting approval"
                            : text(w, "stateReason")));
            waves.print(out);
        }
        if (c.path("blastRadius").hasNonNull("statement")) {
            out.println("blast radius: " + c.path("blastRadius").path("statement").asString());
        }
        JsonNode deadline = c.path("plan").path("deadline");
        if (deadline.isObject()) {
            deadline(out, deadline);
        }
    }

    static void preview(PrintWriter out, JsonNode preview) {
        JsonNode plan = preview.path("plan");
        out.printf("Campaign %s, computed at %s%n", text(preview, "campaignId"), text(preview, "computedAt"));
        out.printf("eligible %d, excluded %d%n", preview.path("eligible").asLong(), preview.path("excludedTotal").asLong());
        if (plan.path("excluded").size() > 0) {
            Table excluded = new Table("EXCLUDED BECAUSE", "ORGS");
            plan.path("excluded").properties().forEach(e -> excluded.row(e.getKey(), e.getValue().asLong()));
            excluded.print(out);
        }
        out.println();
        Table waves = new Table("WAVE", "KIND", "ORGS", "PROJECTED START", "PROJECTED END");
        plan.path("waves").forEach(w -> waves.row(w.path("number").asInt(), text(w, "kind"), w.path("size").asLong(),
                text(w, "projectedStart"), text(w, "projectedEnd")));
        waves.print(out);
        out.printf("%nstart %s; windows %s – %s; projected end %s (approval waits not included)%n", text(plan, "start"),
                text(plan, "firstWindowStart"), text(plan, "lastWindowEnd"), text(plan, "projectedEnd"));
        if (plan.path("blastRadius").hasNonNull("statement")) {
            out.println("blast radius: " + plan.path("blastRadius").path("statement").asString());
        }
        if (plan.path("deadline").isObject()) {
            deadline(out, plan.path("deadline"));
        }
        plan.path("warnings").forEach(w -> out.println("warning: " + w.asString()));
        plan.path("problems").forEach(p -> out.println("PROBLEM (scheduling would be refused): "
                + (p.hasNonNull("field") ? p.path("field").asString() + ": " : "") + text(p, "message")));
    }

    /** The deadline fit block ({@code plan.deadline}), printed whenever the planner sends it. */
    static void deadline(PrintWriter out, JsonNode d) {
        out.printf("deadline %s: %s%n", text(d, "deadline"), d.path("fits").asBoolean() ? "fits" : "DOES NOT FIT");
        if (d.hasNonNull("statement")) {
            out.println("  " + d.path("statement").asString());
        }
        if (d.hasNonNull("projectedFinish")) {
            out.printf("  projected finish %s, slack %s%n", text(d, "projectedFinish"), text(d, "slack"));
        }
        if (d.has("neededMaxInFlight")) {
            out.printf("  needs in flight ≥ %s (cap %s), ≥ %s commands/min; soak %s planned of %s asked%n",
                    text(d, "neededMaxInFlight"), text(d, "maxInFlight"), text(d, "neededMaxCommandsPerMinute"),
                    text(d, "plannedSoak"), text(d, "requestedSoak"));
        }
        if (d.path("orgsWithoutWindowBeforeDeadline").asLong() > 0) {
            out.printf("  %d orgs have no window before the deadline%n", d.path("orgsWithoutWindowBeforeDeadline").asLong());
        }
    }

    static String text(JsonNode node, String field) {
        String value = Problems.text(node, field);
        return value == null ? "-" : value;
    }
}
