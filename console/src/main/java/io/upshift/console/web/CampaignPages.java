package io.upshift.console.web;

import io.upshift.console.api.Api;
import io.upshift.console.api.ApiProblem;
import io.upshift.console.api.Credential;
import io.upshift.console.signin.Credentials;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Watch and act: the campaign list, a campaign's page and its fragments, its buttons. */
@Controller
class CampaignPages {

    static final int PAGE = 25;
    static final List<String> STATES = List.of("DRAFT", "SCHEDULED", "RUNNING", "PAUSED", "HALTED", "COMPLETED", "CANCELED");
    static final List<String> TARGET_STATES = List.of("PLANNED", "NOTIFIED", "DISPATCHED", "SUCCEEDED", "FAILED",
            "SKIPPED", "CANCELED", "TIMED_OUT");

    private final Api api;
    private final Credentials credentials;

    CampaignPages(Api api, Credentials credentials) {
        this.api = api;
        this.credentials = credentials;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/campaigns";
    }

    @GetMapping("/campaigns")
    String list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "0") int offset, Model model) {
        String query = UriComponentsBuilder.fromPath("/api/v1/campaigns").queryParam("limit", PAGE + 1)
                .queryParam("offset", Math.max(0, offset))
                .queryParamIfPresent("state", Optional.ofNullable(blankToNull(state))).build().toUriString();
        List<Object> campaigns = api.getList(credentials.current(), query);
        model.addAttribute("campaigns", campaigns.subList(0, Math.min(PAGE, campaigns.size())));
        model.addAttribute("next", campaigns.size() > PAGE ? offset + PAGE : null);
        model.addAttribute("previous", offset > 0 ? Math.max(0, offset - PAGE) : null);
        model.addAttribute("state", blankToNull(state));
        model.addAttribute("states", STATES);
        return "campaigns";
    }

    /** The page; the orgs table may come filtered (the failure breakdown links here by error code or pod). */
    @GetMapping("/campaigns/{id}")
    String campaign(@PathVariable UUID id, @ModelAttribute OrgFilter filter, Authentication authentication, Model model) {
        Credential credential = credentials.current();
        status(id, authentication, model, credential);
        orgs(id, filter, model, credential);
        failures(id, model, credential);
        activity(id, model, credential);
        rehearsals(id, model, credential);
        model.addAttribute("targetStates", TARGET_STATES);
        return "campaign";
    }

    @GetMapping("/campaigns/{id}/status")
    String statusFragment(@PathVariable UUID id, Authentication authentication, Model model) {
        status(id, authentication, model, credentials.current());
        return "campaign :: status";
    }

    @GetMapping("/campaigns/{id}/orgs")
    String orgsFragment(@PathVariable UUID id, @ModelAttribute OrgFilter filter, Model model) {
        orgs(id, filter, model, credentials.current());
        model.addAttribute("targetStates", TARGET_STATES);
        return "campaign :: orgs";
    }

    @GetMapping("/campaigns/{id}/failures")
    String failuresFragment(@PathVariable UUID id, Model model) {
        failures(id, model, credentials.current());
        return "campaign :: failures";
    }

    @GetMapping("/campaigns/{id}/activity")
    String activityFragment(@PathVariable UUID id, Model model) {
        activity(id, model, credentials.current());
        return "campaign :: activity";
    }

    /** The confirmation: what the action will do, the version it applies to, and (pause, cancel) a reason. */
    @GetMapping("/campaigns/{id}/confirm/{action}")
    String confirm(@PathVariable UUID id, @PathVariable String action, Authentication authentication, Model model) {
        Map<String, Object> campaign = api.getMap(credentials.current(), "/api/v1/campaigns/" + id);
        CampaignView.Action chosen = CampaignView.action(campaign, Credentials.roles(authentication), action);
        if (chosen == null) {
            throw new ApiProblem(409, "Not possible now", "You cannot " + action.replace('-', ' ')
                    + " this campaign in its state " + campaign.get("state") + " with your roles.", List.of(), null);
        }
        model.addAttribute("c", campaign);
        model.addAttribute("action", chosen);
        return "confirm";
    }

    /**
     * One action, sent to the API as the person with the version they confirmed as If-Match: a change in
     * between is the API's 409, shown on the campaign page; a role that may not is the API's 403.
     */
    @PostMapping("/campaigns/{id}/{action:pause|resume|cancel|approve|retry-failed}")
    String act(@PathVariable UUID id, @PathVariable String action, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reason != null && !reason.isBlank() && (action.equals("pause") || action.equals("cancel"))) {
            body.put("reason", reason.strip());
        }
        try {
            api.sendJson(credentials.current(), "POST", "/api/v1/campaigns/" + id + "/" + action, body, version);
            redirect.addFlashAttribute("message", switch (action) {
                case "pause" -> "Paused: nothing new is released.";
                case "resume" -> "Resumed.";
                case "cancel" -> "Canceled.";
                case "approve" -> "Approved: the wave starts.";
                default -> "Failed orgs are back in line.";
            });
        } catch (ApiProblem problem) {
            if (problem.status() == 403 || problem.status() == 401) {
                throw problem;
            }
            redirect.addFlashAttribute("error", problem.explanation());
            redirect.addFlashAttribute("errorStatus", problem.status());
        }
        return "redirect:/campaigns/" + id;
    }

    /** The results CSV, streamed through from the API. */
    @GetMapping("/campaigns/{id}/results.csv")
    void results(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        HttpResponse<InputStream> download = api.download(credentials.current(), "/api/v1/campaigns/" + id + "/results.csv");
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", download.headers().firstValue("Content-Disposition")
                .orElse("attachment; filename=\"campaign-" + id + "-results.csv\""));
        try (InputStream in = download.body(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    void status(UUID id, Authentication authentication, Model model, Credential credential) {
        Map<String, Object> campaign = api.getMap(credential, "/api/v1/campaigns/" + id);
        model.addAttribute("c", campaign);
        model.addAttribute("actions", CampaignView.actions(campaign, Credentials.roles(authentication)));
        model.addAttribute("failed", CampaignView.failed(campaign));
        model.addAttribute("inFlight", CampaignView.inFlight(campaign));
        model.addAttribute("succeeded", CampaignView.count(campaign, "SUCCEEDED"));
        model.addAttribute("waiting", CampaignView.waiting(campaign));
        model.addAttribute("awaiting", CampaignView.awaitingApproval(campaign));
        model.addAttribute("fingerprint", CampaignView.fingerprint(campaign));
        model.addAttribute("live", !CampaignView.FINAL.contains(String.valueOf(campaign.get("state"))));
    }

    void orgs(UUID id, OrgFilter filter, Model model, Credential credential) {
        String query = UriComponentsBuilder.fromPath("/api/v1/campaigns/" + id + "/orgs").queryParam("limit", PAGE)
                .queryParamIfPresent("state", Optional.ofNullable(blankToNull(filter.state())))
                .queryParamIfPresent("wave", Optional.ofNullable(filter.wave()))
                .queryParamIfPresent("instance", Optional.ofNullable(blankToNull(filter.instance())))
                .queryParamIfPresent("search", Optional.ofNullable(blankToNull(filter.search())))
                .queryParamIfPresent("errorCode", Optional.ofNullable(blankToNull(filter.errorCode())))
                .queryParamIfPresent("after", Optional.ofNullable(blankToNull(filter.after())))
                .encode().build().toUriString();
        try {
            model.addAttribute("orgs", api.getMap(credential, query));
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            model.addAttribute("orgsError", problem.explanation());
        }
        model.addAttribute("campaignId", id);
        model.addAttribute("filterState", blankToNull(filter.state()));
        model.addAttribute("filterWave", filter.wave());
        model.addAttribute("filterInstance", blankToNull(filter.instance()));
        model.addAttribute("filterSearch", blankToNull(filter.search()));
        model.addAttribute("filterErrorCode", blankToNull(filter.errorCode()));
        model.addAttribute("after", blankToNull(filter.after()));
    }

    /** The failure breakdown: by Salesforce error code and by pod, a few example orgs each. */
    void failures(UUID id, Model model, Credential credential) {
        model.addAttribute("campaignId", id);
        try {
            model.addAttribute("breakdown", api.getMap(credential, "/api/v1/campaigns/" + id + "/failures?examples=3"));
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            model.addAttribute("failuresError", problem.explanation());
        }
    }

    void activity(UUID id, Model model, Credential credential) {
        model.addAttribute("campaignId", id);
        try {
            model.addAttribute("audit", api.getMap(credential, "/api/v1/campaigns/" + id + "/audit?limit=20"));
        } catch (ApiProblem problem) {
            model.addAttribute("auditError", problem.explanation());
        }
        if (!api.hasNotifier()) {
            model.addAttribute("emailsError", "The console has no notifier address (upshift.console.notifier-url).");
            return;
        }
        try {
            model.addAttribute("emails", api.get(credential, Api.Service.NOTIFIER, "/api/v1/campaigns/" + id + "/emails")
                    .map().get("emails"));
        } catch (ApiProblem problem) {
            model.addAttribute("emailsError", problem.explanation());
        }
    }

    /** The campaign's rehearsals, newest first (the planner's list, without their reports). */
    @SuppressWarnings("unchecked")
    void rehearsals(UUID id, Model model, Credential credential) {
        if (model.getAttribute("c") instanceof Map<?, ?> campaign) {
            model.addAttribute("draft", RehearsalView.draft((Map<String, Object>) campaign));
        }
        try {
            model.addAttribute("rehearsals", RehearsalView.rehearsals(
                    api.getList(credential, "/api/v1/campaigns/" + id + "/rehearsals")));
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            model.addAttribute("rehearsalsError", problem.explanation());
        }
    }

    /** The orgs table's filters, each optional: state, wave, pod, error code, org id or name prefix, page. */
    record OrgFilter(String state, Integer wave, String instance, String errorCode, String search, String after) {
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
