package io.upshift.console.web;

import io.upshift.console.api.ApiProblem;
import io.upshift.console.signin.Credentials;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

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

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, Model model, HttpServletResponse response) {
        response.setStatus(problem.status() == 401 ? 401 : problem.status());
        model.addAttribute("problem", problem);
        return "problem";
    }
}
