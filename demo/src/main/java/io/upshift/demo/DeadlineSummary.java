package io.upshift.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What a deadline scenario prints: the preview's fit, the scheduling line, the risk, and the closing summary. */
final class DeadlineSummary {

    private DeadlineSummary() {
    }

    /** What one compressed second stands for in each scenario. */
    static String compression(DeadlineScenario.Kind kind) {
        return switch (kind) {
            case HOTFIX -> "the 6-hour maintenance window is " + DeadlineScenario.HOTFIX_WINDOW.toSeconds()
                    + " s: 1 s stands for 10 minutes";
            case REGULATORY -> "the 48 hours are " + DeadlineScenario.REGULATORY_DEADLINE.toSeconds()
                    + " s: 1 s stands for 40 minutes";
            case API_RETIREMENT -> "the two weeks before the retirement are "
                    + DeadlineScenario.RETIREMENT_DEADLINE.toSeconds() + " s: 1 s stands for 2 hours";
        };
    }

    /** Prints the preview's deadline fit ({@code plan.deadline}); returns its projected finish (or the plan's). */
    static Instant printFit(PrintStream out, JsonNode preview, Instant deadline) {
        JsonNode plan = preview.path("plan");
        JsonNode fit = plan.path("deadline");
        Instant projected = instant(fit.path("projectedFinish"));
        if (projected == null) {
            projected = instant(plan.path("projectedEnd"));
        }
        if (fit.hasNonNull("statement")) {
            out.println("Deadline fit: " + fit.path("statement").asText());
        } else if (fit.isObject()) {
            List<String> figures = new ArrayList<>();
            fit.properties().forEach(e -> {
                if (e.getValue().isValueNode()) {
                    figures.add(e.getKey() + " " + e.getValue().asText());
                }
            });
            out.println("Deadline fit: " + String.join(", ", figures));
        }
        if (projected != null) {
            Duration slack = Duration.between(projected, deadline);
            out.printf("  projected finish %s vs deadline %s: %s%n", projected, deadline,
                    slack.isNegative() ? "misses it by " + seconds(slack.negated()) : "fits with " + seconds(slack) + " to spare");
        }
        return projected;
    }

    static String scheduledLine(DeadlineScenario.Options options, String campaignId, Instant scheduledAt,
            DeadlineScenario.Timing timing) {
        String window = timing.windowStart() == null ? ""
                : ", the campaign window opens in " + seconds(Duration.between(scheduledAt, timing.windowStart()));
        return String.format("Scheduled campaign %s (%s)%s, the deadline is in %s (%s).", campaignId, options.label(),
                window, seconds(Duration.between(scheduledAt, timing.deadline())), compression(options.kind()));
    }

    static String atRiskLine(JsonNode status, long secondsSinceScheduling, Instant deadline) {
        return String.format("  +%3ds  AT RISK: projected finish %s, after the deadline %s; %s orgs at risk",
                secondsSinceScheduling, status.path("projectedFinish").asText("(none: cannot finish)"), deadline,
                status.path("orgsAtRisk").asText("?"));
    }

    static void print(PrintStream out, DeadlineResult result) {
        JsonNode status = result.status();
        out.println();
        out.printf("Campaign %s (%s) ended %s.%n", result.campaignId(), result.options().label(), result.state());
        if (status.hasNonNull("stateReason")) {
            out.println("  why: " + status.path("stateReason").asText());
        }
        out.print("  orgs by state:");
        status.path("counts").properties().forEach(e -> {
            if (e.getValue().asLong() > 0) {
                out.print("  " + e.getKey() + " " + e.getValue().asLong());
            }
        });
        out.println();
        Map<String, Long> errors = new java.util.TreeMap<>();
        result.orgs().stream().filter(o -> o.hasNonNull("errorCode"))
                .forEach(o -> errors.merge(o.path("state").asText() + " " + o.path("errorCode").asText(), 1L, Long::sum));
        if (!errors.isEmpty()) {
            out.println("  by error code: " + errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        Instant last = result.lastOrgFinished();
        out.printf("  deadline %s: %s%n", result.deadline(), result.deadlineHeld() ? "HELD, every org finished before it"
                : result.deadlinePassed() > 0 ? "MISSED: " + result.deadlinePassed() + " orgs ended CANCELED (DeadlinePassed)"
                : "NOT MET: the campaign ended " + result.state());
        out.printf("  projected finish %s (preview), actual finish %s (last org)%s%n", text(result.projectedFinish()),
                text(last), last == null || result.projectedFinish() == null ? ""
                        : ", " + signed(Duration.between(result.projectedFinish(), last)) + " against the projection; "
                                + beforeOrAfter(Duration.between(last, result.deadline())) + " the deadline");
        if (result.atRiskAt() != null) {
            out.printf("  at risk raised %s before the deadline (%s orgs at risk)%n",
                    seconds(Duration.between(result.atRiskAt(), result.deadline())),
                    result.atRiskStatus().path("orgsAtRisk").asText("?"));
        }
        if (result.options().badRelease()) {
            out.printf("  bad release: %d production orgs were touched by %s before the halt (bound: gate minimum %d"
                    + " + in-flight cap %d = %d)%n", result.productionOrgsPushed(), result.options().targetVersion(),
                    DeadlineScenario.GATE_MINIMUM_FINISHED, result.safetyBound() - DeadlineScenario.GATE_MINIMUM_FINISHED,
                    result.safetyBound());
        }
        List<Instant> starts = result.allPushStarts();
        if (!starts.isEmpty()) {
            out.printf("  simulated fleet: %d push jobs, the first started %s, the last %s (%s)%n",
                    starts.size(), starts.getFirst(), starts.getLast(), result.windowStart() == null
                            ? "deadline " + result.deadline()
                            : "campaign window " + result.windowStart() + " – " + result.deadline());
        }
        out.println("  deadline report: " + reportCounts(result.report()));
        out.println("  (GET /api/v1/campaigns/" + result.campaignId() + "/deadline-report, ?format=csv for every org)");
        out.println(result.asIntended() ? "The scenario ended as intended." : "The scenario did NOT end as intended.");
    }

    /** The report's counts by outcome, whatever numbers it holds at its top level or under {@code counts}. */
    static String reportCounts(JsonNode report) {
        if (report == null) {
            return "(not available from this planner)";
        }
        List<String> parts = new ArrayList<>();
        if (report.path("outcomes").isObject()) {
            report.path("outcomes").properties().forEach(e -> {
                if (e.getValue().asLong() > 0) {
                    parts.add(e.getKey() + " " + e.getValue().asLong());
                }
            });
            return report.path("total").asText("?") + " selected orgs: " + String.join(", ", parts)
                    + (report.path("allUpgradedBeforeDeadline").asBoolean(false) ? " (all upgraded before the deadline)" : "");
        }
        collect(report, "", parts);
        return String.join(", ", parts);
    }

    private static void collect(JsonNode node, String prefix, List<String> parts) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isNumber()) {
                parts.add(prefix + e.getKey() + " " + e.getValue().asText());
            } else if (e.getValue().isObject()) {
                collect(e.getValue(), prefix.isEmpty() && e.getKey().equals("counts") ? "" : prefix + e.getKey() + ".", parts);
            }
        }
    }

    static Instant instant(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank() ? null
                : Instant.parse(node.asText());
    }

    private static String text(Instant at) {
        return at == null ? "-" : at.toString();
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static String beforeOrAfter(Duration slack) {
        return slack.isNegative() ? seconds(slack.negated()) + " after" : seconds(slack) + " before";
    }

    private static String signed(Duration d) {
        return (d.isNegative() ? "" : "+") + String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
