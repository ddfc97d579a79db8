package io.upshift.security.web;

import io.upshift.security.access.domain.AccessRule;
import io.upshift.security.access.domain.AccessRules;
import io.upshift.security.access.domain.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Decides every call by the service's {@link AccessRules} (first match wins, no match: refused),
 * and answers a refusal with a 403 that names the role the call needs and the roles the caller has.
 */
final class ApiAccess implements AuthorizationManager<RequestAuthorizationContext>, AccessDeniedHandler {

    private final List<Compiled> rules;

    ApiAccess(AccessRules rules) {
        PathPatternRequestMatcher.Builder matchers = PathPatternRequestMatcher.withDefaults();
        this.rules = rules.rules().stream().map(rule -> new Compiled(rule, rule.method() == null
                ? matchers.matcher(rule.pattern()) : matchers.matcher(HttpMethod.valueOf(rule.method()), rule.pattern())))
                .toList();
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Optional<AccessRule> rule = ruleFor(context.getRequest());
        Set<Role> roles = Callers.of(authentication.get()).map(Callers.Caller::roles).orElse(Set.of());
        return new AuthorizationDecision(rule.isPresent() && rule.get().allows(roles));
    }

    Optional<AccessRule> ruleFor(HttpServletRequest request) {
        return rules.stream().filter(r -> r.matcher.matches(request)).map(Compiled::rule).findFirst();
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Optional<Callers.Caller> caller = Callers.of(SecurityContextHolder.getContext().getAuthentication());
        String who = caller.map(Callers.Caller::name).orElse("the caller");
        String has = caller.map(c -> c.roles().isEmpty() ? "no Upshift role" : String.join(", ", names(c.roles())))
                .orElse("no Upshift role");
        Optional<AccessRule> rule = ruleFor(request);
        String detail = rule.filter(r -> !r.roles().isEmpty())
                .map(r -> "to " + r.action() + " a caller needs the role " + String.join(" or ", names(r.roles()))
                        + "; " + who + " has " + has)
                .orElse(request.getMethod() + " " + request.getRequestURI() + " is open to no role");
        Problems.write(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    private static List<String> names(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.toList());
    }

    private record Compiled(AccessRule rule, RequestMatcher matcher) {
    }
}
