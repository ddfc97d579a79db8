package io.upshift.console.web;

import io.upshift.console.api.ApiProblem;
import io.upshift.console.signin.Credentials;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * What every page knows: who is signed in and which roles they have at the API (to show only the
 * buttons they may press), and how an API refusal is shown — a plain page with the API's own words
 * and the same status (a forged POST by a VIEWER answers 403 here as it does at the API).
 */
@ControllerAdvice
class ConsoleAdvice {

    @ModelAttribute
    void who(Authentication authentication, Model model) {
        if (authentication == null) {
            return;
        }
        Set<String> roles = Credentials.roles(authentication);
        model.addAttribute("me", authentication.getName());
        model.addAttribute("roles", roles);
        model.addAttribute("canOperate", roles.contains("OPERATOR"));
        model.addAttribute("canApprove", roles.contains("APPROVER"));
        model.addAttribute("isAdmin", roles.contains("ADMIN"));
    }

    /**
     * A 401 means the person's credential no longer works (an expired sign-in that could not be renewed, a
     * revoked key): the session ends and they go back to the sign-in page, which says so in one line. An htmx
     * fragment request is told where to go (HX-Redirect) so the whole page goes, not a fragment of it.
     */
    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response) {
        if (problem.status() == 401) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", "/sign-in?expired");
                response.setStatus(204);
                return new ModelAndView(NOTHING);
            }
            return new ModelAndView("redirect:/sign-in?expired");
        }
        response.setStatus(problem.status());
        return new ModelAndView("problem", Map.of("problem", problem));
    }

    /** An answer without a body (htmx reads the HX-Redirect header). */
    private static final View NOTHING = (model, request, response) -> {
    };
}
