package io.upshift.console.web;

import io.upshift.console.ConsoleProperties;
import io.upshift.console.api.Api;
import io.upshift.console.api.ApiProblem;
import io.upshift.console.signin.Credentials;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The campaign page's live channel (server-sent events). The console reads the campaign from the API
 * every {@code upshift.console.poll-interval} with the viewer's own credential and sends {@code changed}
 * when what the page shows differs; the page then fetches its fragments (htmx {@code sse:changed}), each
 * rendered in a normal request — with the person's roles and CSRF token, so live buttons stay right.
 */
@RestController
class LiveUpdates {

    private static final long OPEN_FOR = Duration.ofMinutes(30).toMillis();

    private final Api api;
    private final Credentials credentials;
    private final TaskScheduler scheduler;
    private final ConsoleProperties properties;

    LiveUpdates(Api api, Credentials credentials, TaskScheduler scheduler, ConsoleProperties properties) {
        this.api = api;
        this.credentials = credentials;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @GetMapping(path = "/campaigns/{id}/live", produces = "text/event-stream")
    SseEmitter live(@PathVariable UUID id, @RequestParam(required = false) String seen) {
        // the person, not their token: each poll asks for a current token (an OpenID Connect one is refreshed)
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        SseEmitter emitter = new SseEmitter(OPEN_FOR);
        AtomicReference<String> shown = new AtomicReference<>(seen);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> running = task.get();
            if (running != null) {
                running.cancel(false);
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(error -> stop.run());
        task.set(scheduler.scheduleWithFixedDelay(() -> {
            try {
                Map<String, Object> campaign = api.getMap(credentials.of(person), "/api/v1/campaigns/" + id);
                String now = CampaignView.fingerprint(campaign);
                if (!now.equals(shown.getAndSet(now))) {
                    emitter.send(SseEmitter.event().name("changed").data(now));
                }
                if (CampaignView.FINAL.contains(String.valueOf(campaign.get("state")))) {
                    stop.run();
                }
            } catch (ApiProblem problem) {
                if (problem.status() == 401 || problem.status() == 403 || problem.status() == 404) {
                    stop.run();
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException gone) {
                stop.run();
            }
        }, properties.pollInterval()));
        return emitter;
    }
}
