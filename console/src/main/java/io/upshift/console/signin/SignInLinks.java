package io.upshift.console.signin;

import io.upshift.console.ConsoleProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One-time sign-in links for the local stack: {@code ./upshift run --keep-running} prints one, so the person
 * who started the stack is one click from the console. A link stands for an API key held here, in memory
 * (the key itself never appears in a URL, a browser history or a log); it works once and for a limited time,
 * and only where API-key sign-in is enabled. A used, expired or unknown link leads to the sign-in page,
 * which says so.
 */
@Controller
public class SignInLinks {

    private record Pending(String apiKey, Instant expires) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final AuthenticationManager authentication;
    private final ConsoleProperties properties;
    private final Clock clock;

    SignInLinks(AuthenticationManager authentication, ConsoleProperties properties, Clock clock) {
        this.authentication = authentication;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new link's token for this API key, good once within {@code validFor}. */
    public String issue(String apiKey, Duration validFor) {
        if (!properties.apiKeySignIn()) {
            throw new IllegalStateException("sign-in links need API-key sign-in (upshift.console.api-key-sign-in=true)");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(token, new Pending(apiKey, clock.instant().plus(validFor)));
        return token;
    }

    @GetMapping("/sign-in/link")
    String signIn(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
            HttpServletResponse response) {
        Pending link = pending.remove(token);
        if (link == null || !properties.apiKeySignIn() || link.expires().isBefore(clock.instant())) {
            return "redirect:/sign-in?link-used";
        }
        Authentication person;
        try {
            person = authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("link", link.apiKey()));
        } catch (AuthenticationException refused) {
            return "redirect:/sign-in?failed";
        }
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(person);
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        return "redirect:/campaigns";
    }
}
