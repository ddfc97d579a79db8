package io.upshift.planner.api;

import io.upshift.security.web.Callers;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is to the planner: its principal, how it proved it and its roles. The console asks
 * this once at sign-in to decide which buttons to show (the API still checks every call itself).
 */
@RestController
class MeController {

    /** The caller's principal and effective roles (VIEWER is implied by any role). */
    record Me(String principal, String authentication, List<String> roles) {
    }

    @GetMapping("/api/v1/me")
    Me me(Authentication authentication) {
        Callers.Caller caller = Callers.of(authentication)
                .orElseThrow(() -> new IllegalStateException("/api/v1/me is only reached authenticated"));
        return new Me(caller.name(), caller.method() == null ? null : caller.method().name(),
                caller.roles().stream().map(Enum::name).sorted().toList());
    }
}
