package io.upshift.console.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the campaign page shows, worked out from the planner's {@code GET /campaigns/{id}}: the numbers
 * people look for first, and the actions the signed-in person may take in the campaign's state, each
 * with the sentence its confirmation shows.
 */
final class CampaignView {

    static final Set<String> FINAL = Set.of("COMPLETED", "CANCELED");

    /** One button: the API action, its label, and what pressing it will do. */
    record Action(String name, String label, String effect, boolean asksReason) {
    }

    private CampaignView() {
    }

    static long count(Map<String, Object> campaign, String state) {
        return campaign.get("counts") instanceof Map<?, ?> counts && counts.get(state) instanceof Number n
                ? n.longValue() : 0;
    }

    static long waveCount(Map<?, ?> wave, String key) {
        return wave.get("counts") instanceof Map<?, ?> counts && counts.get(key) instanceof Number n ? n.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> waves(Map<String, Object> campaign) {
        return campaign.get("waves") instanceof List<?> waves ? (List<Map<String, Object>>) waves : List.of();
    }

    /** The wave people are waiting on: the first that is neither passed nor still pending, else the first pending. */
    static Map<String, Object> currentWave(Map<String, Object> campaign) {
        Map<String, Object> pending = null;
        for (Map<String, Object> wave : waves(campaign)) {
            String state = String.valueOf(wave.get("state"));
            if (Boolean.TRUE.equals(wave.get("awaitingApproval")) || state.equals("RUNNING") || state.equals("HALTED")
                    || state.equals("PAUSED")) {
                return wave;
            }
            if (pending == null && state.equals("PENDING")) {
                pending = wave;
            }
        }
        return pending;
    }

    static Map<String, Object> awaitingApproval(Map<String, Object> campaign) {
        return waves(campaign).stream().filter(w -> Boolean.TRUE.equals(w.get("awaitingApproval"))).findFirst()
                .orElse(null);
    }

    static long failed(Map<String, Object> campaign) {
        return count(campaign, "FAILED") + count(campaign, "TIMED_OUT");
    }

    static long inFlight(Map<String, Object> campaign) {
        return count(campaign, "DISPATCHED");
    }

    static long waiting(Map<String, Object> campaign) {
        return count(campaign, "PLANNED") + count(campaign, "NOTIFIED");
    }

    /** The actions this person may take now; the API checks again (roles, state, If-Match). */
    static List<Action> actions(Map<String, Object> campaign, Set<String> roles) {
        String state = String.valueOf(campaign.get("state"));
        List<Action> actions = new ArrayList<>();
        boolean operator = roles.contains("OPERATOR");
        Map<String, Object> wave = currentWave(campaign);
        String waveName = wave == null ? "" : " in wave " + wave.get("number");
        long waveWaiting = wave == null ? 0 : waveCount(wave, "pending");
        Map<String, Object> approval = awaitingApproval(campaign);
        if (approval != null && roles.contains("APPROVER") && !FINAL.contains(state)) {
            actions.add(new Action("approve", "Approve wave " + approval.get("number"), "Approve wave "
                    + approval.get("number") + " (" + approval.get("kind") + "): it starts and releases its "
                    + waveCount(approval, "total") + " orgs, you are recorded as its approver.", false));
        }
        if (operator && (state.equals("RUNNING") || state.equals("SCHEDULED"))) {
            actions.add(new Action("pause", "Pause", "Pause the campaign: no new org is released; the "
                    + inFlight(campaign) + " orgs in flight finish.", true));
        }
        if (operator && (state.equals("PAUSED") || state.equals("HALTED"))) {
            actions.add(new Action("resume", "Resume", "Resume releases " + waveWaiting + " orgs" + waveName
                    + (state.equals("HALTED") ? "; the gate judges only what finishes from now on." : "."), false));
        }
        if (operator && failed(campaign) > 0 && !state.equals("DRAFT") && !state.equals("CANCELED")) {
            actions.add(new Action("retry-failed", "Retry failed", "Retry puts " + failed(campaign)
                    + " failed or timed-out orgs back in line: each gets a new notice, then a new push.", false));
        }
        if (operator && !FINAL.contains(state)) {
            actions.add(new Action("cancel", state.equals("DRAFT") ? "Discard draft" : "Cancel campaign",
                    "Cancel the campaign: the " + waiting(campaign) + " orgs not released yet are canceled and told so;"
                            + " the " + inFlight(campaign) + " in flight finish. This cannot be undone.", true));
        }
        return actions;
    }

    static Action action(Map<String, Object> campaign, Set<String> roles, String name) {
        return actions(campaign, roles).stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    /** A fingerprint of what the page shows: the live channel says "changed" when it differs. */
    static String fingerprint(Map<String, Object> campaign) {
        return Integer.toHexString(String.valueOf(campaign.get("version")).hashCode() * 31
                + String.valueOf(campaign.get("state")).hashCode() * 17 + String.valueOf(campaign.get("counts")).hashCode()
                + String.valueOf(campaign.get("waves")).hashCode());
    }
}
