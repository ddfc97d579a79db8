package io.upshift.console.web;

import io.upshift.console.api.Api;
import io.upshift.console.api.ApiProblem;
import io.upshift.console.api.Credential;
import io.upshift.console.signin.Credentials;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Rehearsals of a draft: start one from the campaign page, watch it run and read its report, compare two.
 * Every call is the planner's public rehearsal API with the person's credential; the planner decides who
 * may rehearse (OPERATOR) and what it accepts, and its problem details are shown in its own words.
 */
@Controller
class RehearsalPages {

    /** The form's fields that are the API's overrides, and whether each is a decimal (else a whole number). */
    static final Map<String, Boolean> OVERRIDES = Map.of("canaryPercent", true, "maxInFlight", false,
            "failureThresholdPercent", true, "minimumFinished", false);

    private final Api api;
    private final Credentials credentials;

    RehearsalPages(Api api, Credentials credentials) {
        this.api = api;
        this.credentials = credentials;
    }

    /** Starts a rehearsal and goes to its page; a refusal (400, 409) is shown on the campaign page with the form as filled in. */
    @PostMapping("/campaigns/{id}/rehearsals")
    String rehearse(@PathVariable UUID id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            Map<String, Object> started = api.sendJson(credentials.current(), "POST",
                    "/api/v1/campaigns/" + id + "/rehearsals", request(form), null).map();
            return "redirect:/campaigns/" + id + "/rehearsals/" + started.get("id");
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 403) {
                throw problem;
            }
            // shown in the rehearsals section, next to the form, where the page opens
            redirect.addFlashAttribute("rehearseError", "The rehearsal did not start: " + problem.explanation());
            redirect.addFlashAttribute("rehearseErrors", problem.errors());
            Map<String, String> filled = new LinkedHashMap<>(form);
            filled.remove("_csrf");
            redirect.addFlashAttribute("rehearseForm", filled);
            return "redirect:/campaigns/" + id + "#rehearsals";
        }
    }

    /**
     * The API's body from the form: empty fields are left out (the API's defaults, the draft's own values);
     * what does not read as a number goes as typed, so the API's problem details name the field.
     */
    static Map<String, Object> request(Map<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        String seeds = CampaignPages.blankToNull(form.get("seeds"));
        if (seeds != null) {
            body.put("seeds", number(seeds, false));
        }
        String delay = CampaignPages.blankToNull(form.get("approvalDelay"));
        if (delay != null) {
            body.put("approvalDelay", delay);
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (String field : List.of("canaryPercent", "maxInFlight", "failureThresholdPercent", "minimumFinished")) {
            String value = CampaignPages.blankToNull(form.get(field));
            if (value != null) {
                overrides.put(field, number(value, OVERRIDES.get(field)));
            }
        }
        if (!overrides.isEmpty()) {
            body.put("overrides", overrides);
        }
        return body;
    }

    private static Object number(String value, boolean decimal) {
        try {
            return decimal ? new BigDecimal(value) : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    @GetMapping("/campaigns/{id}/rehearsals/{rid}")
    String rehearsal(@PathVariable UUID id, @PathVariable UUID rid, Model model) {
        Credential credential = credentials.current();
        RehearsalView.Rehearsal rehearsal = RehearsalView.rehearsal(api.getMap(credential, "/api/v1/rehearsals/" + rid));
        if (!id.toString().equals(rehearsal.campaignId())) {
            return "redirect:/campaigns/" + rehearsal.campaignId() + "/rehearsals/" + rid;
        }
        model.addAttribute("c", api.getMap(credential, "/api/v1/campaigns/" + id));
        model.addAttribute("r", rehearsal);
        return "rehearsal";
    }

    /** The part that changes: polled every second while the rehearsal runs, then its report. */
    @GetMapping("/campaigns/{id}/rehearsals/{rid}/report")
    String report(@PathVariable UUID id, @PathVariable UUID rid, Model model) {
        model.addAttribute("r", RehearsalView.rehearsal(api.getMap(credentials.current(), "/api/v1/rehearsals/" + rid)));
        return "rehearsal :: report";
    }

    @GetMapping("/campaigns/{id}/rehearsals/compare")
    String compare(@PathVariable UUID id, @RequestParam UUID a, @RequestParam UUID b, Model model) {
        Credential credential = credentials.current();
        model.addAttribute("c", api.getMap(credential, "/api/v1/campaigns/" + id));
        model.addAttribute("cmp", RehearsalView.comparison(api.getMap(credential, "/api/v1/rehearsals/compare?a=" + a + "&b=" + b)));
        return "rehearsal-compare";
    }
}
