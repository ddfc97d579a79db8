package io.upshift.console.web;

import io.upshift.console.api.Api;
import io.upshift.console.api.ApiProblem;
import io.upshift.console.api.Credential;
import io.upshift.console.signin.Credentials;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Inventory: packages and versions, importing orgs from a file, the org list, an org's page. */
@Controller
class InventoryPages {

    private final Api api;
    private final Credentials credentials;

    InventoryPages(Api api, Credentials credentials) {
        this.api = api;
        this.credentials = credentials;
    }

    @GetMapping("/packages")
    String packages(Model model) {
        Credential credential = credentials.current();
        Object items = api.getMap(credential, "/api/v1/packages").get("items");
        Map<Object, Object> versions = new LinkedHashMap<>();
        if (items instanceof java.util.List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> p) {
                    versions.put(p.get("packageId"),
                            api.getMap(credential, "/api/v1/packages/" + p.get("packageId") + "/versions").get("items"));
                }
            }
        }
        model.addAttribute("packages", items);
        model.addAttribute("versions", versions);
        return "packages";
    }

    /** A headered CSV or a Salesforce CLI org file, sent as is; the API's report (or its per-line problems) is shown. */
    @PostMapping("/packages/{packageId}/import")
    String importOrgs(@PathVariable String packageId, @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean partial, RedirectAttributes redirect) throws IOException {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(java.util.Locale.ROOT);
        String type = name.endsWith(".csv") ? "text/csv" : "text/plain";
        try {
            Api.Answer answer = api.sendBytes(credentials.current(), "POST", "/api/v1/packages/" + packageId
                    + "/subscribers/import?partial=" + partial, type, file.getBytes());
            redirect.addFlashAttribute("report", answer.map());
            redirect.addFlashAttribute("message", "Imported " + file.getOriginalFilename() + ".");
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 403) {
                throw problem;
            }
            redirect.addFlashAttribute("error", problem.explanation());
            redirect.addFlashAttribute("errors", problem.errors());
        }
        return "redirect:/packages";
    }

    /**
     * Reads the package's subscribers from Salesforce's PackageSubscriber object now (the planner's sync,
     * ADMIN only). Where the planner has no Salesforce connection it answers 409 and says which setting is
     * missing; the page shows that sentence.
     */
    @PostMapping("/packages/{packageId}/sync")
    String sync(@PathVariable String packageId, RedirectAttributes redirect) {
        try {
            Api.Answer answer = api.sendJson(credentials.current(), "POST", "/api/v1/packages/" + packageId
                    + "/subscribers/sync", null, null);
            redirect.addFlashAttribute("report", answer.map());
            redirect.addFlashAttribute("message", "Synchronised the subscribers of " + packageId + " from Salesforce.");
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 403) {
                throw problem;
            }
            redirect.addFlashAttribute("error", "The sync did not run: " + problem.explanation());
            redirect.addFlashAttribute("errors", problem.errors());
        }
        return "redirect:/packages";
    }

    @GetMapping("/orgs")
    String orgs(@RequestParam(required = false) String packageId, @RequestParam(required = false) String type,
            @RequestParam(required = false) String instance, @RequestParam(required = false) String after, Model model) {
        String query = UriComponentsBuilder.fromPath("/api/v1/orgs").queryParam("limit", 50)
                .queryParamIfPresent("packageId", Optional.ofNullable(CampaignPages.blankToNull(packageId)))
                .queryParamIfPresent("type", Optional.ofNullable(CampaignPages.blankToNull(type)))
                .queryParamIfPresent("instance", Optional.ofNullable(CampaignPages.blankToNull(instance)))
                .queryParamIfPresent("after", Optional.ofNullable(CampaignPages.blankToNull(after)))
                .encode().build().toUriString();
        model.addAttribute("page", api.getMap(credentials.current(), query));
        model.addAttribute("packageId", packageId);
        model.addAttribute("type", type);
        model.addAttribute("instance", instance);
        return "orgs";
    }

    @GetMapping("/orgs/{orgId}")
    String org(@PathVariable String orgId, Model model) {
        Credential credential = credentials.current();
        model.addAttribute("org", api.getMap(credential, "/api/v1/orgs/" + orgId));
        model.addAttribute("history", api.getList(credential, "/api/v1/orgs/" + orgId + "/campaigns"));
        return "org";
    }

    @PostMapping("/orgs/{orgId}/exclusion")
    String exclusion(@PathVariable String orgId, @RequestParam boolean excluded, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        try {
            if (excluded) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("excluded", true);
                body.put("note", note == null ? null : note.strip());
                api.sendJson(credentials.current(), "PUT", "/api/v1/orgs/" + orgId + "/exclusion", body, null);
                redirect.addFlashAttribute("message", "Excluded from campaigns.");
            } else {
                api.sendJson(credentials.current(), "DELETE", "/api/v1/orgs/" + orgId + "/exclusion", null, null);
                redirect.addFlashAttribute("message", "Included in campaigns again.");
            }
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 403) {
                throw problem;
            }
            redirect.addFlashAttribute("error", problem.explanation());
        }
        return "redirect:/orgs/" + orgId;
    }
}
