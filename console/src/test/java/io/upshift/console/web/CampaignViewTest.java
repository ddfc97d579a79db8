package io.upshift.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

class CampaignViewTest {

    private static Map<String, Object> halted() {
        return Map.of("state", "HALTED", "version", 7,
                "counts", Map.of("FAILED", 6L, "TIMED_OUT", 1L, "PLANNED", 40L, "DISPATCHED", 2L),
                "waves", List.of(
                        Map.of("number", 1, "kind", "CANARY", "state", "HALTED", "awaitingApproval", false,
                                "counts", Map.of("total", 52, "pending", 40)),
                        Map.of("number", 2, "kind", "RAMP", "state", "PENDING", "awaitingApproval", false,
                                "counts", Map.of("total", 100, "pending", 100))));
    }

    @Test
    void aViewerGetsNoActionAndAnOperatorGetsTheOnesTheStateAllows() {
        assertThat(CampaignView.actions(halted(), Set.of("VIEWER"))).isEmpty();
        assertThat(CampaignView.actions(halted(), Set.of("VIEWER", "APPROVER"))).isEmpty();
        assertThat(CampaignView.actions(halted(), Set.of("VIEWER", "OPERATOR")))
                .extracting(CampaignView.Action::name).containsExactly("resume", "retry-failed", "cancel");
    }

    @Test
    void eachConfirmationSaysWhatTheActionWillDo() {
        assertThat(CampaignView.action(halted(), Set.of("OPERATOR"), "resume").effect())
                .startsWith("Resume releases 40 orgs in wave 1");
        assertThat(CampaignView.action(halted(), Set.of("OPERATOR"), "retry-failed").effect()).contains("7 failed");
        assertThat(CampaignView.action(halted(), Set.of("OPERATOR"), "pause")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFormBecomesTheApiBodyLeavingEmptyFieldsToTheApiDefaults() {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("name", "Hotfix");
        form.add("selection.instances", "EU*, NA44");
        form.add("selection.orgTypes", "PRODUCTION");
        form.add("strategy.canary.percent", "5");
        form.add("strategy.sandboxesFirst", "true");
        form.add("pacing.maxInFlight", "many");
        form.add("schedule.deadline", "2026-12-24T18:00");
        form.add("schedule.earliestStart", "");

        Map<String, Object> body = CampaignForm.toRequest(form);

        assertThat(body).containsEntry("name", "Hotfix");
        assertThat(body.get("selection")).isEqualTo(Map.of("instances", List.of("EU*", "NA44"), "orgTypes", List.of("PRODUCTION")));
        assertThat(((Map<String, Object>) body.get("schedule"))).containsEntry("deadline", "2026-12-24T18:00:00Z")
                .containsEntry("respectMaintenanceWindows", false).doesNotContainKey("earliestStart");
        assertThat(((Map<String, Object>) body.get("strategy"))).containsEntry("sandboxesFirst", true)
                .containsEntry("approvalRequired", false);
        // what does not read as a number goes as typed: the API's problem details name it
        assertThat(((Map<String, Object>) body.get("pacing"))).containsEntry("maxInFlight", "many");
    }
}
