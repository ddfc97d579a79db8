package io.upshift.security.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.security.audit.domain.AuditEntry;
import io.upshift.security.audit.domain.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes an audit entry for every state-changing call under {@code /api/}: it runs around the
 * security filters, so calls refused with 401 or 403 are recorded too, with the status the caller
 * got. The caller is taken inside the security filters ({@link #MARKER}), the route and its
 * target after the call. An entry that cannot be written is logged and counted; the call's own
 * answer stands (it has been made by then).
 */
final class AuditFilter extends OncePerRequestFilter {

    /** Metric: audit entries that could not be written. */
    static final String FAILURES = "upshift.api.audit.failures";
    private static final String CALLER = AuditFilter.class.getName() + ".caller";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditLog audit;
    private final Clock clock;
    private final Counter failures;

    AuditFilter(AuditLog audit, Clock clock, MeterRegistry meters) {
        this.audit = audit;
        this.clock = clock;
        this.failures = Counter.builder(FAILURES).description("Audit entries that could not be written")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            write(request, response, status);
        }
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status) {
        try {
            Callers.Caller caller = (Callers.Caller) request.getAttribute(CALLER);
            String path = request.getRequestURI();
            Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            String[] segments = path.split("/");
            // /api/v1/<resource>/<target>/…: segments[0] is empty, [1] "api", [2] the version
            String resource = segments.length > 3 ? segments[3] : null;
            String target = targetOf(segments, response);
            audit.record(new AuditEntry(0, clock.instant(), caller == null ? null : caller.name(),
                    caller == null ? null : caller.method(), request.getMethod(), route == null ? null : route.toString(),
                    path, resource, target, request.getRemoteAddr(), status));
        } catch (RuntimeException e) {
            failures.increment();
            log.error("could not write the audit entry of {} {} ({}): {}", request.getMethod(), request.getRequestURI(),
                    status, e.toString());
        }
    }

    /** The item addressed: from the path, or for a creation from the Location of the answer. */
    private static String targetOf(String[] segments, HttpServletResponse response) {
        String target = segments.length > 4 ? segments[4] : null;
        String location = response.getHeader("Location");
        if (target == null && location != null && response.getStatus() == 201) {
            String locationPath = URI.create(location).getPath();
            target = locationPath.substring(locationPath.lastIndexOf('/') + 1);
        }
        if (target == null) {
            return null;
        }
        target = java.net.URLDecoder.decode(target, java.nio.charset.StandardCharsets.UTF_8);
        try {
            // a campaign read as /campaigns/ABC… or /campaigns/abc… is one campaign
            return UUID.fromString(target).toString();
        } catch (IllegalArgumentException notAUuid) {
            return target;
        }
    }

    /** Inside the security filters, after authentication: remembers the caller for the entry. */
    static final class Marker extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Callers.of(SecurityContextHolder.getContext().getAuthentication())
                    .ifPresent(caller -> request.setAttribute(CALLER, caller));
            chain.doFilter(request, response);
        }
    }

}
