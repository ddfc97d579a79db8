package io.upshift.portal.web;

import io.upshift.portal.kafka.RequestSender;
import io.upshift.portal.planner.PlannerViews;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** A page, never a stack trace: the planner or the broker away is a 503 that says "try again later". */
@ControllerAdvice
class PortalErrors {

    private static final Logger log = LoggerFactory.getLogger(PortalErrors.class);

    @ExceptionHandler({PlannerViews.Unavailable.class, RequestSender.NotSent.class})
    String unavailable(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        log.warn("subscriber page unavailable: {}", e.getMessage());
        return page("unavailable", 503, request, response, model);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    String badForm(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return page("bad_form", 400, request, response, model);
    }

    private static String page(String reason, int status, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        response.setStatus(status);
        model.addAttribute("reason", reason);
        model.addAttribute("lang", PageText.localeOf(request.getLocale() == null ? null
                : request.getLocale().toLanguageTag()).getLanguage());
        return "portal/refused";
    }
}
