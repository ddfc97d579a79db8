package io.upshift.console.web;

import io.upshift.console.api.Api;
import io.upshift.console.api.ApiProblem;
import io.upshift.console.api.Credential;
import io.upshift.console.signin.Credentials;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * New campaign → preview → schedule. The planner previews only a stored DRAFT, so "Preview" creates the
 * draft (the page says so); nothing reaches a subscriber, and no notice is sent, until "Schedule".
 */
@Controller
class NewCampaignPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Api api;
    private final Credentials credentials;

    NewCampaignPages(Api api, Credentials credentials) {
        this.api = api;
        this.credentials = credentials;
    }

    @GetMapping("/campaigns/new")
    String form(Model model) {
        prepare(model, Map.of());
        return "new-campaign";
    }

    /**
     * Creates the draft and, when an org file was uploaded, sets its selection from the file through the
     * planner's {@code POST /campaigns/{id}/selection} (the import's reader and per-line problems). A file the
     * planner refuses discards the draft again and shows the form with each bad line, as it was filled in.
     */
    @PostMapping("/campaigns/new")
    String create(@RequestParam MultiValueMap<String, String> form,
            @RequestParam(name = "_orgFile", required = false) MultipartFile orgFile, Model model,
            RedirectAttributes redirect) throws IOException {
        Map<String, Object> request = CampaignForm.toRequest(form);
        boolean withFile = orgFile != null && !orgFile.isEmpty();
        Credential credential = credentials.current();
        String id = null;
        try {
            if (withFile && form.containsKey("selection.orgIds")
                    && form.get("selection.orgIds").stream().anyMatch(ids -> !ids.isBlank())) {
                throw new ApiProblem(422, "Two lists of orgs", "Paste org ids or upload an org file, not both.",
                        List.of(), null);
            }
            Api.Answer created = api.sendJson(credential, "POST", "/api/v1/campaigns", request, null);
            id = String.valueOf(created.map().get("id"));
            if (withFile) {
                boolean partial = form.containsKey("_orgFilePartial");
                Map<String, Object> selected = api.sendBytes(credential, "POST", "/api/v1/campaigns/" + id
                        + "/selection?partial=" + partial, contentType(orgFile), orgFile.getBytes()).map();
                redirect.addFlashAttribute("message", "Selected " + selected.get("selected") + " orgs from "
                        + orgFile.getOriginalFilename() + ".");
                if (selected.get("rejected") instanceof Number skipped && skipped.longValue() > 0) {
                    redirect.addFlashAttribute("error", "Skipped " + skipped + " bad line(s) of the file:");
                    redirect.addFlashAttribute("errors", ApiProblem.errorsOf(selected.get("errors")));
                }
            }
            return "redirect:/campaigns/" + id + "/preview";
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            if (id != null) {
                discard(credential, id, problem);
            }
            model.addAttribute("problem", problem);
            model.addAttribute("fileRefused", id != null);
            prepare(model, form.toSingleValueMap());
            model.addAttribute("selected", form);
            return "new-campaign";
        }
    }

    /** The draft made for a file the planner then refused: nobody asked for it without its orgs. */
    private void discard(Credential credential, String id, ApiProblem why) {
        try {
            api.sendJson(credential, "POST", "/api/v1/campaigns/" + id + "/cancel",
                    Map.of("reason", "its org file was refused: " + why.title()), null);
        } catch (ApiProblem ignored) {
            // the form says the file was refused either way; a draft left behind is only a draft
        }
    }

    private static String contentType(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? "text/csv" : "text/plain";
    }

    @GetMapping("/campaigns/{id}/preview")
    String preview(@PathVariable UUID id, Model model) {
        Credential credential = credentials.current();
        Map<String, Object> campaign = api.getMap(credential, "/api/v1/campaigns/" + id);
        if (!"DRAFT".equals(campaign.get("state"))) {
            return "redirect:/campaigns/" + id;
        }
        Map<String, Object> preview = api.getMap(credential, "/api/v1/campaigns/" + id + "/preview");
        model.addAttribute("c", campaign);
        model.addAttribute("p", preview);
        Object plan = preview.get("plan");
        model.addAttribute("plan", plan instanceof Map<?, ?> ? plan : Map.of());
        model.addAttribute("timeline", JSON.writeValueAsString(timeline(plan)));
        return "preview";
    }

    @GetMapping("/campaigns/{id}/exclusions")
    String exclusions(@PathVariable UUID id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String after, Model model) {
        String query = UriComponentsBuilder.fromPath("/api/v1/campaigns/" + id + "/preview/exclusions")
                .queryParam("limit", 100)
                .queryParamIfPresent("reason", java.util.Optional.ofNullable(CampaignPages.blankToNull(reason)))
                .queryParamIfPresent("after", java.util.Optional.ofNullable(CampaignPages.blankToNull(after)))
                .encode().build().toUriString();
        model.addAttribute("page", api.getMap(credentials.current(), query));
        model.addAttribute("campaignId", id);
        model.addAttribute("reason", reason);
        return "exclusions";
    }

    @PostMapping("/campaigns/{id}/schedule")
    String schedule(@PathVariable UUID id, @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        try {
            api.sendJson(credentials.current(), "POST", "/api/v1/campaigns/" + id + "/schedule", null, version);
            redirect.addFlashAttribute("message", "Scheduled: the advance notices go out now.");
            return "redirect:/campaigns/" + id;
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 403) {
                throw problem;
            }
            redirect.addFlashAttribute("error", problem.explanation());
            redirect.addFlashAttribute("errors", problem.errors());
            return "redirect:/campaigns/" + id + "/preview";
        }
    }

    /** The waves as bars for the chart: label, start and end (epoch milliseconds), size. */
    static List<Map<String, Object>> timeline(Object plan) {
        List<Map<String, Object>> bars = new ArrayList<>();
        if (plan instanceof Map<?, ?> p && p.get("waves") instanceof List<?> waves) {
            for (Object item : waves) {
                if (item instanceof Map<?, ?> wave && wave.get("projectedStart") != null && wave.get("projectedEnd") != null) {
                    Map<String, Object> bar = new LinkedHashMap<>();
                    bar.put("label", "Wave " + wave.get("number") + " · " + wave.get("kind") + " · " + wave.get("size"));
                    bar.put("start", java.time.Instant.parse(String.valueOf(wave.get("projectedStart"))).toEpochMilli());
                    bar.put("end", java.time.Instant.parse(String.valueOf(wave.get("projectedEnd"))).toEpochMilli());
                    bars.add(bar);
                }
            }
        }
        return bars;
    }

    private void prepare(Model model, Map<String, String> values) {
        Credential credential = credentials.current();
        Object packages = api.getMap(credential, "/api/v1/packages").get("items");
        List<String> versions = new ArrayList<>();
        if (packages instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> p) {
                    Object items = api.getMap(credential, "/api/v1/packages/" + p.get("packageId") + "/versions").get("items");
                    if (items instanceof List<?> vs) {
                        vs.forEach(v -> {
                            if (v instanceof Map<?, ?> version && !versions.contains(String.valueOf(version.get("version")))) {
                                versions.add(String.valueOf(version.get("version")));
                            }
                        });
                    }
                }
            }
        }
        model.addAttribute("packages", packages == null ? List.of() : packages);
        model.addAttribute("versions", versions);
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("schedule.noticePeriod", "PT72H");
        defaults.put("gate.failureThresholdPercent", "5");
        defaults.put("gate.minimumFinished", "10");
        defaults.put("orgTimeout", "PT4H");
        defaults.putAll(values);
        model.addAttribute("v", defaults);
        model.addAttribute("fresh", values.isEmpty());
    }
}
