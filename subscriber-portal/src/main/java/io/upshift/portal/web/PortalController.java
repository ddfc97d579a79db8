package io.upshift.portal.web;

import io.upshift.common.links.SubscriberLinks;
import io.upshift.messages.SubscriberAction;
import io.upshift.portal.PortalProperties;
import io.upshift.portal.domain.RateLimiter;
import io.upshift.portal.kafka.RequestSender;
import io.upshift.portal.link.LinkGuard;
import io.upshift.portal.planner.PlannerViews;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portal's whole surface: one page per signed link ({@code GET /s/<link>}) and its two forms (move,
 * skip). Everything is keyed by the link alone; nothing lists or looks up orgs or campaigns. Each call is
 * rate-limited per client address and per link, the link checked first; a refused link gets a page that
 * says why, a 4xx, a count in {@code upshift_portal_link_rejected_total{reason}}, and changes nothing.
 */
@Controller
class PortalController {

    private static final Logger log = LoggerFactory.getLogger(PortalController.class);
    private static final int REASON_MAX = 500;

    private final LinkGuard guard;
    private final PlannerViews planner;
    private final RequestSender sender;
    private final RateLimiter perIp;
    private final RateLimiter perLink;
    private final Clock clock;

    PortalController(LinkGuard guard, PlannerViews planner, RequestSender sender, PortalProperties properties,
            Clock clock) {
        this.guard = guard;
        this.planner = planner;
        this.sender = sender;
        this.perIp = new RateLimiter(properties.perIp(), properties.period(), clock);
        this.perLink = new RateLimiter(properties.perLink(), properties.period(), clock);
        this.clock = clock;
    }

    @GetMapping("/s/{link}")
    String page(@PathVariable String link, @RequestParam(required = false) String sent, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Optional<Checked> checked = admit(link, request, response, model, true);
        if (checked.isEmpty()) {
            return "portal/refused";
        }
        return render(checked.get(), link, "move".equals(sent) || "skip".equals(sent) ? sent : null, request, model);
    }

    @PostMapping("/s/{link}/move")
    String move(@PathVariable String link, @RequestParam UUID requestId, @RequestParam String window,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Checked> checked = admit(link, request, response, model, false);
        if (checked.isEmpty()) {
            return "portal/refused";
        }
        PlannerViews.View view = checked.get().view();
        // the planner judges the window (still allowed in its own right); the portal only reads the form
        Optional<PlannerViews.Choice> choice = PageText.parse(window);
        Optional<String> refusal = refusal(view, choice.isPresent() ? null : LinkGuard.Extra.NOT_A_CHOICE);
        if (refusal.isPresent()) {
            return refuse(refusal.get(), 409, view, request, response, model);
        }
        SubscriberLinks.Link signed = checked.get().link();
        sender.send(requestId, signed.campaignId(), signed.orgId(), link, SubscriberAction.MOVE, choice.get().start(),
                choice.get().end(), null, clock.instant());
        log.info("subscriber request {}: org {} moves its window in campaign {}", requestId, signed.orgId(),
                signed.campaignId());
        return "redirect:/s/" + link + "?sent=move";
    }

    @PostMapping("/s/{link}/skip")
    String skip(@PathVariable String link, @RequestParam UUID requestId,
            @RequestParam(required = false, defaultValue = "") String reason, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Optional<Checked> checked = admit(link, request, response, model, false);
        if (checked.isEmpty()) {
            return "portal/refused";
        }
        PlannerViews.View view = checked.get().view();
        Optional<String> refusal = refusal(view, view.mayOptOut() ? null : LinkGuard.Extra.OPT_OUT_NOT_ALLOWED);
        if (refusal.isPresent()) {
            return refuse(refusal.get(), 409, view, request, response, model);
        }
        String trimmed = reason.strip();
        trimmed = trimmed.substring(0, Math.min(REASON_MAX, trimmed.length()));
        SubscriberLinks.Link signed = checked.get().link();
        sender.send(requestId, signed.campaignId(), signed.orgId(), link, SubscriberAction.OPT_OUT, null, null,
                trimmed.isEmpty() ? null : trimmed, clock.instant());
        log.info("subscriber request {}: org {} skips campaign {}", requestId, signed.orgId(), signed.campaignId());
        return "redirect:/s/" + link + "?sent=skip";
    }

    /** @param expired the link expired: the page shows what became of the upgrade and offers nothing */
    private record Checked(SubscriberLinks.Link link, PlannerViews.View view, boolean expired) {
    }

    /** Rate limits, the link, then the planner's view: empty (and the refused page's model) when any says no. */
    private Optional<Checked> admit(String link, HttpServletRequest request, HttpServletResponse response,
            Model model, boolean readOnly) {
        Locale browser = PageText.localeOf(request.getLocale() == null ? null : request.getLocale().toLanguageTag());
        if (!perIp.allow("ip:" + request.getRemoteAddr()) || !perLink.allow("link:" + link)) {
            guard.refused(LinkGuard.Extra.RATE_LIMITED);
            response.setHeader("Retry-After", "60");
            refusedPage("rate_limited", 429, browser, request, response, model);
            return Optional.empty();
        }
        SubscriberLinks.Check check = guard.check(link);
        if (readOnly && check instanceof SubscriberLinks.Refused expired
                && expired.reason() == SubscriberLinks.Rejection.EXPIRED
                && guard.authenticEvenIfExpired(link) instanceof SubscriberLinks.Valid authentic) {
            // too late is said plainly: under way, later the result — with a 410, and no form
            Optional<PlannerViews.View> view = planner.view(link);
            if (view.isPresent()) {
                response.setStatus(410);
                return Optional.of(new Checked(authentic.link(), view.get(), true));
            }
        }
        if (check instanceof SubscriberLinks.Refused refused) {
            refusedPage(refused.reason().label(), refused.reason() == SubscriberLinks.Rejection.EXPIRED ? 410 : 404,
                    browser, request, response, model);
            return Optional.empty();
        }
        Optional<PlannerViews.View> view = planner.view(link);
        if (view.isEmpty()) {
            guard.refused(LinkGuard.Extra.UNKNOWN_ORG);
            refusedPage("unknown_org", 404, browser, request, response, model);
            return Optional.empty();
        }
        return Optional.of(new Checked(((SubscriberLinks.Valid) check).link(), view.get(), false));
    }

    /** Why a change cannot be made now, counted; empty when it can. */
    private Optional<String> refusal(PlannerViews.View view, LinkGuard.Extra specific) {
        if (!"WAITING".equals(view.stage())) {
            guard.refused(LinkGuard.Extra.TOO_LATE);
            return Optional.of("too_late");
        }
        if (view.changesLeft() <= 0) {
            guard.refused(SubscriberLinks.Rejection.CHANGES_USED_UP);
            return Optional.of("changes_used_up");
        }
        if (specific != null) {
            guard.refused(specific);
            return Optional.of(specific.name().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    private String refuse(String reason, int status, PlannerViews.View view, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        refusedPage(reason, status, PageText.localeOf(view.locale()), request, response, model);
        return "portal/refused";
    }

    private static void refusedPage(String reason, int status, Locale locale, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        response.setStatus(status);
        request.setAttribute(PortalLocale.ATTRIBUTE, locale);
        model.addAttribute("reason", reason);
        model.addAttribute("lang", locale.getLanguage());
    }

    private String render(Checked checked, String link, String sent, HttpServletRequest request, Model model) {
        PlannerViews.View view = checked.view();
        Locale locale = PageText.localeOf(view.locale());
        ZoneId zone = PageText.zoneOf(view.timeZone());
        request.setAttribute(PortalLocale.ATTRIBUTE, locale);
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("link", link);
        model.addAttribute("view", view);
        model.addAttribute("orgName", view.orgName() == null || view.orgName().isBlank() ? view.orgId()
                : view.orgName());
        model.addAttribute("zoneName", PageText.zoneName(zone, locale));
        model.addAttribute("window", view.windowStart() == null ? null
                : PageText.window(view.windowStart(), view.windowEnd(), zone, locale));
        model.addAttribute("choices", PageText.choices(view, zone, locale));
        model.addAttribute("releaseNotesUrl", PageText.safeLink(view.releaseNotesUrl()));
        model.addAttribute("sent", sent);
        model.addAttribute("waiting", !checked.expired() && "WAITING".equals(view.stage()));
        model.addAttribute("canChange", !checked.expired() && "WAITING".equals(view.stage()) && view.changesLeft() > 0);
        model.addAttribute("expired", checked.expired());
        model.addAttribute("expires", PageText.window(checked.link().expiresAt(), checked.link().expiresAt(), zone,
                locale).local().split(" – ")[0]);
        // one id per rendered form: a double submit is one request for the planner
        model.addAttribute("requestId", UUID.randomUUID());
        model.addAttribute("now", Instant.now(clock));
        return "portal/page";
    }
}
