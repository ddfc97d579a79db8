package io.upshift.console.web;

import io.upshift.console.ConsoleProperties;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page: the identity provider's button, and (on the local stack) the API-key form. */
@Controller
class SignInPage {

    private final ConsoleProperties properties;
    private final ObjectProvider<ClientRegistrationRepository> registrations;

    SignInPage(ConsoleProperties properties, ObjectProvider<ClientRegistrationRepository> registrations) {
        this.properties = properties;
        this.registrations = registrations;
    }

    @GetMapping("/sign-in")
    String signIn(@RequestParam Map<String, String> params, HttpSession session, Model model) {
        model.addAttribute("apiKeySignIn", properties.apiKeySignIn());
        List<Map<String, String>> providers = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof InMemoryClientRegistrationRepository repository) {
            for (ClientRegistration registration : repository) {
                providers.add(Map.of("id", registration.getRegistrationId(), "name", registration.getClientName(),
                        "url", "/oauth2/authorization/" + registration.getRegistrationId()));
            }
        }
        model.addAttribute("providers", providers);
        if (params.containsKey("failed") || params.containsKey("error")) {
            Object error = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("error", error instanceof AuthenticationException e ? e.getMessage()
                    : "Sign-in failed.");
        }
        model.addAttribute("signedOut", params.containsKey("signed-out"));
        model.addAttribute("expired", params.containsKey("expired"));
        model.addAttribute("linkUsed", params.containsKey("link-used"));
        return "sign-in";
    }
}
