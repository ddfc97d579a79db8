package io.upshift.portal.planner;

import io.upshift.portal.PortalProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what one signed link allows from the planner ({@code GET /api/v1/subscriber-view}, the link in
 * a header, the portal's own key): the planner checks the link itself and answers 404 for any link it
 * does not accept, so this class never names an org or a campaign of its own accord.
 */
@Component
public class PlannerViews {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final PortalProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    PlannerViews(PortalProperties properties) {
        this.properties = properties;
    }

    /** The planner's view of a link (the same fields as its {@code SubscriberView}). */
    public record View(String orgId, String orgName, String packageName, String currentVersion, String targetVersion,
            String releaseNotesUrl, String timeZone, String locale, Instant windowStart, Instant windowEnd,
            String stage, String result, String resultCode, String versionAfter, List<Choice> choices,
            boolean mayOptOut, int changesLeft, String supportContact) {

        public View {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }
    }

    public record Choice(Instant start, Instant end) {
    }

    /** The planner cannot be reached or answered with an error other than 404. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The view, or empty when the planner does not accept the link (or knows no such org). */
    public Optional<View> view(String link) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.plannerUrl() + "/api/v1/subscriber-view"))
                .timeout(Duration.ofSeconds(5))
                .header("X-API-Key", properties.plannerApiKey())
                .header("Upshift-Subscriber-Link", link)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable("the planner cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("the planner answered " + response.statusCode(), null);
        }
        return Optional.of(JSON.readValue(response.body(), View.class));
    }
}
